// What every story file shares: the state presets (dark, elder, locales, phone width, signed in
// or out), the fake sign-in, and the small DOM helpers play functions use to reach into an
// element's shadow root by its documented parts. A new element's stories are one file of
// `meta.story(...)` lines built from these.
import { createClient } from '@zheli/client';
import type { Locale, Mode, ZheliAuth, ZheliData, ZheliUser } from '@zheli/elements';
import type { HttpHandler } from 'msw';
import { waitFor } from 'storybook/test';
import { apiBase } from './mocks/api.js';
import { anjiDriver } from './mocks/seed.js';

/** The toolbar's theme choices. */
export type Theme = 'light' | 'dark';

/** How a story configures the elements (`parameters.zheli`). */
export interface ZheliStoryParameters {
  /** `false` renders the element with no configuration at all (its "what to do" message). */
  configured?: boolean;
  /** Whether someone is signed in when the story starts. */
  session?: 'signed-in' | 'signed-out';
  /** `fails`: pressing sign in fails (the provider refused or the popup was closed). */
  signIn?: 'succeeds' | 'fails';
}

/** A fake sign-in with the elements' `ZheliAuth` interface, and what it was asked to do. */
export interface FakeAuth extends ZheliAuth {
  readonly calls: string[];
}

/**
 * An in-story sign-in: `signIn()` takes 400 ms (so the busy state is visible) and signs in the
 * Anji car owner (`p-anji-driver`, 陈建国); `signOut()` forgets them.
 */
export function fakeAuth(
  initial: ZheliUser | null = null,
  behaviour: { fails?: boolean } = {},
): FakeAuth {
  let user = initial;
  const calls: string[] = [];
  return {
    calls,
    async signIn(options) {
      calls.push(`signIn popup=${options?.popup === true}`);
      await new Promise((resolve) => setTimeout(resolve, 400));
      if (behaviour.fails) throw new Error('access_denied: the person closed the sign-in window');
      user = { sub: anjiDriver.sub, claims: { ...anjiDriver.claims } };
      return user;
    },
    async signOut() {
      calls.push('signOut');
      user = null;
    },
    async getUser() {
      return user;
    },
  };
}

/**
 * The client the elements use in stories: the real `@zheli/client`, pointed at an origin MSW
 * answers, with no automatic retries (so an error state shows at once and its retry button is
 * what QA presses).
 */
export function storyClient(auth: ZheliAuth, locale: () => Locale): ZheliData {
  return createClient({
    baseUrl: apiBase,
    retry: 0,
    locale,
    getAccessToken: async () => ((await auth.getUser()) ? 'story-access-token' : undefined),
  });
}

// --- State presets: spread into `meta.story({ ...elder })` or pass alone `meta.story(elder)`. ---

export const dark = { globals: { theme: 'dark' satisfies Theme } };
export const elder = {
  globals: { mode: 'elder' satisfies Mode },
  // Elder mode promises 7:1 contrast: axe's AAA contrast rule runs too.
  parameters: {
    a11y: { options: { rules: { 'color-contrast-enhanced': { enabled: true } } } },
  },
};
export const english = { globals: { locale: 'en' satisfies Locale } };
export const traditional = { globals: { locale: 'zh-TW' satisfies Locale } };
/** Storybook's 320 × 568 phone (the `mobile1` viewport), also in the Vitest run. */
export const narrow = { globals: { viewport: { value: 'mobile1', isRotated: false } } };
export const signedIn = {
  parameters: { zheli: { session: 'signed-in' } satisfies ZheliStoryParameters },
};
export const signedOut = {
  parameters: { zheli: { session: 'signed-out' } satisfies ZheliStoryParameters },
};
export const signInFails = {
  parameters: { zheli: { signIn: 'fails' } satisfies ZheliStoryParameters },
};
export const unconfigured = {
  parameters: { zheli: { configured: false } satisfies ZheliStoryParameters },
};

/** Handlers for one story, on top of the platform's defaults. */
export function withHandlers(...handlers: HttpHandler[]) {
  return {
    beforeEach({ msw }: { msw: { use(...handlers: HttpHandler[]): void } }) {
      msw.use(...handlers);
    },
  };
}

/**
 * The error-with-retry story of an element that loads from the platform: `outage` fails the load
 * (503) until the element shows its retry button (the `retry` part, or what `retryButton`
 * finds); then the platform is back, the button is clicked, and `loaded` must pass.
 */
export function retriesAfterOutage<K extends keyof HTMLElementTagNameMap>(
  outage: { start(): HttpHandler; end(): void },
  tag: K,
  loaded: (element: HTMLElementTagNameMap[K], canvas: HTMLElement) => Promise<unknown>,
  retryButton: (element: HTMLElementTagNameMap[K]) => HTMLElement = (element) =>
    part(element, 'retry'),
) {
  return {
    beforeEach({ msw }: { msw: { use(...handlers: HttpHandler[]): void } }) {
      msw.use(outage.start());
    },
    async play({
      canvasElement,
      userEvent,
    }: {
      canvasElement: HTMLElement;
      userEvent: { click(element: Element): Promise<void> };
    }) {
      const element = find(canvasElement, tag);
      const retry = await waitFor(() => retryButton(element));
      outage.end();
      await userEvent.click(retry);
      await loaded(element, canvasElement);
    },
  };
}

// --- DOM helpers for play functions. ---

/** The first `tag` in the story's canvas (elements render as light-DOM children of it). */
export function find<K extends keyof HTMLElementTagNameMap>(
  canvas: HTMLElement,
  tag: K,
): HTMLElementTagNameMap[K] {
  const found = canvas.querySelector(tag);
  if (!found) throw new Error(`No <${tag}> in the story`);
  return found;
}

/** An element's shadow part, e.g. `part(card, 'name')`. */
export function part<E extends HTMLElement = HTMLElement>(element: Element, name: string): E {
  const found = element.shadowRoot?.querySelector<E>(`[part~="${name}"]`);
  if (!found) throw new Error(`No part "${name}" in <${element.localName}>`);
  return found;
}

export function parts(element: Element, name: string): HTMLElement[] {
  return [...(element.shadowRoot?.querySelectorAll<HTMLElement>(`[part~="${name}"]`) ?? [])];
}

/** The text a person sees (shadow DOM included), whitespace collapsed. */
export function textOf(element: Element): string {
  const root = element.shadowRoot ?? element;
  return (root.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/**
 * Runs a story on a fixed clock: `Date` starts at `iso` and then runs on at real speed (so
 * timeouts and durations stay true), like `vi.setSystemTime`. Storybook runs the returned cleanup
 * before the next story, which restores the real clock.
 */
export function atTime(iso: string) {
  return {
    beforeEach() {
      const RealDate = Date;
      const offset = new RealDate(iso).getTime() - RealDate.now();
      class StoryDate extends RealDate {
        constructor(...args: unknown[]) {
          if (args.length === 0) super(RealDate.now() + offset);
          else super(...(args as [number]));
        }
        static override now(): number {
          return RealDate.now() + offset;
        }
      }
      globalThis.Date = StoryDate as DateConstructor;
      return () => {
        globalThis.Date = RealDate;
      };
    },
  };
}
