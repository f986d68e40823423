import { InMemoryWebStorage, OidcClient, WebStorageStateStore } from 'oidc-client-ts';
import type { ProviderMetadata } from '../core/discovery.js';
import { randomToken } from '../core/encoding.js';
import { ZheliAuthError } from '../core/errors.js';
import type { Provider } from '../core/provider.js';
import type { ResolvedAuthOptions, SignInOptions } from './options.js';
import { toSession } from './session-store.js';
import type { StoredSession } from './types.js';

const statePrefix = 'zheli-auth.';
const oauthResponseParams = [
  'code',
  'state',
  'iss',
  'session_state',
  'error',
  'error_description',
  'error_uri',
];

/** What a sign-in keeps in its `state` until the callback. */
export interface SignInStateData {
  flow: 'redirect' | 'popup' | 'silent';
  returnTo?: string;
}

type SigninRequest = Awaited<ReturnType<OidcClient['createSigninRequest']>>;

/**
 * Both ends of a sign-in on oidc-client-ts: the authorization request (PKCE, `state`, `nonce`
 * always) and the callback, which runs every check before the code is exchanged. Redirect
 * sign-ins keep their PKCE verifier and nonce in sessionStorage until the callback; popup and
 * silent sign-ins keep theirs in this page's memory only.
 */
export class SignInCallback {
  #options: ResolvedAuthOptions;
  #provider: Provider;
  #clients: { redirect?: OidcClient; memory?: OidcClient } = {};
  #memoryStates = new InMemoryWebStorage();

  constructor(options: ResolvedAuthOptions, provider: Provider) {
    this.#options = options;
    this.#provider = provider;
  }

  /** The oidc-client-ts client of a flow: redirect sign-ins survive leaving the page. */
  async client(flow: 'redirect' | 'memory'): Promise<OidcClient> {
    const metadata = await this.#provider.metadata();
    if (flow === 'redirect') {
      this.#clients.redirect ??= this.#create(metadata, window.sessionStorage);
      return this.#clients.redirect;
    }
    this.#clients.memory ??= this.#create(metadata, this.#memoryStates);
    return this.#clients.memory;
  }

  /** Creates an authorization request for `flow`, its `state` remembered until the callback. */
  async createRequest(
    flow: SignInStateData['flow'],
    options: SignInOptions,
  ): Promise<{ client: OidcClient; request: SigninRequest }> {
    const client = await this.client(flow === 'redirect' ? 'redirect' : 'memory');
    const scope = this.#options.scope;
    const prompt =
      options.prompt ?? (scope.split(' ').includes('offline_access') ? 'consent' : undefined);
    const state: SignInStateData = { flow };
    if (options.returnTo !== undefined) state.returnTo = sameOriginPath(options.returnTo);
    const request = await client.createSigninRequest({
      state,
      nonce: randomToken(),
      scope,
      prompt,
      extraQueryParams: { ...this.#options.extraAuthorizationParams, ...options.params },
    });
    return { client, request };
  }

  /** Forgets a popup or silent sign-in's state (it finished or gave up). */
  async forget(stateId: string): Promise<void> {
    await this.#memoryStates.removeItem(`${statePrefix}${stateId}`);
  }

  /** True when `url` answers a redirect sign-in this tab started (its state is in storage). */
  isRedirectResponse(url: string): boolean {
    const stateId = new URL(url).searchParams.get('state');
    return stateId !== null && window.sessionStorage.getItem(`${statePrefix}${stateId}`) !== null;
  }

  /**
   * The callback checks, in order, before any token request: `state` present and known (and
   * spent at once), the RFC 9207 `iss` parameter, an error response; then the code exchange and
   * the ID token checks. Only a session that passed them all is returned.
   */
  async complete(
    url: string,
    client: OidcClient,
  ): Promise<{ session: StoredSession; state: SignInStateData }> {
    const params = new URL(url).searchParams;
    if (!params.get('state')) {
      throw new ZheliAuthError('state_mismatch', 'The authorization response has no "state"', {
        reason: 'state_missing',
      });
    }
    let read: Awaited<ReturnType<OidcClient['readSigninResponseState']>>;
    try {
      read = await client.readSigninResponseState(url, true);
    } catch (error) {
      throw new ZheliAuthError(
        'state_mismatch',
        'The authorization response\'s "state" matches no sign-in started here (tampered, replayed or from another browser)',
        { reason: 'state_unknown', cause: error },
      );
    }
    const { state, response } = read;
    if (state.client_id !== this.#options.clientId || state.authority !== this.#options.authority) {
      throw new ZheliAuthError('state_mismatch', 'The sign-in state belongs to another client', {
        reason: 'state_unknown',
      });
    }
    await this.#provider.checkIssParameter(params);
    if (response.error) throw authorizationError(response.error, response.error_description);
    if (!response.code || !state.code_verifier || !state.nonce) {
      throw new ZheliAuthError('authorization_error', 'The authorization response has no code');
    }
    const validated = await this.#provider.exchangeCode({
      code: response.code,
      codeVerifier: state.code_verifier,
      redirectUri: state.redirect_uri,
      nonce: state.nonce,
    });
    const session = toSession(validated, undefined);
    return { session, state: (state.data ?? { flow: 'redirect' }) as SignInStateData };
  }

  #create(metadata: ProviderMetadata, store: InMemoryWebStorage | Storage): OidcClient {
    return new OidcClient({
      authority: this.#options.authority,
      client_id: this.#options.clientId,
      redirect_uri: this.#options.redirectUri,
      post_logout_redirect_uri: this.#options.postLogoutRedirectUri,
      scope: this.#options.scope,
      response_type: 'code',
      response_mode: 'query',
      loadUserInfo: false,
      staleStateAgeInSeconds: 900,
      metadata,
      stateStore: new WebStorageStateStore({ store, prefix: statePrefix }),
    });
  }
}

/** Removes the OAuth response parameters from the address bar (when `url` is the page's). */
export function scrubUrl(url: string): void {
  if (typeof history !== 'object' || url !== location.href) return;
  const clean = new URL(url);
  for (const param of oauthResponseParams) clean.searchParams.delete(param);
  history.replaceState(history.state, '', clean.href);
}

/** Drops every redirect sign-in state left in sessionStorage. */
export function clearSignInStates(): void {
  const store = window.sessionStorage;
  for (let i = store.length - 1; i >= 0; i--) {
    const key = store.key(i);
    if (key?.startsWith(statePrefix)) store.removeItem(key);
  }
}

/** Maps an authorization error response to the package's error codes. */
function authorizationError(error: string, description: string | null): ZheliAuthError {
  const init = { oauthError: error, oauthErrorDescription: description ?? undefined };
  if (
    error === 'login_required' ||
    error === 'interaction_required' ||
    error === 'consent_required' ||
    error === 'account_selection_required'
  ) {
    return new ZheliAuthError(
      'login_required',
      `The provider needs an interactive sign-in (${error})`,
      init,
    );
  }
  if (error === 'access_denied') {
    return new ZheliAuthError('access_denied', 'The sign-in was refused (access_denied)', init);
  }
  return new ZheliAuthError('authorization_error', `The provider answered "${error}"`, init);
}

function sameOriginPath(returnTo: string): string {
  const url = new URL(returnTo, location.href);
  if (url.origin !== location.origin) {
    throw new TypeError(`returnTo must be on this origin: ${returnTo}`);
  }
  return `${url.pathname}${url.search}${url.hash}`;
}
