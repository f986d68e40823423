import { ContextProvider, ContextRoot, createContext } from '@lit/context';
import type { ZheliData } from './data.js';
import { type Locale, setLocale } from './localize.js';

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
  signIn(options?: { popup?: boolean }): Promise<unknown>;
  /** Signs out. */
  signOut(): Promise<unknown>;
  /** The signed-in person, or `null`. */
  getUser(): Promise<ZheliUser | null>;
  /** Completes a redirect sign-in when the page is the redirect URI. */
  handleCallback?(url?: string): Promise<unknown>;
  /** The access token for the API (`undefined` when signed out); `forceRefresh` after a 401. */
  getAccessToken?(options?: { forceRefresh?: boolean }): Promise<string | undefined>;
}

/** What `configure()` and `<zheli-config>` give the elements below them. */
export interface ZheliConfiguration {
  /** The data the elements read: a client from `@zheli/client` `createClient()`. */
  client?: ZheliData | undefined;
  /** Sign-in for `<zheli-login-button>`: an auth from `@zheli/auth` `createAuth()`. */
  auth?: ZheliAuth | undefined;
  /**
   * The language of every element.
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

const rootKey = Symbol.for('zheli.context-root');
const providerKey = Symbol.for('zheli.page-provider');

type Marked = { [rootKey]?: true; [providerKey]?: ContextProvider<typeof configContext> };

/**
 * Attaches one `ContextRoot` to the document, so elements connected before their configuration
 * receive it when it arrives.
 */
export function ensureContextRoot(): void {
  const doc = document as Document & Marked;
  if (doc[rootKey]) return;
  doc[rootKey] = true;
  new ContextRoot().attach(document.documentElement);
}

/**
 * Configures every element on the page that has no nearer `<zheli-config>`.
 *
 * @example
 * ```ts
 * import { createClient } from '@zheli/client';
 * import { configure } from '@zheli/elements';
 * configure({ client: createClient({ baseUrl: 'https://api.example.gov.cn' }), locale: 'en' });
 * ```
 */
export function configure(configuration: ZheliConfiguration): void {
  ensureContextRoot();
  if (configuration.locale !== undefined) void setLocale(configuration.locale);
  const root = document.documentElement as HTMLElement & Marked;
  const existing = root[providerKey];
  if (existing !== undefined) {
    existing.setValue({ ...configuration }, true);
    return;
  }
  const provider = new ContextProvider(root, {
    context: configContext,
    initialValue: { ...configuration },
  });
  root[providerKey] = provider;
  provider.hostConnected();
}
