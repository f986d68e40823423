import { InMemoryWebStorage, OidcClient, WebStorageStateStore } from 'oidc-client-ts';
import type { ProviderMetadata } from '../core/discovery.js';
import { isZheliAuthError, ZheliAuthError } from '../core/errors.js';
import type { FetchLike } from '../core/http.js';
import type { AuthLogger } from '../core/logger.js';
import { silentLogger } from '../core/logger.js';
import { Provider, type ValidatedTokens } from '../core/provider.js';
import {
  type AuthEventListener,
  type AuthEventMap,
  type AuthEventType,
  Emitter,
} from './events.js';
import { type TabMessage, TabSync } from './tab-sync.js';
import type { AuthUser, SessionStorageLike, StoredSession } from './types.js';

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

/** Options of {@link Auth.signIn}. */
export interface SignInOptions {
  /**
   * Sign in in a popup instead of leaving the page. Call `signIn` straight from a click
   * handler: the popup opens before the first `await`. A blocked popup rejects with
   * `popup_blocked`; fall back to a redirect.
   * @default false
   */
  popup?: boolean;
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
  getAccessToken(options?: GetAccessTokenOptions): Promise<string | undefined>;
}

/** A browser-mode auth instance. */
export interface Auth {
  /** Starts a sign-in: a full-page redirect, or a popup that resolves with the user. */
  signIn(options?: SignInOptions & { popup: true; fallbackToRedirect?: false }): Promise<AuthUser>;
  signIn(options?: SignInOptions): Promise<AuthUser | undefined>;
  /**
   * Completes a sign-in on the redirect page. Runs every check before the code is exchanged,
   * validates the ID token, stores the session, then scrubs the OAuth parameters from the URL.
   * In a sign-in popup or silent-renew iframe it hands the response to the opening page and
   * returns `null`; on a page without a response it returns `null` too.
   */
  handleCallback(url?: string): Promise<CallbackResult | null>;
  /** Signs in without interaction (hidden iframe, `prompt=none`); one attempt, no retries. */
  signInSilent(): Promise<AuthUser>;
  /**
   * Forgets the session in every tab, revokes the refresh token, and (unless `redirect: false`)
   * sends the browser to the provider's end-session endpoint.
   */
  signOut(options?: { redirect?: boolean }): Promise<void>;
  /** The signed-in user, or `null`. */
  getUser(): Promise<AuthUser | null>;
  /** A valid access token (renewed when it is about to expire), or `undefined` when signed out. */
  getAccessToken(options?: GetAccessTokenOptions): Promise<string | undefined>;
  /** The same `getAccessToken`, as an object for `createClient`. */
  readonly tokenProvider: TokenProvider;
  /** Listens to an event; returns the function that stops listening. */
  on<T extends AuthEventType>(type: T, listener: AuthEventListener<T>): () => void;
  /** Stops tab sync; the instance must not be used afterwards. */
  close(): void;
}

const statePrefix = 'zheli-auth.';
const popupNamePrefix = 'zheli-auth-popup-';
const silentNamePrefix = 'zheli-auth-silent-';
const oauthResponseParams = [
  'code',
  'state',
  'iss',
  'session_state',
  'error',
  'error_description',
  'error_uri',
];

interface SignInStateData {
  flow: 'redirect' | 'popup' | 'silent';
  returnTo?: string;
}

/**
 * Creates a browser-mode auth instance: authorization code + PKCE (S256) with `state` and
 * `nonce` always, the ID token validated with jose against the issuer's JWKS, the RFC 9207
 * `iss` parameter checked before the code is exchanged, and single-flight refreshes within
 * and across tabs.
 *
 * @example
 * ```ts
 * const auth = createAuth({ authority, clientId: 'partner-app', redirectUri: `${location.origin}/callback` });
 * const client = createClient({ getAccessToken: auth.getAccessToken });
 * ```
 */
export function createAuth(options: AuthOptions): Auth {
  return new BrowserAuth(options);
}

