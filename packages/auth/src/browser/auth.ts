import { Provider } from '../core/provider.js';
import { clearSignInStates, SignInCallback, scrubUrl } from './callback.js';
import type { AuthEventListener, AuthEventType } from './events.js';
import {
  type AuthOptions,
  type CallbackResult,
  type GetAccessTokenOptions,
  type ResolvedAuthOptions,
  resolveAuthOptions,
  type SignInOptions,
  type TokenProvider,
} from './options.js';
import { adoptPopup, closePopup, openPopup, popupBlocked, runPopup } from './popup.js';
import { CallbackRelay, relayToOpener } from './relay.js';
import { Renewal } from './renewal.js';
import { SessionStore, toUser } from './session-store.js';
import { runSilentFrame } from './silent-frame.js';
import { redeemTicket, type TicketSource } from './ticket.js';
import type { AuthUser, StoredSession } from './types.js';

/** A browser-mode auth instance. */
export interface Auth {
  /** Starts a sign-in: a full-page redirect, or a popup that resolves with the user. */
  signIn(options?: SignInOptions & { popup: true; fallbackToRedirect?: false }): Promise<AuthUser>;
  signIn(
    options: SignInOptions & { popupWindow: Window | null; fallbackToRedirect?: false },
  ): Promise<AuthUser>;
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
   * Signs in inside the platform's app with no redirect: `getTicket` asks the app for a one-time
   * ticket bound to this client and a fresh S256 challenge, which the token endpoint redeems
   * (with the verifier) as a token exchange; the ID token is checked as for a code sign-in.
   * @example
   * ```ts
   * if (await bridge.inContainer()) await auth.signInWithTicket((binding) => bridge.getTicket(binding));
   * ```
   */
  signInWithTicket(getTicket: TicketSource): Promise<AuthUser>;
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

/**
 * Composes the browser-mode parts: the session store (memory or Web Storage, shared between
 * tabs), renewal, the sign-in callback, the popup, the silent frame and the relay that brings a
 * popup's or frame's response back.
 */
class BrowserAuth implements Auth {
  readonly tokenProvider: TokenProvider;
  #options: ResolvedAuthOptions;
  #provider: Provider;
  #session: SessionStore;
  #renewal: Renewal;
  #callback: SignInCallback;
  #relay: CallbackRelay;

