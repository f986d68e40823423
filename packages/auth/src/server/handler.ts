import { globalFetch, sharedDefaults, systemClock } from '../core/defaults.js';
import { randomToken, sha256 } from '../core/encoding.js';
import { isZheliAuthError, ZheliAuthError } from '../core/errors.js';
import type { FetchLike } from '../core/http.js';
import type { AuthLogger } from '../core/logger.js';
import { silentLogger } from '../core/logger.js';
import { Provider, type ValidatedTokens } from '../core/provider.js';
import type { ClientAuthentication } from '../core/token-endpoint.js';
import { readCookies, serializeCookie } from './cookies.js';
import { csrfRejection } from './csrf.js';
import {
  allowedApiPath,
  defaultForwardHeaders,
  defaultProxyPathPrefixes,
  forwarder,
  withoutHopByHop,
} from './proxy.js';
import { errorResponse, json, problem } from './responses.js';
import {
  type LoginTransaction,
  MemorySessionStore,
  type ServerSession,
  type SessionStore,
} from './store.js';
import { readTicket, refusedTicket } from './ticket.js';

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
  fetch?: FetchLike;
  logger?: AuthLogger;
  /** The clock ID tokens are checked against (tests). */
  now?: () => Date;
}

/** The BFF: a Web-standard fetch handler (Request in, Response out). */
export interface AuthHandler {
  /** Handles a request under `basePath` or `apiPath`; answers 404 for anything else. */
  fetch(request: Request): Promise<Response>;
  /** True when `fetch` would handle this path (to mount it beside other routes). */
  handles(pathname: string): boolean;
  /**
   * Ends every session of the person `sub` on every instance sharing the store (an
   * administrator's action, a reported lost phone) and revokes their refresh tokens; returns
   * how many ended. The person can do the same with `POST <basePath>/logout?everywhere=1`.
   * Needs a store with `keysOfSub` (the memory, Redis and PostgreSQL stores have it).
   */
  endSessionsOf(sub: string): Promise<number>;
}

const loginTtlSeconds = 600;
/** How often an instance waiting for another's refresh of the same session looks at the store. */
const refreshLockPollMs = 50;
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

/**
 * Creates the backend-for-frontend handler: `GET <basePath>/login`, `GET <basePath>/callback`,
 * `POST <basePath>/ticket` (a sign-in with a ticket from the platform's app), `POST <basePath>/logout`, `GET <basePath>/session`, and `<apiPath>/*` proxied to the API with
 * the session's access token. Tokens never leave the server; the browser holds an HttpOnly,
 * Secure, SameSite=Lax session cookie; state-changing requests need the CSRF header.
 *
 * @example
 * ```ts
 * const bff = createAuthHandler({ authority, clientId: 'partner-server',
 *   clientAuth: { method: 'client_secret_basic', clientSecret }, redirectUri: 'https://app.example/auth/callback',
 *   apiBaseUrl: 'https://api.example' });
 * app.all('*', (c) => bff.fetch(c.req.raw)); // Hono; Next.js: export const GET = bff.fetch
 * ```
 */