class BrowserAuth implements Auth {
  readonly tokenProvider: TokenProvider;
  #options: Required<
    Pick<
      AuthOptions,
      | 'scope'
      | 'renewBeforeExpirySeconds'
      | 'popupTimeoutMs'
      | 'silentTimeoutMs'
      | 'tabSyncTimeoutMs'
      | 'requestTimeoutMs'
    >
  > &
    AuthOptions;
  #logger: AuthLogger;
  #provider: Provider;
  #emitter = new Emitter();
  #session: StoredSession | null = null;
  #storage: SessionStorageLike | null;
  #storageKey: string;
  #sync: TabSync | undefined;
  #ready: Promise<void>;
  #refreshing: Promise<StoredSession | null> | undefined;
  #clients: { redirect?: OidcClient; memory?: OidcClient } = {};
  #memoryStates = new InMemoryWebStorage();
  #pendingRelays = new Map<string, (url: string) => void>();
  #relayChannel: BroadcastChannel | undefined;
  #onWindowMessage = (event: MessageEvent) => {
    if (event.origin !== location.origin) return;
    this.#receiveRelay(event.data);
  };

  constructor(options: AuthOptions) {
    this.#options = {
      scope: 'openid profile offline_access',
      renewBeforeExpirySeconds: 60,
      popupTimeoutMs: 300_000,
      silentTimeoutMs: 10_000,
      tabSyncTimeoutMs: 150,
      requestTimeoutMs: 10_000,
      ...options,
    };
    this.#logger = options.logger ?? silentLogger;
    this.#provider = new Provider({
      authority: options.authority,
      clientId: options.clientId,
      clientAuth: { method: 'none' },
      fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
      timeoutMs: this.#options.requestTimeoutMs,
      clockSkewSeconds: options.clockSkewSeconds ?? 360,
      now: options.now ?? (() => new Date()),
    });
    this.#storage = resolveStorage(options.storage ?? 'memory');
    this.#storageKey = `zheli-auth:${options.authority}:${options.clientId}`;
    this.#session = this.#readStoredSession();
    const getAccessToken = (opts?: GetAccessTokenOptions) => this.getAccessToken(opts);
    this.tokenProvider = { getAccessToken };
    this.getAccessToken = this.getAccessToken.bind(this);
    if (options.syncTabs !== false && typeof BroadcastChannel === 'function') {
      this.#sync = new TabSync(this.#storageKey, (message) => this.#onTabMessage(message));
    }
    this.#ready = this.#joinTabs();
  }

  on<T extends AuthEventType>(type: T, listener: AuthEventListener<T>): () => void {
    return this.#emitter.on(type, listener);
  }

  async getUser(): Promise<AuthUser | null> {
    await this.#ready;
    return this.#session ? toUser(this.#session) : null;
  }

  async getAccessToken(options: GetAccessTokenOptions = {}): Promise<string | undefined> {
    await this.#ready;
    const session = this.#session;
    if (!session) return undefined;
    const renewAt = session.expiresAt - this.#options.renewBeforeExpirySeconds * 1000;
    if (!options.forceRefresh && Date.now() < renewAt) return session.accessToken;
    const renewed = await this.#renew(session.version);
    return renewed?.accessToken;
  }

  signIn(options?: SignInOptions & { popup: true; fallbackToRedirect?: false }): Promise<AuthUser>;
  signIn(options?: SignInOptions): Promise<AuthUser | undefined>;
  signIn(options: SignInOptions = {}): Promise<AuthUser | undefined> {
    if (!options.popup) return this.#signInRedirect(options);
    // The popup opens synchronously, inside the click that called us, or browsers block it.
    const name = `${popupNamePrefix}${crypto.randomUUID()}`;
    const popup = window.open('about:blank', name, popupFeatures());
    if (!popup) {
      if (options.fallbackToRedirect) return this.#signInRedirect(options);
      return Promise.reject(
        new ZheliAuthError(
          'popup_blocked',
          'The sign-in popup was blocked; call signIn() from a click, or use a redirect',
        ),
      );
    }
    return this.#signInPopup(popup, options);
  }

  async handleCallback(url: string = location.href): Promise<CallbackResult | null> {
    const params = new URL(url).searchParams;
    if (!params.has('state') && !params.has('code') && !params.has('error')) return null;
    const stateId = params.get('state');
    const isRedirect =
      stateId !== null && window.sessionStorage.getItem(`${statePrefix}${stateId}`) !== null;
    if (!isRedirect && this.#relayToOpener(url)) return null;
    try {
      const metadata = await this.#provider.metadata();
      const data = await this.#complete(url, this.#redirectClient(metadata), 'this-tab');
      return { user: toUser(data.session), returnTo: data.state.returnTo };
    } finally {
      this.#scrubUrl(url);
      clearSignInStates();
    }
  }

  async signInSilent(): Promise<AuthUser> {
    const session = await this.#silent();
    this.#setSession(session, 'signed-in', 'this-tab');
    return toUser(session);
  }

  async signOut(options: { redirect?: boolean } = {}): Promise<void> {
    await this.#ready;
    const session = this.#session;
    this.#clearSession('this-tab');
    this.#sync?.post({ type: 'signed-out' });
    if (!session) return;
    const metadata = await this.#provider.metadata().catch(() => undefined);
    if (session.refreshToken && metadata?.revocation_endpoint) {
      await this.#memoryClient(metadata)
        .revokeToken(session.refreshToken, 'refresh_token')
        .catch((error: unknown) =>
          this.#logger.warn?.({ error }, 'refresh token revocation failed'),
        );
    }
    if (options.redirect === false || !metadata?.end_session_endpoint) return;
    const request = await this.#memoryClient(metadata).createSignoutRequest({
      id_token_hint: session.idToken,
      post_logout_redirect_uri: this.#options.postLogoutRedirectUri,
    });
    window.location.assign(request.url);
  }

  close(): void {
    this.#sync?.close();
    this.#relayChannel?.close();
    this.#relayChannel = undefined;
    if (typeof window === 'object') window.removeEventListener('message', this.#onWindowMessage);
  }

  // --- sign-in flows -----------------------------------------------------------------------

  async #signInRedirect(options: SignInOptions): Promise<undefined> {
    const metadata = await this.#provider.metadata();
    const request = await this.#createRequest(this.#redirectClient(metadata), 'redirect', options);
    window.location.assign(request.url);
    return undefined;
  }

  async #signInPopup(popup: Window, options: SignInOptions): Promise<AuthUser> {
    let closedTimer: ReturnType<typeof setInterval> | undefined;
    let timeout: ReturnType<typeof setTimeout> | undefined;
    let stateId: string | undefined;
    try {
      const metadata = await this.#provider.metadata();
      const client = this.#memoryClient(metadata);
      const request = await this.#createRequest(client, 'popup', options);
      stateId = request.state.id;
      const relayed = this.#awaitRelay(stateId);
      popup.location.href = request.url;
      const closed = new Promise<never>((_, reject) => {
        closedTimer = setInterval(() => {
          if (popup.closed) {
            reject(new ZheliAuthError('popup_closed', 'The sign-in popup was closed'));
          }
        }, 200);
        timeout = setTimeout(
          () => reject(new ZheliAuthError('timeout', 'The sign-in popup did not complete')),
          this.#options.popupTimeoutMs,
        );
      });
      const url = await Promise.race([relayed, closed]);
      const { session } = await this.#complete(url, client, 'this-tab');
      return toUser(session);
    } finally {
      clearInterval(closedTimer);
      clearTimeout(timeout);
      if (stateId) {
        this.#pendingRelays.delete(stateId);
        await this.#memoryStates.removeItem(`${statePrefix}${stateId}`);
      }
      if (!popup.closed) popup.close();
    }
  }

  async #silent(): Promise<StoredSession> {
    const metadata = await this.#provider.metadata();
    const client = this.#memoryClient(metadata);
    const request = await this.#createRequest(client, 'silent', { prompt: 'none' });
    const stateId = request.state.id;
    const relayed = this.#awaitRelay(stateId);
    const frame = document.createElement('iframe');
    frame.name = `${silentNamePrefix}${crypto.randomUUID()}`;
    frame.title = 'silent sign-in';
    frame.setAttribute('aria-hidden', 'true');
    frame.style.display = 'none';
    let timeout: ReturnType<typeof setTimeout> | undefined;
    try {
      frame.src = request.url;
      document.body.appendChild(frame);
      const timedOut = new Promise<never>((_, reject) => {
        timeout = setTimeout(
          () =>
            reject(
              new ZheliAuthError(
                'timeout',
                'Silent sign-in did not complete (the provider may refuse to be framed)',
              ),
            ),
          this.#options.silentTimeoutMs,
        );
      });
      const url = await Promise.race([relayed, timedOut]);
      const { session } = await this.#complete(url, client, 'this-tab', false);
      return session;
    } finally {
      clearTimeout(timeout);
      this.#pendingRelays.delete(stateId);
      await this.#memoryStates.removeItem(`${statePrefix}${stateId}`);
      frame.remove();
    }
  }

  async #createRequest(
    client: OidcClient,
    flow: SignInStateData['flow'],
    options: SignInOptions,
  ): Promise<Awaited<ReturnType<OidcClient['createSigninRequest']>>> {
    const scope = this.#options.scope;
    const prompt =
      options.prompt ?? (scope.split(' ').includes('offline_access') ? 'consent' : undefined);
    const state: SignInStateData = { flow };
    if (options.returnTo !== undefined) state.returnTo = sameOriginPath(options.returnTo);
    return client.createSigninRequest({
      state,
      nonce: randomToken(),
      scope,
      prompt,
      extraQueryParams: { ...this.#options.extraAuthorizationParams, ...options.params },
    });
  }

  /**
   * The callback checks, in order, before any token request: `state` present and known (and
   * spent at once), the RFC 9207 `iss` parameter, an error response; then the code exchange and
   * the ID token checks. Only a session that passed them all is kept.
   */
  async #complete(
    url: string,
    client: OidcClient,
    source: 'this-tab',
    emit = true,
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
    if (emit) this.#setSession(session, 'signed-in', source);
    return { session, state: (state.data ?? { flow: 'redirect' }) as SignInStateData };
  }

  // --- renewal -----------------------------------------------------------------------------

  /** One renewal at a time in this tab (single flight) and across tabs (Web Locks). */
  #renew(seenVersion: number): Promise<StoredSession | null> {
    this.#refreshing ??= this.#renewLocked(seenVersion).finally(() => {
      this.#refreshing = undefined;
    });
    return this.#refreshing;
  }

  async #renewLocked(seenVersion: number): Promise<StoredSession | null> {
    const run = async (): Promise<StoredSession | null> => {
      if (this.#newerThan(seenVersion)) return this.#session;
      if (this.#sync?.hasPeers) {
        await this.#askPeers(seenVersion);
        if (this.#newerThan(seenVersion)) return this.#session;
      }
      const session = this.#session;
      if (!session) return null;
      try {
        const renewed = session.refreshToken
          ? toSession(
              await this.#provider.refresh({
                refreshToken: session.refreshToken,
                previous: { idToken: session.idToken, claims: session.claims },
              }),
              session,
            )
          : await this.#silent();
        if (renewed.claims.sub !== session.claims.sub) {
          throw new ZheliAuthError('invalid_id_token', 'The renewed session names another user', {
            reason: 'sub',
          });
        }
        this.#setSession(renewed, 'renewed', 'this-tab');
        return renewed;
      } catch (error) {
        throw this.#renewalFailed(error);
      }
    };
    return this.#sync ? this.#sync.withRefreshLock(run) : run();
  }

  #renewalFailed(error: unknown): unknown {
    const isGone =
      isZheliAuthError(error) &&
      ((error.code === 'token_error' && error.oauthError === 'invalid_grant') ||
        error.code === 'login_required');
    if (isGone) {
      const expired = new ZheliAuthError(
        'session_expired',
        'The session can no longer be renewed; sign in again',
        { cause: error, oauthError: error.oauthError },
      );
      this.#clearSession('this-tab', false);
      this.#sync?.post({ type: 'signed-out' });
      this.#emit('session-expired', { error: expired });
      return expired;
    }
    if (isZheliAuthError(error) && error.code === 'invalid_id_token') {
      // The old refresh token was spent on this response: nothing trustworthy is left.
      this.#clearSession('this-tab');
      this.#sync?.post({ type: 'signed-out' });
    }
    return error;
  }

  #newerThan(version: number): boolean {
    const session = this.#session;
    return (
      session !== null &&
      session.version > version &&
      Date.now() < session.expiresAt - this.#options.renewBeforeExpirySeconds * 1000
    );
  }

  /** Asks other tabs for a session newer than `version`; waits briefly for an answer. */
  #askPeers(version: number): Promise<void> {
    return new Promise((resolve) => {
      const started = Date.now();
      this.#sync?.post({ type: 'sync-request', after: version });
      const check = () => {
        if (this.#newerThan(version) || Date.now() - started > this.#options.tabSyncTimeoutMs) {
          resolve();
        } else {
          setTimeout(check, 10);
        }
      };
      check();
    });
  }

  // --- session and tabs --------------------------------------------------------------------

  #setSession(
    session: StoredSession,
    reason: 'signed-in' | 'renewed',
    source: 'this-tab' | 'other-tab',
  ): void {
    this.#session = session;
    this.#writeStoredSession(session);
    if (source === 'this-tab') this.#sync?.post({ type: 'session', session, reason });
    this.#emit(reason, { user: toUser(session), source });
  }

  #clearSession(source: 'this-tab' | 'other-tab', emit = true): void {
    const had = this.#session !== null;
    this.#session = null;
    this.#storage?.removeItem(this.#storageKey);
    if (had && emit) this.#emit('signed-out', { source });
  }

  #onTabMessage(message: TabMessage): void {
    switch (message.type) {
      case 'hello':
        if (this.#session) {
          this.#sync?.post({ type: 'session', session: this.#session, reason: 'signed-in' });
        }
        return;
      case 'sync-request':
        if (this.#session && this.#session.version > message.after) {
          this.#sync?.post({ type: 'session', session: this.#session, reason: 'renewed' });
        }
        return;
      case 'session': {
        const current = this.#session;
        if (current && current.version >= message.session.version) return;
        if (current && current.claims.sub !== message.session.claims.sub) return;
        const reason = current ? 'renewed' : 'signed-in';
        this.#setSession(message.session, reason, 'other-tab');
        return;
      }
      case 'signed-out':
        this.#clearSession('other-tab');
        return;
    }
  }

  async #joinTabs(): Promise<void> {
    if (!this.#sync || this.#session) return;
    this.#sync.post({ type: 'hello' });
    const deadline = Date.now() + this.#options.tabSyncTimeoutMs;
    while (!this.#session && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  #readStoredSession(): StoredSession | null {
    const text = this.#storage?.getItem(this.#storageKey);
    if (!text) return null;
    try {
      return JSON.parse(text) as StoredSession;
    } catch {
      return null;
    }
  }

  #writeStoredSession(session: StoredSession): void {
    this.#storage?.setItem(this.#storageKey, JSON.stringify(session));
  }

  #emit<T extends AuthEventType>(type: T, event: AuthEventMap[T]): void {
    this.#emitter.emit(type, event, (error) =>
      this.#logger.error?.({ error, type }, 'an auth event listener threw'),
    );
  }

  // --- popup and iframe relays -------------------------------------------------------------

  /** In a sign-in popup or silent iframe: hands the response URL to the page that opened it. */
  #relayToOpener(url: string): boolean {
    const name = window.name;
    // Not a sign-in this page started by redirect: hand it to the opener or parent, which acts
    // only if the state is one of its own pending popup or silent sign-ins. (Browsers may
    // clear `window.name` on cross-site navigations, so it is not relied on.)
    const isPopup =
      (window.opener !== null && window.opener !== window) || name.startsWith(popupNamePrefix);
    const isFrame = !isPopup && window.parent !== window;
    if (!isPopup && !isFrame) return false;
    const message = { type: 'zheli-auth:callback', url };
    const target: Window | null = isPopup ? (window.opener as Window | null) : window.parent;
    try {
      target?.postMessage(message, location.origin);
    } catch {
      // The opener may be gone or cross-origin; the BroadcastChannel below still reaches it.
    }
    const channel = new BroadcastChannel(this.#relayChannelName());
    channel.postMessage(message);
    channel.close();
    if (isPopup) window.close();
    return true;
  }

  #awaitRelay(stateId: string): Promise<string> {
    if (!this.#relayChannel) {
      this.#relayChannel = new BroadcastChannel(this.#relayChannelName());
      this.#relayChannel.onmessage = (event) => this.#receiveRelay(event.data);
      window.addEventListener('message', this.#onWindowMessage);
    }
    return new Promise((resolve) => this.#pendingRelays.set(stateId, resolve));
  }

  #receiveRelay(data: unknown): void {
    if (typeof data !== 'object' || data === null) return;
    const { type, url } = data as { type?: unknown; url?: unknown };
    if (type !== 'zheli-auth:callback' || typeof url !== 'string') return;
    let stateId: string | null;
    try {
      const parsed = new URL(url);
      if (parsed.origin !== location.origin) return;
      stateId = parsed.searchParams.get('state');
    } catch {
      return;
    }
    const resolve = stateId === null ? undefined : this.#pendingRelays.get(stateId);
    if (!resolve || stateId === null) return;
    this.#pendingRelays.delete(stateId);
    resolve(url);
  }

  #relayChannelName(): string {
    return `zheli-auth-callback:${this.#options.clientId}`;
  }

  // --- oidc-client-ts ----------------------------------------------------------------------

  /** Redirect sign-ins keep the PKCE verifier and nonce in sessionStorage until the callback. */
  #redirectClient(metadata: ProviderMetadata): OidcClient {
    this.#clients.redirect ??= new OidcClient({
      ...this.#clientSettings(),
      metadata,
      stateStore: new WebStorageStateStore({ store: window.sessionStorage, prefix: statePrefix }),
    });
    return this.#clients.redirect;
  }

  /** Popup and silent sign-ins keep theirs in this page's memory only. */
  #memoryClient(metadata: ProviderMetadata): OidcClient {
    this.#clients.memory ??= new OidcClient({
      ...this.#clientSettings(),
      metadata,
      stateStore: new WebStorageStateStore({ store: this.#memoryStates, prefix: statePrefix }),
    });
    return this.#clients.memory;
  }

  #clientSettings() {
    return {
      authority: this.#options.authority,
      client_id: this.#options.clientId,
      redirect_uri: this.#options.redirectUri,
      post_logout_redirect_uri: this.#options.postLogoutRedirectUri,
      scope: this.#options.scope,
      response_type: 'code',
      response_mode: 'query' as const,
      loadUserInfo: false,
      staleStateAgeInSeconds: 900,
    };
  }

  #scrubUrl(url: string): void {
    if (typeof history !== 'object' || url !== location.href) return;
    const clean = new URL(url);
    for (const param of oauthResponseParams) clean.searchParams.delete(param);
    history.replaceState(history.state, '', clean.href);
  }
}

