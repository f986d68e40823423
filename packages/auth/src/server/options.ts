import { globalFetch, sharedDefaults } from '../core/defaults.js';
import type { FetchLike } from '../core/http.js';
import { type AuthLogger, silentLogger } from '../core/logger.js';
import type { ClientAuthentication } from '../core/token-endpoint.js';
import { serializeCookie } from './cookies.js';
import { defaultForwardHeaders, defaultProxyPathPrefixes } from './proxy.js';
import { MemorySessionStore, type SessionStore } from './store.js';

/** Options of {@link createAuthHandler}. */
export interface AuthHandlerOptions {
  /** The issuer's URL, exactly as its discovery document states `issuer`. */
  authority: string;
  /** The confidential client's `client_id`. */
  clientId: string;
  /**
   * How the client authenticates at the token endpoint: a secret (`client_secret_basic`,
   * `client_secret_post`) or a signed assertion (`private_key_jwt`).
   * @example
   * ```ts
   * clientAuth: { method: 'client_secret_basic', clientSecret: process.env.ZHELI_CLIENT_SECRET }
   * ```
   */
  clientAuth: Exclude<ClientAuthentication, { method: 'none' }>;
  /** The callback URL registered with the provider; its path is `<basePath>/callback`. */
  redirectUri: string;
  /** Where the provider sends the browser after signing out there. */
  postLogoutRedirectUri?: string;
  /** @default 'openid profile offline_access' */
  scope?: string;
  /**
   * The API the proxy forwards to, e.g. `https://api.zjzwfw.gov.cn`. Without it there is no proxy.
   * `<apiPath>/v1/me` is forwarded to `<apiBaseUrl>/v1/me` with the session's access token.
   */
  apiBaseUrl?: string;
  /** Where login, callback, logout and session live. @default '/auth' */
  basePath?: string;
  /** Where the API proxy lives. @default '/api' */
  apiPath?: string;
  /**
   * Sessions and sign-ins in progress. Several instances of the app share one store:
   * `createRedisSessionStore` (`@zheli/auth/server/redis`) or `createPostgresSessionStore`
   * (`@zheli/auth/server/postgres`). Without one, each process keeps its own (a warning says so
   * when `NODE_ENV` is `production`).
   * @default a MemorySessionStore (one process only)
   */
  store?: SessionStore;
  /**
   * Mark cookies `Secure`. Leave on: browsers accept Secure cookies from `http://localhost`
   * and `http://127.0.0.1` too.
   * @default true
   */
  secureCookies?: boolean;
  /** The session cookie's name. @default '__Host-zheli-session' ('zheli-session' when not secure) */
  cookieName?: string;
  /** Seconds a session lives at most (absolute). @default 28800 (8 hours) */
  sessionTtlSeconds?: number;
  /** The header state-changing requests must carry (any non-empty value). @default 'x-zheli-csrf' */
  csrfHeader?: string;
  /** Origins allowed to send state-changing requests. @default the redirect URI's origin */
  allowedOrigins?: string[];
  /**
   * Path prefixes of the API the proxy forwards to; any other path under `apiPath` answers 404
   * without reaching the API. Matched after the URL parser has normalised the path, so
   * `/v1/../oidc/me` and `/v1/%2e%2e/oidc/me` are outside `/v1/`. Keep the platform's own pages
   * (`/oidc/*`, `/interaction/*`, test hooks) out: the proxy adds the person's access token.
   * @default ['/v1/']
   * @example
   * ```ts
   * proxyPathPrefixes: ['/v1/appointments', '/v1/me']
   * ```
   */
  proxyPathPrefixes?: string[];
  /**
   * Forward API calls from browsers without a session as well, with no `Authorization` header:
   * the platform's public reads (services, sites, slots) then work before anyone signs in, and
   * the platform answers 401 to the rest. Off, such a call answers 401 `not_signed_in` without
   * reaching the API. On, the platform sees every signed-out visitor's calls come from this
   * server's address (one anonymous rate-limit budget for all of them). A session that can no
   * longer be renewed still answers 401 `not_signed_in`.
   * @default false
   * @example
   * ```ts
   * anonymousProxy: true // service cards on pages that people see before signing in
   * ```
   */
  anonymousProxy?: boolean;
  /** Request headers the proxy forwards. @default accept, accept-language, content-type, idempotency-key, if-match, if-none-match, prefer, x-request-id */
  forwardHeaders?: string[];
  /**
   * Put the ID token in the end-session URL as `id_token_hint`. Off by default: that URL passes
   * through the browser, and the ID token holds personal data; `client_id` identifies the app.
   * @default false
   */
  logoutIdTokenHint?: boolean;
  /** Extra parameters for every authorization request (`ui_locales`, …). */
  extraAuthorizationParams?: Record<string, string>;
  /** Seconds of clock skew tolerated on ID token times. @default 360 */
  clockSkewSeconds?: number;
  /** Renew the access token when it expires within this many seconds. @default 60 */
  renewBeforeExpirySeconds?: number;
  /** Milliseconds before a request to the provider or the API fails. @default 10000 */
  requestTimeoutMs?: number;
  /**
   * The `fetch` that calls the provider (discovery, keys, token, revocation) and the API behind
   * the proxy; inject one for tests, a proxy agent or tracing.
   * @default globalThis.fetch, looked up at each call
   */
  fetch?: FetchLike;
  /**
   * Where the handler reports what an operator must see: a refresh token whose revocation
   * failed (it may still be valid), a renewal that failed (the session ends), a store that
   * failed, a request that failed unexpectedly, sessions kept in memory in production.
   * @default silent (nothing is logged)
   */
  logger?: AuthLogger;
  /** The clock ID tokens are checked against (tests). */
  now?: () => Date;
}
/** The options with their defaults applied: what the handler's modules read. */
export interface HandlerSettings {
  basePath: string;
  apiPath: string;
  /** The origin of the redirect URI: `returnTo` must stay on it. */
  appOrigin: string;
  allowedOrigins: ReadonlySet<string>;
  csrfHeader: string;
  cookieName: string;
  /** The cookie that ties a sign-in in progress to the browser that started it. */
  txCookieName: string;
  sessionTtl: number;
  scope: string;
  forwardHeaders: string[];
  proxyPathPrefixes: string[];
  store: SessionStore;
  logger: AuthLogger;
  fetch: FetchLike;
  timeoutMs: number;
  /** Milliseconds before the access token expires when the proxy renews it. */
  renewBefore: number;
  /** A `Set-Cookie` value with the handler's attributes (HttpOnly, Lax, Secure unless off). */
  cookie(name: string, value: string, maxAge: number): string;
}

