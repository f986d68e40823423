import type { FetchLike } from './http.js';

/**
 * The defaults browser mode (`createAuth`) and server mode (`createAuthHandler`) share, in one
 * place so the two modes cannot drift apart. The options' TSDoc `@default` tags repeat them for
 * readers of the typings; `defaults.test.ts` keeps those tags and these values equal.
 */
export const sharedDefaults = {
  /** Asks for a refresh token (`offline_access`) beside the ID token. */
  scope: 'openid profile offline_access',
  /** A device clock off by up to five minutes (plus a minute's margin) still signs in. */
  clockSkewSeconds: 360,
  /** Access tokens are renewed when they expire within this many seconds. */
  renewBeforeExpirySeconds: 60,
  /** Milliseconds before a request to the provider (or, in server mode, the API) fails. */
  requestTimeoutMs: 10_000,
} as const;

/** `globalThis.fetch`, looked up at call time so a test or polyfill installed later is used. */
export const globalFetch: FetchLike = (input, init) => globalThis.fetch(input, init);

/** The real clock ID tokens are checked against. */
export const systemClock = (): Date => new Date();
