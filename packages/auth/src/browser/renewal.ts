import { isZheliAuthError, ZheliAuthError } from '../core/errors.js';
import type { Provider } from '../core/provider.js';
import { type SessionStore, toSession } from './session-store.js';
import type { StoredSession } from './types.js';

export interface RenewalOptions {
  provider: Pick<Provider, 'refresh'>;
  session: SessionStore;
  /** A silent (iframe) sign-in, for sessions without a refresh token. */
  signInSilent: () => Promise<StoredSession>;
  renewBeforeExpirySeconds: number;
  /** Milliseconds to wait for another tab to answer with a newer session. */
  tabSyncTimeoutMs: number;
}

/**
 * Renews the session: one renewal at a time in this tab (single flight) and across tabs (Web
 * Locks), a newer session from another tab taken instead of spending the refresh token again
 * (refresh tokens rotate, and a reused one revokes the grant), and the session ended when the
 * provider says it can no longer be renewed.
 */
export class Renewal {
  #options: RenewalOptions;
  #refreshing: Promise<StoredSession | null> | undefined;

  constructor(options: RenewalOptions) {
    this.#options = options;
  }

  /** True when `session` is still fresh enough to use without renewing. */
  isFresh(session: StoredSession): boolean {
    return Date.now() < session.expiresAt - this.#options.renewBeforeExpirySeconds * 1000;
  }

  /** Renews the session this tab saw at `seenVersion`, unless a newer one is already here. */
  renew(seenVersion: number): Promise<StoredSession | null> {
    this.#refreshing ??= this.#renewLocked(seenVersion).finally(() => {
      this.#refreshing = undefined;
    });
    return this.#refreshing;
  }

  async #renewLocked(seenVersion: number): Promise<StoredSession | null> {
    const { session: store, provider } = this.#options;
    const run = async (): Promise<StoredSession | null> => {
      if (this.#newerThan(seenVersion)) return store.current;
      if (store.sync?.hasPeers) {
        await this.#askPeers(seenVersion);
        if (this.#newerThan(seenVersion)) return store.current;
      }
      const session = store.current;
      if (!session) return null;
      try {
        const renewed = session.refreshToken
          ? toSession(
              await provider.refresh({
                refreshToken: session.refreshToken,
                previous: { idToken: session.idToken, claims: session.claims },
              }),
              session,
            )
          : await this.#options.signInSilent();
        if (renewed.claims.sub !== session.claims.sub) {
          throw new ZheliAuthError('invalid_id_token', 'The renewed session names another user', {
            reason: 'sub',
          });
        }
        store.set(renewed, 'renewed', 'this-tab');
        return renewed;
      } catch (error) {
        throw this.#failed(error);
      }
    };
    return store.sync ? store.sync.withRefreshLock(run) : run();
  }

  #failed(error: unknown): unknown {
    const store = this.#options.session;
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
      store.signOutEverywhere(false);
      store.emit('session-expired', { error: expired });
      return expired;
    }
    if (isZheliAuthError(error) && error.code === 'invalid_id_token') {
      // The old refresh token was spent on this response: nothing trustworthy is left.
      store.signOutEverywhere();
    }
    return error;
  }

  #newerThan(version: number): boolean {
    const session = this.#options.session.current;
    return session !== null && session.version > version && this.isFresh(session);
  }

  /** Asks other tabs for a session newer than `version`; waits briefly for an answer. */
  #askPeers(version: number): Promise<void> {
    return new Promise((resolve) => {
      const started = Date.now();
      this.#options.session.sync?.post({ type: 'sync-request', after: version });
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
}