/** Applies the defaults of {@link AuthHandlerOptions}; warns when sessions stay in this process. */
export function resolveOptions(options: AuthHandlerOptions): HandlerSettings {
  const secure = options.secureCookies ?? true;
  const cookieName = options.cookieName ?? (secure ? '__Host-zheli-session' : 'zheli-session');
  const appOrigin = new URL(options.redirectUri).origin;
  const logger = options.logger ?? silentLogger;
  if (!options.store) warnMemoryStore(logger);
  return {
    basePath: trimSlash(options.basePath ?? '/auth'),
    apiPath: trimSlash(options.apiPath ?? '/api'),
    appOrigin,
    allowedOrigins: new Set(options.allowedOrigins ?? [appOrigin]),
    csrfHeader: (options.csrfHeader ?? 'x-zheli-csrf').toLowerCase(),
    cookieName,
    txCookieName: `${cookieName}-login`,
    sessionTtl: options.sessionTtlSeconds ?? 28_800,
    scope: options.scope ?? sharedDefaults.scope,
    forwardHeaders: (options.forwardHeaders ?? defaultForwardHeaders).map((h) => h.toLowerCase()),
    proxyPathPrefixes: options.proxyPathPrefixes ?? defaultProxyPathPrefixes,
    store: options.store ?? new MemorySessionStore(),
    logger,
    fetch: options.fetch ?? globalFetch,
    timeoutMs: options.requestTimeoutMs ?? sharedDefaults.requestTimeoutMs,
    renewBefore:
      (options.renewBeforeExpirySeconds ?? sharedDefaults.renewBeforeExpirySeconds) * 1000,
    cookie: (name, value, maxAge) =>
      serializeCookie(name, value, { maxAge, secure, sameSite: 'Lax' }),
  };
}

let memoryStoreWarned = false;

/** Says once per process that a production server keeps sessions in its own memory. */
function warnMemoryStore(logger: AuthLogger): void {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process
    ?.env;
  if (env?.NODE_ENV !== 'production') return;
  const message =
    '@zheli/auth/server keeps sessions in this process (MemorySessionStore): behind a load balancer with several instances, sign-ins and sessions are lost between them. Give createAuthHandler a shared store (@zheli/auth/server/redis or /postgres).';
  logger.warn?.({ code: 'ZHELI_AUTH_MEMORY_STORE' }, message);
  if (memoryStoreWarned) return;
  memoryStoreWarned = true;
  const emit = (globalThis as { process?: { emitWarning?: (m: string, o: object) => void } })
    .process?.emitWarning;
  emit?.call(globalThis.process, message, { code: 'ZHELI_AUTH_MEMORY_STORE' });
}

function trimSlash(path: string): string {
  return path.replace(/\/+$/, '');
}
