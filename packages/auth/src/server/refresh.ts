import { isZheliAuthError, ZheliAuthError } from '../core/errors.js';
import type { Provider } from '../core/provider.js';
import type { HandlerSettings } from './options.js';
import { toSession } from './sessions.js';
import type { ServerSession } from './store.js';

/** How often an instance waiting for another's refresh of the same session looks at the store. */
const refreshLockPollMs = 50;

/**
 * The proxy's token renewal: `renew(key, session)` refreshes the tokens of the session stored
 * under `key` and answers the renewed session, or undefined when it has ended. Single-flight in
 * this process, and, with a store that has `lock`, across every instance sharing the store.
 */
export function createRenewal(
  settings: Pick<HandlerSettings, 'store' | 'logger' | 'sessionTtl' | 'timeoutMs'>,
  provider: Pick<Provider, 'refresh'>,
): (key: string, session: ServerSession) => Promise<ServerSession | undefined> {
  const { store, logger, sessionTtl } = settings;
  const refreshing = new Map<string, Promise<ServerSession | undefined>>();
  // Long enough for discovery, the token request and the keys, each within its timeout.
  const refreshLockTtlMs = 3 * settings.timeoutMs + 1000;

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

  return (key, session) => {
    let pending = refreshing.get(key);
    if (!pending) {
      pending = renewShared(key, session).finally(() => refreshing.delete(key));
      refreshing.set(key, pending);
    }
    return pending;
  };
}
