import { sha256 } from '../core/encoding.js';
import type { Provider, ValidatedTokens } from '../core/provider.js';
import { readCookies } from './cookies.js';
import type { HandlerSettings } from './options.js';
import type { ServerSession } from './store.js';

/** A live session found by the request's cookie, and the store key it lives under. */
interface FoundSession {
  key: string;
  session: ServerSession;
}

/**
 * Sessions in the store: read by the browser's cookie, started after a sign-in, ended one at a
 * time or all of a person's at once, their refresh tokens revoked when they end. The store key
 * is a hash of the cookie's id, never the id itself.
 */
export function createSessions(
  settings: Pick<HandlerSettings, 'store' | 'logger' | 'cookieName' | 'sessionTtl' | 'cookie'>,
  provider: Pick<Provider, 'revoke'>,
) {
  const { store, logger, cookieName, sessionTtl } = settings;
  const keyOf = async (id: string) => `session:${await sha256(id)}`;

  function revokeRefreshToken(refreshToken: string): Promise<void> {
    // A refused revocation leaves the refresh token valid after sign-out: an operator must see it.
    return provider.revoke(refreshToken, 'refresh_token').then(
      () => undefined,
      (error: unknown) =>
        logger.error?.({ error }, 'refresh token revocation failed; the token may still be valid'),
    );
  }

  /** Deletes the session `id` names, if any, and revokes its refresh token. */
  async function end(id: string | undefined): Promise<void> {
    if (!id) return;
    const key = await keyOf(id);
    const previous = await store.get(key);
    await store.delete(key);
    if (previous?.kind === 'session' && previous.refreshToken) {
      await revokeRefreshToken(previous.refreshToken);
    }
  }

  /** Ends every session of `sub` in the store and revokes their refresh tokens. */
  async function endAllOf(sub: string): Promise<number> {
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

  /** The session id the request's cookie holds, if any. */
  const idOf = (request: Request): string | undefined =>
    readCookies(request.headers.get('cookie')).get(cookieName);

  return {
    idOf,

    /** The request's live session; one past `sessionTtlSeconds` is deleted and not returned. */
    async read(request: Request): Promise<FoundSession | undefined> {
      const id = idOf(request);
      if (!id) return undefined;
      const key = await keyOf(id);
      const session = await store.get(key);
      if (session?.kind !== 'session') return undefined;
      if (Date.now() - session.createdAt > sessionTtl * 1000) {
        await store.delete(key);
        return undefined;
      }
      return { key, session };
    },

    /** The `Set-Cookie` value that gives the browser session `id`. */
    cookie: (id: string) => settings.cookie(cookieName, id, sessionTtl),
    /** The `Set-Cookie` value that drops the session cookie. */
    clearCookie: () => settings.cookie(cookieName, '', 0),

    /**
     * Stores the session `id` for `validated`. The session `previousId` (the browser's before it
     * signed in again) ends first: a copy of the old cookie stops working (session fixation, a
     * shared computer).
     */
    async start(id: string, validated: ValidatedTokens, previousId: string | undefined) {
      await end(previousId);
      await store.set(await keyOf(id), toSession(validated), sessionTtl);
    },

    endAllOf,
    revokeRefreshToken,
  };
}

/** What the handler's routes use of {@link createSessions}. */
export type Sessions = ReturnType<typeof createSessions>;

/** The session record for `validated`; a renewal keeps what the provider did not send again. */
export function toSession(validated: ValidatedTokens, previous?: ServerSession): ServerSession {
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
