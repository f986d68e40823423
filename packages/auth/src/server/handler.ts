import { sharedDefaults, systemClock } from '../core/defaults.js';
import { Provider } from '../core/provider.js';
import { csrfRejection } from './csrf.js';
import { createSignIn } from './login.js';
import { type AuthHandlerOptions, resolveOptions } from './options.js';
import { allowedApiPath, forwarder, withoutHopByHop } from './proxy.js';
import { createRenewal } from './refresh.js';
import { errorResponse, json, problem } from './responses.js';
import { createSessions } from './sessions.js';
import type { ServerSession } from './store.js';

export type { AuthHandlerOptions } from './options.js';

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

/**
 * Creates the backend-for-frontend handler: `GET <basePath>/login`, `GET <basePath>/callback`,
 * `POST <basePath>/ticket` (a sign-in with a ticket from the platform's app), `POST <basePath>/logout`, `GET <basePath>/session`, and `<apiPath>/*` proxied to the API with
 * the session's access token. Tokens never leave the server; the browser holds an HttpOnly,
 * Secure, SameSite=Lax session cookie; state-changing requests need the CSRF header.
 *
 * The routes compose `options` (defaults), `login` (login, callback, ticket), `sessions`
 * (reading, starting and ending sessions), `refresh` (token renewal under the store's lock),
 * `proxy`, `csrf` and `responses`.
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
  const settings = resolveOptions(options);
  const { basePath, apiPath, store, logger, timeoutMs } = settings;
  const provider = new Provider({
    authority: options.authority,
    clientId: options.clientId,
    clientAuth: options.clientAuth,
    fetch: settings.fetch,
    timeoutMs,
    clockSkewSeconds: options.clockSkewSeconds ?? sharedDefaults.clockSkewSeconds,
    now: options.now ?? systemClock,
  });
  const sessions = createSessions(settings, provider);
  const renew = createRenewal(settings, provider);
  const signIn = createSignIn(options, settings, provider, sessions);

  async function sessionInfo(request: Request): Promise<Response> {
    const found = await sessions.read(request);
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
    const found = await sessions.read(request);
    const headers = new Headers({ 'cache-control': 'no-store' });
    headers.append('set-cookie', sessions.clearCookie());
    if (!found) return json({ signedOut: true, endSessionUrl: null }, 200, headers);
    await store.delete(found.key);
    const metadata = await provider.metadata();
    if (found.session.refreshToken) await sessions.revokeRefreshToken(found.session.refreshToken);
    const everywhere = new URL(request.url).searchParams.get('everywhere');
    if (everywhere === '1' || everywhere === 'true') await sessions.endAllOf(found.session.sub);
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
    const path = allowedApiPath(rest, settings.proxyPathPrefixes);
    if (!path)
      return problem(404, 'not_found', `No API route: ${request.method} ${apiPath}${rest}`);
    const found = await sessions.read(request);
    const url = new URL(request.url);
    const target = `${options.apiBaseUrl.replace(/\/+$/, '')}${path}${url.search}`;
    const forward = { forwardHeaders: settings.forwardHeaders, fetch: settings.fetch, timeoutMs };
    if (!found) {
      if (!options.anonymousProxy)
        return problem(401, 'not_signed_in', 'Sign in first: no session');
      const send = await forwarder(request, target, forward);
      return withoutHopByHop(await send());
    }
    let session: ServerSession | undefined = found.session;
    if (Date.now() >= session.expiresAt - settings.renewBefore) {
      session = await renew(found.key, session);
      if (!session) return problem(401, 'not_signed_in', 'The session has ended; sign in again');
    }
    const send = await forwarder(request, target, forward);
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
    endSessionsOf: sessions.endAllOf,
    async fetch(request: Request): Promise<Response> {
      const { pathname } = new URL(request.url);
      try {
        const rejected = csrfRejection(request, settings.csrfHeader, settings.allowedOrigins);
        if (rejected && handles(pathname)) return rejected;
        if (pathname === `${basePath}/login` && request.method === 'GET')
          return await signIn.login(request);
        if (pathname === `${basePath}/callback` && request.method === 'GET') {
          return await signIn.callback(request);
        }
        if (pathname === `${basePath}/logout` && request.method === 'POST') {
          return await logout(request);
        }
        if (pathname === `${basePath}/ticket` && request.method === 'POST') {
          return await signIn.ticket(request);
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
