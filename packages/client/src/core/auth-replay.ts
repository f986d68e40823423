import { isHTTPError, type KyRequest } from 'ky';

/** Asked for a token before every attempt; `forceRefresh` after a `401`. */
export type AccessTokenProvider = (options: {
  forceRefresh: boolean;
}) => Promise<string | undefined>;

/** The token supply of one client: a ky hook that sets it, and the one replay after a `401`. */
export interface AuthReplay {
  /** A `beforeRequest` and `beforeRetry` hook: sets `authorization` when the context asks. */
  authorize(state: {
    request: KyRequest;
    options: { context: Record<string, unknown> };
    retryCount: number;
  }): Promise<void>;
  /**
   * Runs `attempt` without a token of its own; when it fails with a `401` and the operation
   * needs a token, gets a fresh one (one refresh shared by concurrent `401`s) and runs `attempt`
   * once more with it. Any other failure, or a refresh that yields nothing, rejects as it came.
   */
  withReplay<T>(needsAuth: boolean, attempt: (token?: string) => Promise<T>): Promise<T>;
}

/** Token supply from `getAccessToken`, and a refresh from `onUnauthorized` or a forced one. */
export function createAuthReplay(
  getAccessToken: AccessTokenProvider | undefined,
  onUnauthorized: (() => Promise<string | undefined>) | undefined,
): AuthReplay {
  const refresh = onUnauthorized ?? (async () => getAccessToken?.({ forceRefresh: true }));
  let refreshing: Promise<string | undefined> | undefined;
  const replay = async <T>(attempt: (token?: string) => Promise<T>): Promise<T> => {
    try {
      return await attempt();
    } catch (error) {
      if (!isHTTPError(error) || error.response.status !== 401) throw error;
      refreshing ??= refresh()
        .catch(() => undefined)
        .finally(() => {
          refreshing = undefined;
        });
      const token = await refreshing;
      if (!token) throw error;
      return attempt(token);
    }
  };
  return {
    async authorize({ request, options: { context }, retryCount }) {
      if (!context.auth) return;
      const token =
        (!retryCount && (context.token as string | undefined)) ||
        (await getAccessToken?.({ forceRefresh: false }));
      if (token) request.headers.set('authorization', `Bearer ${token}`);
    },
    // An operation without a token has nothing to replay: its attempt is the call.
    withReplay: (needsAuth, attempt) => (needsAuth ? replay(attempt) : attempt()),
  };
}
