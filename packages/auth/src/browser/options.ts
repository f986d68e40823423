import { globalFetch, sharedDefaults, systemClock } from '../core/defaults.js';
import type { FetchLike } from '../core/http.js';
import { type AuthLogger, silentLogger } from '../core/logger.js';
import type { AuthUser, SessionStorageLike } from './types.js';

/** Options of {@link createAuth}. */
export interface AuthOptions {
  /**
   * The issuer's URL, exactly as its discovery document states `issuer`.
   * @example
   * ```ts
   * authority: 'https://auth.zjzwfw.gov.cn'
   * ```
   */
  authority: string;
  /** The `client_id` registered with the provider (a public client: no secret in the browser). */
  clientId: string;
  /** Where the provider sends the user back; a page of this app that calls `handleCallback()`. */
  redirectUri: string;
  /**
   * The scopes to ask for. Include `offline_access` for a refresh token (renewal without the
   * provider's session cookie).
   * @default 'openid profile offline_access'
   */
  scope?: string;
  /** Where the provider sends the user after signing out there. */
  postLogoutRedirectUri?: string;
  /**
   * Where tokens live. `'memory'` keeps them in this page only (tabs share them through a
   * BroadcastChannel, nothing touches disk); `'session'` and `'local'` use Web Storage, readable
   * by any script on the origin. Pass your own `Storage`-shaped object for anything else.
   * @default 'memory'
   */
  storage?: 'memory' | 'session' | 'local' | SessionStorageLike;
  /**
   * Seconds of clock difference tolerated on the ID token's `exp`, `iat` and `nbf`: a device whose
   * clock is off by up to five minutes still signs in.
   * @default 360
   */
  clockSkewSeconds?: number;
  /**
   * `getAccessToken()` renews when the access token expires within this many seconds.
   * @default 60
   */
  renewBeforeExpirySeconds?: number;
  /**
   * Extra parameters for every authorization request (`ui_locales`, `acr_values`, …).
   * @example
   * ```ts
   * extraAuthorizationParams: { ui_locales: 'zh-CN' }
   * ```
   */
  extraAuthorizationParams?: Record<string, string>;
  /** Milliseconds before a request to the provider fails. @default 10000 */
  requestTimeoutMs?: number;
  /** Milliseconds a popup may stay open before `signIn({ popup: true })` rejects. @default 300000 */
  popupTimeoutMs?: number;
  /** Milliseconds a silent (iframe) sign-in may take. @default 10000 */
  silentTimeoutMs?: number;
  /**
   * Milliseconds a new tab waits for another tab to share its session (memory storage).
   * @default 150
   */
  tabSyncTimeoutMs?: number;
  /** Share the session, renewals and sign-outs with the app's other tabs. @default true */
  syncTabs?: boolean;
  /** The `fetch` to use. @default globalThis.fetch */
  fetch?: FetchLike;
  /** A logger; silent by default. */
  logger?: AuthLogger;
  /** The clock ID tokens are checked against (tests). @default () => new Date() */
  now?: () => Date;
}

/** Options of `Auth.signIn`. */
export interface SignInOptions {
  /**
   * Sign in in a popup instead of leaving the page. Call `signIn` straight from a click
   * handler: the popup opens before the first `await`. A blocked popup rejects with
   * `popup_blocked`; fall back to a redirect.
   * @default false
   */
  popup?: boolean;
  /**
   * A window opened for this sign-in in the click that asked for it, for code that must wait
   * before it can call `signIn` (loading this package on demand, say): browsers block a
   * `window.open()` made after that wait. The sign-in runs in it, as in its own popup, and
   * closes it; `null` (the browser blocked it) is a blocked popup. Implies `popup: true`.
   * @example
   * ```ts
   * button.onclick = async () => {
   *   const popupWindow = window.open('about:blank', '', 'popup=yes,width=500,height=640');
   *   const { auth } = await import('./auth.js');
   *   await auth.signIn({ popupWindow });
   * };
   * ```
   */
  popupWindow?: Window | null;
  /**
   * When the popup is blocked, sign in by redirect instead of rejecting with `popup_blocked`
   * (the promise then resolves with `undefined` as the page leaves).
   * @default false
   */
  fallbackToRedirect?: boolean;
  /** A path (same origin) to return to after the callback; handed back by `handleCallback()`. */
  returnTo?: string;
  /** Extra authorization request parameters for this sign-in only (`login_hint`, …). */
  params?: Record<string, string>;
  /** The OIDC `prompt`. @default 'consent' when `offline_access` is asked for, else none */
  prompt?: string;
}

/** What {@link Auth.handleCallback} returns after a redirect sign-in. */
export interface CallbackResult {
  /** The person who just signed in, from the checked ID token (claims and scopes, no tokens). */
  user: AuthUser;
  /** The `returnTo` given to `signIn`, if any (a same-origin path). */
  returnTo: string | undefined;
}

/** Options of {@link Auth.getAccessToken}. */
export interface GetAccessTokenOptions {
  /** Renew even if the current token has not expired (after an API 401). @default false */
  forceRefresh?: boolean;
}

/** The token provider `@zheli/client` plugs in: `createClient({ getAccessToken })`. */
export interface TokenProvider {
  /**
   * A valid access token for the platform's API, renewed first when it expires within
   * `renewBeforeExpirySeconds` (or when `forceRefresh` is set); undefined when no one is signed
   * in, so the request goes without `Authorization`.
   */
  getAccessToken(options?: GetAccessTokenOptions): Promise<string | undefined>;
}

/** Browser mode's own defaults, beside the ones it shares with server mode. */
export const browserDefaults = {
  ...sharedDefaults,
  /** Long enough to type a password and pass a second factor. */
  popupTimeoutMs: 300_000,
  silentTimeoutMs: 10_000,
  /** A tab that already holds the session answers within a few milliseconds. */
  tabSyncTimeoutMs: 150,
} as const;

/** {@link AuthOptions} with every default applied. */
export interface ResolvedAuthOptions
  extends Omit<AuthOptions, keyof typeof browserDefaults | 'fetch' | 'logger' | 'now'> {
  scope: string;
  clockSkewSeconds: number;
  renewBeforeExpirySeconds: number;
  requestTimeoutMs: number;
  popupTimeoutMs: number;
  silentTimeoutMs: number;
  tabSyncTimeoutMs: number;
  fetch: FetchLike;
  logger: AuthLogger;
  now: () => Date;
}

/** Applies the defaults to the options the app leaves out. */
export function resolveAuthOptions(options: AuthOptions): ResolvedAuthOptions {
  return {
    ...browserDefaults,
    ...options,
    clockSkewSeconds: options.clockSkewSeconds ?? browserDefaults.clockSkewSeconds,
    fetch: options.fetch ?? globalFetch,
    logger: options.logger ?? silentLogger,
    now: options.now ?? systemClock,
  };
}