function resolveStorage(storage: NonNullable<AuthOptions['storage']>): SessionStorageLike | null {
  if (storage === 'memory') return null;
  if (storage === 'session') return window.sessionStorage;
  if (storage === 'local') return window.localStorage;
  return storage;
}

function toSession(validated: ValidatedTokens, previous: StoredSession | undefined): StoredSession {
  return {
    accessToken: validated.tokens.access_token,
    // Rotation: a new refresh token replaces the old; a provider that does not rotate keeps it.
    refreshToken: validated.tokens.refresh_token ?? previous?.refreshToken,
    idToken: validated.idToken,
    claims: validated.claims,
    scope: validated.tokens.scope ?? previous?.scope,
    expiresAt: validated.expiresAt,
    version: Date.now() + Math.random(),
  };
}

function toUser(session: StoredSession): AuthUser {
  return {
    sub: session.claims.sub,
    claims: session.claims,
    scope: session.scope,
    expiresAt: session.expiresAt,
  };
}

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

function clearSignInStates(): void {
  const store = window.sessionStorage;
  for (let i = store.length - 1; i >= 0; i--) {
    const key = store.key(i);
    if (key?.startsWith(statePrefix)) store.removeItem(key);
  }
}

function sameOriginPath(returnTo: string): string {
  const url = new URL(returnTo, location.href);
  if (url.origin !== location.origin) {
    throw new TypeError(`returnTo must be on this origin: ${returnTo}`);
  }
  return `${url.pathname}${url.search}${url.hash}`;
}

function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

function popupFeatures(): string {
  const width = 500;
  const height = 640;
  const left = Math.max(0, (window.screenX ?? 0) + (window.outerWidth - width) / 2);
  const top = Math.max(0, (window.screenY ?? 0) + (window.outerHeight - height) / 2);
  return `popup=yes,width=${width},height=${height},left=${left},top=${top}`;
}