export function createAuthHandler(options: AuthHandlerOptions): AuthHandler {
  const basePath = trimSlash(options.basePath ?? '/auth');
  const apiPath = trimSlash(options.apiPath ?? '/api');
  const secure = options.secureCookies ?? true;
  const cookieName = options.cookieName ?? (secure ? '__Host-zheli-session' : 'zheli-session');
  const txCookieName = `${cookieName}-login`;
  const sessionTtl = options.sessionTtlSeconds ?? 28_800;
  const csrfHeader = (options.csrfHeader ?? 'x-zheli-csrf').toLowerCase();
  const appOrigin = new URL(options.redirectUri).origin;
  const allowedOrigins = new Set(options.allowedOrigins ?? [appOrigin]);
  const forwardHeaders = (options.forwardHeaders ?? defaultForwardHeaders).map((h) =>
    h.toLowerCase(),
  );
  const proxyPathPrefixes = options.proxyPathPrefixes ?? defaultProxyPathPrefixes;
  const scope = options.scope ?? sharedDefaults.scope;
  const logger = options.logger ?? silentLogger;
  if (!options.store) warnMemoryStore(logger);
  const store: SessionStore = options.store ?? new MemorySessionStore();
  const fetchFn: FetchLike = options.fetch ?? globalFetch;
  const timeoutMs = options.requestTimeoutMs ?? sharedDefaults.requestTimeoutMs;
  const renewBefore =
    (options.renewBeforeExpirySeconds ?? sharedDefaults.renewBeforeExpirySeconds) * 1000;
  const provider = new Provider({
    authority: options.authority,
    clientId: options.clientId,
    clientAuth: options.clientAuth,
    fetch: fetchFn,
    timeoutMs,
    clockSkewSeconds: options.clockSkewSeconds ?? sharedDefaults.clockSkewSeconds,
    now: options.now ?? systemClock,
  });
  const refreshing = new Map<string, Promise<ServerSession | undefined>>();
  // Long enough for discovery, the token request and the keys, each within its timeout.
  const refreshLockTtlMs = 3 * timeoutMs + 1000;

  const cookie = (name: string, value: string, maxAge: number) =>
    serializeCookie(name, value, { maxAge, secure, sameSite: 'Lax' });

  async function login(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const metadata = await provider.metadata();
    const state = randomToken();
    const tx: LoginTransaction = {
      kind: 'login',
      state,
      nonce: randomToken(),
      codeVerifier: randomToken(),
      returnTo: safeReturnTo(url.searchParams.get('returnTo'), appOrigin),
      createdAt: Date.now(),
    };
    await store.set(`login:${await sha256(state)}`, tx, loginTtlSeconds);
    const authorize = new URL(metadata.authorization_endpoint);
    const params: Record<string, string> = {
      ...options.extraAuthorizationParams,
      response_type: 'code',
      client_id: options.clientId,
      redirect_uri: options.redirectUri,
      scope,
      state,
      nonce: tx.nonce,
      code_challenge: await sha256(tx.codeVerifier),
      code_challenge_method: 'S256',
    };
    if (scope.split(' ').includes('offline_access')) params.prompt = 'consent';
    for (const [name, value] of Object.entries(params)) authorize.searchParams.set(name, value);
    const headers = new Headers({ location: authorize.href, 'cache-control': 'no-store' });
    headers.append('set-cookie', cookie(txCookieName, state, loginTtlSeconds));
    return new Response(null, { status: 302, headers });
  }

  async function callback(request: Request): Promise<Response> {
    const params = new URL(request.url).searchParams;
    const cookies = readCookies(request.headers.get('cookie'));
    const clearTx = cookie(txCookieName, '', 0);
    try {
      const state = params.get('state');
      if (!state) {
        throw new ZheliAuthError('state_mismatch', 'The authorization response has no "state"', {
          reason: 'state_missing',
        });
      }
      const key = `login:${await sha256(state)}`;
      const stored = await store.get(key);
      await store.delete(key);
      if (stored?.kind !== 'login' || cookies.get(txCookieName) !== state) {
        throw new ZheliAuthError(
          'state_mismatch',
          'The authorization response\'s "state" matches no sign-in started in this browser',
          { reason: 'state_unknown' },
        );
      }
      await provider.checkIssParameter(params);
      const error = params.get('error');
      if (error) {
        const code = error === 'access_denied' ? 'access_denied' : 'authorization_error';
        throw new ZheliAuthError(code, `The provider answered "${error}"`, {
          oauthError: error,
          oauthErrorDescription: params.get('error_description') ?? undefined,
        });
      }
      const code = params.get('code');
      if (!code) throw new ZheliAuthError('authorization_error', 'The response has no code');
      const validated = await provider.exchangeCode({
        code,
        codeVerifier: stored.codeVerifier,
        redirectUri: options.redirectUri,
        nonce: stored.nonce,
      });
      const sessionId = randomToken();
      // The response is built before the session is stored: a Location the Headers class refuses
      // must not leave a session nobody holds the cookie of.
      const headers = new Headers({
        location: safeReturnTo(stored.returnTo, appOrigin),
        'cache-control': 'no-store',
      });
      headers.append('set-cookie', clearTx);
      headers.append('set-cookie', cookie(cookieName, sessionId, sessionTtl));
      const response = new Response(null, { status: 303, headers });
      // A browser that signs in again gets a fresh session id: the one it held before ends here,
      // so a copy of the old cookie stops working (session fixation, a shared computer).
      await endSession(cookies.get(cookieName));
      await store.set(`session:${await sha256(sessionId)}`, toSession(validated), sessionTtl);
      return response;
    } catch (error) {
      const response = errorResponse(error, logger);
      response.headers.append('set-cookie', clearTx);
      return response;
    }
  }

  /**
   * `POST <basePath>/ticket`: a sign-in inside the platform's app with no redirect. The page
   * posts the app's one-time ticket; the platform redeems it for this client (with its
   * credentials) and the session starts as after the callback.
   */
  async function ticketSignIn(request: Request): Promise<Response> {
    const ticket = await readTicket(request);
    let validated: ValidatedTokens;
    try {
      validated = await provider.exchangeTicket({ ticket });
    } catch (error) {
      return refusedTicket(error) ?? errorResponse(error, logger);
    }
    const sessionId = randomToken();
    const headers = new Headers();
    headers.append('set-cookie', cookie(cookieName, sessionId, sessionTtl));
    const user = { sub: validated.claims.sub, claims: validated.claims };
    const response = json({ signedIn: true, user, scope: validated.tokens.scope }, 200, headers);
    await endSession(readCookies(request.headers.get('cookie')).get(cookieName));
    await store.set(`session:${await sha256(sessionId)}`, toSession(validated), sessionTtl);
    return response;
  }

  /** Deletes the session `id` names, if any, and revokes its refresh token. */
  async function endSession(id: string | undefined): Promise<void> {
    if (!id) return;
    const key = `session:${await sha256(id)}`;
    const previous = await store.get(key);
    await store.delete(key);
    if (previous?.kind === 'session' && previous.refreshToken) {
      await revokeRefreshToken(previous.refreshToken);
    }
  }

  function revokeRefreshToken(refreshToken: string): Promise<void> {
    // A refused revocation leaves the refresh token valid after sign-out: an operator must see it.
    return provider.revoke(refreshToken, 'refresh_token').then(
      () => undefined,
      (error: unknown) =>
        logger.error?.({ error }, 'refresh token revocation failed; the token may still be valid'),
    );
  }

  async function readSession(
    request: Request,
  ): Promise<{ key: string; session: ServerSession } | undefined> {
    const id = readCookies(request.headers.get('cookie')).get(cookieName);
    if (!id) return undefined;
    const key = `session:${await sha256(id)}`;
    const session = await store.get(key);
    if (session?.kind !== 'session') return undefined;
    if (Date.now() - session.createdAt > sessionTtl * 1000) {
      await store.delete(key);
      return undefined;
    }
    return { key, session };
  }

  /** Refreshes the tokens of `session` (stored under `key`) now; undefined ends the session. */
  async function refreshTokens(
    key: string,
    session: ServerSession,
  ): Promise<ServerSession | undefined> {
    if (!session.refreshToken) return undefined;
    try {
      const validated = await provider.refresh({
        refreshToken: session.refreshToken,
        previous: { idToken: session.idToken, claims: session.claims },
      });
      const renewed = toSession(validated, session);
      const remaining = sessionTtl - (Date.now() - session.createdAt) / 1000;
      await store.set(key, renewed, Math.max(1, remaining));
      return renewed;
    } catch (error) {
      if (isZheliAuthError(error) && error.code === 'store_unavailable') throw error;
      logger.warn?.({ error }, 'session renewal failed; the session ends');
      await store.delete(key);
      if (isZheliAuthError(error) && error.code === 'invalid_id_token') throw error;
      return undefined;
    }
  }

  /**
   * Refreshes once across every instance sharing the store: the instance that takes the
   * session's lock refreshes; the others wait until the stored session carries new tokens and
   * use those. A refresh token presented twice would make the provider revoke the whole grant.
   */
  async function renewShared(key: string, seen: ServerSession): Promise<ServerSession | undefined> {
    if (!store.lock) return refreshTokens(key, seen);
    const polls = 2 * Math.ceil(refreshLockTtlMs / refreshLockPollMs);
    for (let poll = 0; poll <= polls; poll += 1) {
      const held = await store.lock(`refresh:${key}`, refreshLockTtlMs);
      try {
        const current = await store.get(key);
        // Signed out meanwhile (on any instance), or refreshed by the lock's last holder.
        if (current?.kind !== 'session') return undefined;
        if (current.accessToken !== seen.accessToken) return current;
        if (held) return await refreshTokens(key, current);
      } finally {
        await held
          ?.release()
          .catch((error: unknown) => logger.warn?.({ error }, 'refresh lock release failed'));
      }
      await new Promise((resolve) => setTimeout(resolve, refreshLockPollMs));
    }
    throw new ZheliAuthError(
      'store_unavailable',
      'The session store kept the refresh lock of this session past its lifetime',
    );
  }

  function renew(key: string, session: ServerSession): Promise<ServerSession | undefined> {
    let pending = refreshing.get(key);
    if (!pending) {
      pending = renewShared(key, session).finally(() => refreshing.delete(key));
      refreshing.set(key, pending);
    }
    return pending;
  }

  /** Ends every session of `sub` in the store and revokes their refresh tokens. */
  async function endSessionsOf(sub: string): Promise<number> {
    if (!store.keysOfSub) {
      throw new TypeError('The session store has no subject index (keysOfSub)');
    }
    let ended = 0;
    for (const key of await store.keysOfSub(sub)) {
      const session = await store.get(key);
      await store.delete(key);
      if (session?.kind !== 'session' || session.sub !== sub) continue;
      ended += 1;
      if (session.refreshToken) await revokeRefreshToken(session.refreshToken);
    }
    return ended;
  }

  async function sessionInfo(request: Request): Promise<Response> {
    const found = await readSession(request);
    if (!found) return json({ signedIn: false });
    const { session } = found;
    return json({
      signedIn: true,
      user: { sub: session.sub, claims: session.claims },
      scope: session.scope,
      expiresAt: session.expiresAt,
    });
  }

  async function logout(request: Request): Promise<Response> {
    const found = await readSession(request);
    const headers = new Headers({ 'cache-control': 'no-store' });
    headers.append('set-cookie', cookie(cookieName, '', 0));
    if (!found) return json({ signedOut: true, endSessionUrl: null }, 200, headers);
    await store.delete(found.key);
    const metadata = await provider.metadata();
    if (found.session.refreshToken) await revokeRefreshToken(found.session.refreshToken);
    const everywhere = new URL(request.url).searchParams.get('everywhere');
    if (everywhere === '1' || everywhere === 'true') await endSessionsOf(found.session.sub);
    let endSessionUrl: string | null = null;
    if (metadata.end_session_endpoint) {
      const end = new URL(metadata.end_session_endpoint);
      // The ID token carries personal data: it goes to the browser only when asked for.
      if (options.logoutIdTokenHint) end.searchParams.set('id_token_hint', found.session.idToken);
      end.searchParams.set('client_id', options.clientId);
      if (options.postLogoutRedirectUri) {
        end.searchParams.set('post_logout_redirect_uri', options.postLogoutRedirectUri);
      }
      endSessionUrl = end.href;
    }
    return json({ signedOut: true, endSessionUrl }, 200, headers);
  }

  async function proxy(request: Request, rest: string): Promise<Response> {
    if (!options.apiBaseUrl) return problem(404, 'not_found', 'No API is configured');
    const path = allowedApiPath(rest, proxyPathPrefixes);
    if (!path)
      return problem(404, 'not_found', `No API route: ${request.method} ${apiPath}${rest}`);
    const found = await readSession(request);
    const url = new URL(request.url);
    const target = `${options.apiBaseUrl.replace(/\/+$/, '')}${path}${url.search}`;
    if (!found) {
      if (!options.anonymousProxy)
        return problem(401, 'not_signed_in', 'Sign in first: no session');
      const send = await forwarder(request, target, { forwardHeaders, fetch: fetchFn, timeoutMs });
      return withoutHopByHop(await send());
    }
    let session: ServerSession | undefined = found.session;
    if (Date.now() >= session.expiresAt - renewBefore) {
      session = await renew(found.key, session);
      if (!session) return problem(401, 'not_signed_in', 'The session has ended; sign in again');
    }
    const send = await forwarder(request, target, { forwardHeaders, fetch: fetchFn, timeoutMs });
    let upstream = await send(session.accessToken);
    if (upstream.status === 401 && session.refreshToken) {
      const renewed = await renew(found.key, session);
      if (renewed) upstream = await send(renewed.accessToken);
    }
    return withoutHopByHop(upstream);
  }

  const handles = (pathname: string) =>
    pathname === `${basePath}/login` ||
    pathname === `${basePath}/callback` ||
    pathname === `${basePath}/logout` ||
    pathname === `${basePath}/session` ||
    pathname === `${basePath}/ticket` ||
    pathname === apiPath ||
    pathname.startsWith(`${apiPath}/`);

  return {
    handles,
    endSessionsOf,
    async fetch(request: Request): Promise<Response> {
      const { pathname } = new URL(request.url);
      try {
        const rejected = csrfRejection(request, csrfHeader, allowedOrigins);
        if (rejected && handles(pathname)) return rejected;
        if (pathname === `${basePath}/login` && request.method === 'GET')
          return await login(request);
        if (pathname === `${basePath}/callback` && request.method === 'GET') {
          return await callback(request);
        }
        if (pathname === `${basePath}/logout` && request.method === 'POST') {
          return await logout(request);
        }
        if (pathname === `${basePath}/ticket` && request.method === 'POST') {
          return await ticketSignIn(request);
        }
        if (pathname === `${basePath}/session` && request.method === 'GET') {
          return await sessionInfo(request);
        }
        if (pathname === apiPath || pathname.startsWith(`${apiPath}/`)) {
          return await proxy(request, pathname.slice(apiPath.length));
        }
        return problem(404, 'not_found', `No route: ${request.method} ${pathname}`);
      } catch (error) {
        return errorResponse(error, logger);
      }
    },
  };
}

