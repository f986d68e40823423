import { randomToken, sha256 } from '../core/encoding.js';
import { ZheliAuthError } from '../core/errors.js';
import type { Provider, ValidatedTokens } from '../core/provider.js';
import { readCookies } from './cookies.js';
import type { AuthHandlerOptions, HandlerSettings } from './options.js';
import { errorResponse, json } from './responses.js';
import type { Sessions } from './sessions.js';
import type { LoginTransaction } from './store.js';
import { readTicket, refusedTicket } from './ticket.js';

/** Seconds a sign-in in progress (between `/login` and `/callback`) lives. */
const loginTtlSeconds = 600;

/**
 * The sign-in routes: `GET <basePath>/login` starts an authorization code flow with PKCE (its
 * transaction in the store, tied to the browser by a cookie), `GET <basePath>/callback` finishes
 * it, and `POST <basePath>/ticket` signs in with a ticket from the platform's app. Each starts a
 * fresh session and ends the one the browser held before.
 */
export function createSignIn(
  options: Pick<AuthHandlerOptions, 'clientId' | 'redirectUri' | 'extraAuthorizationParams'>,
  settings: Pick<
    HandlerSettings,
    'store' | 'logger' | 'scope' | 'appOrigin' | 'txCookieName' | 'cookie'
  >,
  provider: Pick<Provider, 'metadata' | 'checkIssParameter' | 'exchangeCode' | 'exchangeTicket'>,
  sessions: Sessions,
) {
  const { store, logger, scope, appOrigin, txCookieName, cookie } = settings;

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
      headers.append('set-cookie', sessions.cookie(sessionId));
      const response = new Response(null, { status: 303, headers });
      await sessions.start(sessionId, validated, sessions.idOf(request));
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
  async function ticket(request: Request): Promise<Response> {
    const ticket = await readTicket(request);
    let validated: ValidatedTokens;
    try {
      validated = await provider.exchangeTicket({ ticket });
    } catch (error) {
      return refusedTicket(error) ?? errorResponse(error, logger);
    }
    const sessionId = randomToken();
    const headers = new Headers();
    headers.append('set-cookie', sessions.cookie(sessionId));
    const user = { sub: validated.claims.sub, claims: validated.claims };
    const response = json({ signedIn: true, user, scope: validated.tokens.scope }, 200, headers);
    await sessions.start(sessionId, validated, sessions.idOf(request));
    return response;
  }

  return { login, callback, ticket };
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