  constructor(options: AuthOptions) {
    this.#options = resolveAuthOptions(options);
    const resolved = this.#options;
    this.#provider = new Provider({
      authority: resolved.authority,
      clientId: resolved.clientId,
      clientAuth: { method: 'none' },
      fetch: resolved.fetch,
      timeoutMs: resolved.requestTimeoutMs,
      clockSkewSeconds: resolved.clockSkewSeconds,
      now: resolved.now,
    });
    // On a server (a module that calls createAuth() imported while a page prerenders) there is
    // no tab to sync with and no Web Storage: an open BroadcastChannel would keep Node running.
    const inBrowser = typeof window === 'object';
    this.#session = new SessionStore({
      authority: resolved.authority,
      clientId: resolved.clientId,
      storage:
        inBrowser || typeof resolved.storage === 'object'
          ? (resolved.storage ?? 'memory')
          : 'memory',
      syncTabs: resolved.syncTabs !== false && inBrowser,
      tabSyncTimeoutMs: resolved.tabSyncTimeoutMs,
      logger: resolved.logger,
    });
    this.#renewal = new Renewal({
      provider: this.#provider,
      session: this.#session,
      signInSilent: () => this.#silent(),
      renewBeforeExpirySeconds: resolved.renewBeforeExpirySeconds,
      tabSyncTimeoutMs: resolved.tabSyncTimeoutMs,
    });
    this.#callback = new SignInCallback(resolved, this.#provider);
    this.#relay = new CallbackRelay(
      resolved.clientId,
      typeof location === 'object' ? location.origin : '',
      typeof window === 'object' ? window : undefined,
    );
    const getAccessToken = (opts?: GetAccessTokenOptions) => this.getAccessToken(opts);
    this.tokenProvider = { getAccessToken };
    this.getAccessToken = this.getAccessToken.bind(this);
  }

  on<T extends AuthEventType>(type: T, listener: AuthEventListener<T>): () => void {
    return this.#session.on(type, listener);
  }

  async getUser(): Promise<AuthUser | null> {
    await this.#session.ready;
    const session = this.#session.current;
    return session ? toUser(session) : null;
  }

  async getAccessToken(options: GetAccessTokenOptions = {}): Promise<string | undefined> {
    await this.#session.ready;
    const session = this.#session.current;
    if (!session) return undefined;
    if (!options.forceRefresh && this.#renewal.isFresh(session)) return session.accessToken;
    const renewed = await this.#renewal.renew(session.version);
    return renewed?.accessToken;
  }

  signIn(options?: SignInOptions & { popup: true; fallbackToRedirect?: false }): Promise<AuthUser>;
  signIn(
    options: SignInOptions & { popupWindow: Window | null; fallbackToRedirect?: false },
  ): Promise<AuthUser>;
  signIn(options?: SignInOptions): Promise<AuthUser | undefined>;
  signIn(options: SignInOptions = {}): Promise<AuthUser | undefined> {
    if (!options.popup && options.popupWindow === undefined) return this.#signInRedirect(options);
    // The popup opens synchronously, inside the click that called us, or browsers block it:
    // here, unless the caller opened it in the click itself.
    const popup = options.popupWindow === undefined ? openPopup() : options.popupWindow;
    if (options.popupWindow) adoptPopup(options.popupWindow);
    if (!popup) {
      if (options.fallbackToRedirect) return this.#signInRedirect(options);
      return Promise.reject(popupBlocked());
    }
    return this.#signInPopup(popup, options);
  }

  async handleCallback(url: string = location.href): Promise<CallbackResult | null> {
    const params = new URL(url).searchParams;
    if (!params.has('state') && !params.has('code') && !params.has('error')) return null;
    // Not a sign-in this page started by redirect: hand it to the opener or parent, which acts
    // only if the state is one of its own pending popup or silent sign-ins.
    if (
      !this.#callback.isRedirectResponse(url) &&
      relayToOpener(url, this.#options.clientId, window)
    ) {
      return null;
    }
    try {
      const client = await this.#callback.client('redirect');
      const { session, state } = await this.#callback.complete(url, client);
      this.#session.set(session, 'signed-in', 'this-tab');
      return { user: toUser(session), returnTo: state.returnTo };
    } finally {
      scrubUrl(url);
      clearSignInStates();
    }
  }

  async signInSilent(): Promise<AuthUser> {
    const session = await this.#silent();
    this.#session.set(session, 'signed-in', 'this-tab');
    return toUser(session);
  }

  async signInWithTicket(getTicket: TicketSource): Promise<AuthUser> {
    const session = await redeemTicket(this.#provider, this.#options.clientId, getTicket);
    this.#session.set(session, 'signed-in', 'this-tab');
    return toUser(session);
  }

  async signOut(options: { redirect?: boolean } = {}): Promise<void> {
    await this.#session.ready;
    const session = this.#session.current;
    this.#session.signOutEverywhere();
    if (!session) return;
    const metadata = await this.#provider.metadata().catch(() => undefined);
    if (session.refreshToken && metadata) {
      // The same client authentication path as the token requests (core/token-endpoint.ts).
      await this.#provider
        .revoke(session.refreshToken, 'refresh_token')
        .catch((error: unknown) =>
          this.#options.logger.warn?.({ error }, 'refresh token revocation failed'),
        );
    }
    if (options.redirect === false || !metadata?.end_session_endpoint) return;
    const client = await this.#callback.client('memory');
    const request = await client.createSignoutRequest({
      id_token_hint: session.idToken,
      post_logout_redirect_uri: this.#options.postLogoutRedirectUri,
    });
    window.location.assign(request.url);
  }

  close(): void {
    this.#session.close();
    this.#relay.close();
  }

  async #signInRedirect(options: SignInOptions): Promise<undefined> {
    const { request } = await this.#callback.createRequest('redirect', options);
    window.location.assign(request.url);
    return undefined;
  }

  async #signInPopup(popup: Window, options: SignInOptions): Promise<AuthUser> {
    let stateId: string | undefined;
    try {
      const { client, request } = await this.#callback.createRequest('popup', options);
      stateId = request.state.id;
      const relayed = this.#relay.wait(stateId);
      const url = await runPopup(popup, request.url, relayed, this.#options.popupTimeoutMs);
      const { session } = await this.#callback.complete(url, client);
      this.#session.set(session, 'signed-in', 'this-tab');
      return toUser(session);
    } finally {
      if (stateId) {
        this.#relay.cancel(stateId);
        await this.#callback.forget(stateId);
      }
      closePopup(popup);
    }
  }

  /** A silent sign-in's session, not yet kept: the caller decides whether it renews one. */
  async #silent(): Promise<StoredSession> {
    const { client, request } = await this.#callback.createRequest('silent', { prompt: 'none' });
    const stateId = request.state.id;
    try {
      const relayed = this.#relay.wait(stateId);
      const url = await runSilentFrame(request.url, relayed, this.#options.silentTimeoutMs);
      const { session } = await this.#callback.complete(url, client);
      return session;
    } finally {
      this.#relay.cancel(stateId);
      await this.#callback.forget(stateId);
    }
  }
}