function toSession(validated: ValidatedTokens, previous?: ServerSession): ServerSession {
  return {
    kind: 'session',
    sub: validated.claims.sub,
    claims: validated.claims,
    idToken: validated.idToken,
    accessToken: validated.tokens.access_token,
    refreshToken: validated.tokens.refresh_token ?? previous?.refreshToken,
    scope: validated.tokens.scope ?? previous?.scope,
    expiresAt: validated.expiresAt,
    createdAt: previous?.createdAt ?? Date.now(),
  };
}

/** Where the browser goes after sign-in when `returnTo` is missing or refused. */
const defaultReturnTo = '/';

/** True for C0 controls, space, DEL and C1 controls: browsers drop or trim some while parsing. */
function hasControlOrSpace(value: string): boolean {
  for (let i = 0; i < value.length; i += 1) {
    const unit = value.charCodeAt(i);
    if (unit <= 0x20 || (unit >= 0x7f && unit <= 0x9f)) return true;
  }
  return false;
}

/**
 * `returnTo` as a same-origin path, query and hash, percent-encoded by the URL parser (so it fits
 * a `Location` header), or the default path. Refused: anything that resolves to another origin
 * (`//host`, `/\host`, `https:`, `javascript:`, `http:host`), and any control or space character,
 * raw or percent-encoded once (`/\t/host`, `/%09/host`, `/%2F%2Fhost`), since browsers drop tabs
 * and newlines and some servers decode the path again.
 */
function safeReturnTo(value: string | null, appOrigin: string): string {
  if (!value?.startsWith('/')) return defaultReturnTo;
  let decoded: string;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    return defaultReturnTo;
  }
  for (const candidate of [value, decoded]) {
    if (hasControlOrSpace(candidate) || candidate.includes('\\') || candidate.startsWith('//')) {
      return defaultReturnTo;
    }
  }
  const resolved = new URL(value, appOrigin);
  if (resolved.origin !== appOrigin) return defaultReturnTo;
  return `${resolved.pathname}${resolved.search}${resolved.hash}`;
}

function trimSlash(path: string): string {
  return path.replace(/\/+$/, '');
}
