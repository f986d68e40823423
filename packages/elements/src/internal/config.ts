import { ContextEvent, createContext } from '@lit/context';
import type { ZheliData } from './data.js';
import type { Locale } from './localize.js';

/** How an element presents itself: `standard`, or `elder` (适老化: larger type, 7:1 contrast). */
export type Mode = 'standard' | 'elder';

/** A signed-in person as the login button shows them (what `@zheli/auth`'s `getUser()` returns). */
export interface ZheliUser {
  /** The subject: the provider's stable id for this person. */
  sub: string;
  /** The ID token's claims; `name` is shown masked. */
  claims: { readonly [claim: string]: unknown };
}

/**
 * The part of `@zheli/auth` the elements call. An auth made by `createAuth()` provides it.
 */
export interface ZheliAuth {
  /** Starts sign-in: in a popup, or by redirecting the page. */
  signIn(options?: { popup?: boolean; params?: Record<string, string> }): Promise<unknown>;
  /** Signs out. */
  signOut(): Promise<unknown>;
  /** The signed-in person, or `null`. */
  getUser(): Promise<ZheliUser | null>;
  /** Completes a redirect sign-in when the page is the redirect URI. */
  handleCallback?(url?: string): Promise<unknown>;
  /** The access token for the API (`undefined` when signed out); `forceRefresh` after a 401. */
  getAccessToken?(options?: { forceRefresh?: boolean }): Promise<string | undefined>;
  /**
   * Listens to the auth's changes and returns the function that stops listening. The elements
   * read `getUser()` again on each, so they follow a sign-in that completes after they
   * connected (a redirect's `handleCallback()`, a popup, another tab), a renewal, a sign-out and
   * an expired session. Without it they read `getUser()` when the auth arrives and after their
   * own sign-in and sign-out only.
   */
  on?(
    type: 'signed-in' | 'signed-out' | 'renewed' | 'session-expired',
    listener: () => void,
  ): () => void;
}

/** What `configure()` and `<zheli-config>` give the elements below them. */
export interface ZheliConfiguration {
  /** The data the elements read: a client from `@zheli/client` `createClient()`. */
  client?: ZheliData | undefined;
  /** Sign-in for `<zheli-login-button>`: an auth from `@zheli/auth` `createAuth()`. */
  auth?: ZheliAuth | undefined;
  /**
   * The language of every element. Unset, the elements speak the platform app's language inside
   * the app (and follow its switch); set, it wins over the app's.
   * @default 'zh-CN'
   */
  locale?: Locale | undefined;
  /** `elder` turns on elder mode for the whole page. */
  mode?: Mode | undefined;
  /**
   * The platform's citizen portal, where the default "apply" and "book" links lead.
   * @default 'https://www.zjzwfw.gov.cn'
   */
  portalUrl?: string | undefined;
}

/** The context every element reads its configuration from (a string key, shared by copies). */
export const configContext = createContext<ZheliConfiguration | undefined>('zheli-config');

type Callback = (value: ZheliConfiguration | undefined, unsubscribe?: () => void) => void;

/** The page's configuration (`configure()`), answering every element no `<zheli-config>` holds. */
interface PageConfig {
  set(value: ZheliConfiguration): void;
  /** The elements subscribed to the page's configuration (or waiting for it). */
  subscribers: Map<Callback, [element: Element, unsubscribe: () => void]>;
}

const pageKey = Symbol.for('zheli.page-config');

/**
 * The page-level end of the `@lit/context` protocol, on the document element: it answers the
 * requests no `<zheli-config>` answered with `configure()`'s value, keeps the subscribed ones
 * (also before `configure()` is called), and when a `<zheli-config>` connects later it asks them
 * again so the nearer provider answers. One small listener instead of `ContextRoot` and a
 * `ContextProvider` (about 0.5 KB less in every element's entry). `<zheli-config>` calls
 * `askAgain()` when it connects.
 */
function createPageConfig(root: HTMLElement): PageConfig {
  let value: ZheliConfiguration | undefined;
  const subscribers = new Map<Callback, [element: Element, unsubscribe: () => void]>();
  root.addEventListener('context-request', (event) => {
    if (event.context !== configContext) return;
    event.stopPropagation();
    const { callback, subscribe } = event;
    const entry = subscribers.get(callback) ?? [
      event.contextTarget as Element,
      () => subscribers.delete(callback),
    ];
    if (subscribe) subscribers.set(callback, entry);
    if (value !== undefined) callback(value, subscribe ? entry[1] : undefined);
  });
  return {
    subscribers,
    set(next) {
      value = next;
      // Elements unsubscribe when they disconnect (see ZheliElement).
      for (const [callback, [, unsubscribe]] of subscribers) callback(next, unsubscribe);
    },
  };
}

function pageConfig(): PageConfig {
  const doc = document as Document & { [pageKey]?: PageConfig };
  doc[pageKey] ??= createPageConfig(document.documentElement);
  return doc[pageKey];
}

/**
 * Has every element that gets the page's configuration ask again: called when a
 * `<zheli-config>` connects, so the elements inside it (also those connected before it) get
 * its configuration instead.
 */
export function askAgain(): void {
  const { subscribers } = pageConfig();
  const asking = [...subscribers];
  subscribers.clear();
  for (const [callback, [element]] of asking) {
    element.dispatchEvent(new ContextEvent(configContext, element, callback, true));
  }
}

/**
 * Listens for the elements' configuration requests at the document, so elements connected
 * before their configuration receive it when it arrives.
 */
export const ensureContextRoot: () => void = pageConfig;

/** Sets the page's configuration, which every element without a nearer `<zheli-config>` reads. */
export function setPageConfig(configuration: ZheliConfiguration): void {
  pageConfig().set({ ...configuration });
}
