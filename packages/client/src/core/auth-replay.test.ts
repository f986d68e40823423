import { describe, expect, it, vi } from 'vitest';
import { httpError } from '../test-support.js';
import { createAuthReplay } from './auth-replay.js';

/** The `authorize` hook's view of one attempt. */
const hookState = (context: Record<string, unknown>, retryCount = 0) => ({
  request: new Request('http://api.test/v1/me'),
  options: { context },
  retryCount,
});

describe('createAuthReplay', () => {
  describe('authorize', () => {
    it('sets a bearer token from the provider on an operation that needs one', async () => {
      const getAccessToken = vi.fn(async () => 'token-1');
      const state = hookState({ auth: true, token: undefined });
      await createAuthReplay(getAccessToken, undefined).authorize(state);
      expect(state.request.headers.get('authorization')).toBe('Bearer token-1');
      expect(getAccessToken).toHaveBeenCalledWith({ forceRefresh: false });
    });

    it('sends no token to a public operation and does not ask for one', async () => {
      const getAccessToken = vi.fn(async () => 'token-1');
      const state = hookState({ auth: false, token: undefined });
      await createAuthReplay(getAccessToken, undefined).authorize(state);
      expect(state.request.headers.has('authorization')).toBe(false);
      expect(getAccessToken).not.toHaveBeenCalled();
    });

    it('sends a replay’s fresh token on its first attempt, and asks again on its retries', async () => {
      const getAccessToken = vi.fn(async () => 'token-2');
      const auth = createAuthReplay(getAccessToken, undefined);
      const first = hookState({ auth: true, token: 'fresh' });
      await auth.authorize(first);
      expect(first.request.headers.get('authorization')).toBe('Bearer fresh');
      const retry = hookState({ auth: true, token: 'fresh' }, 1);
      await auth.authorize(retry);
      expect(retry.request.headers.get('authorization')).toBe('Bearer token-2');
    });
  });

  describe('withReplay', () => {
    it('replays once with a forced refresh’s token after a 401', async () => {
      const getAccessToken = vi.fn(async ({ forceRefresh }: { forceRefresh: boolean }) =>
        forceRefresh ? 'fresh' : 'stale',
      );
      const attempt = vi.fn(async (token?: string) => {
        if (!token) throw httpError(401);
        return `ok with ${token}`;
      });
      const result = await createAuthReplay(getAccessToken, undefined).withReplay(true, attempt);
      expect(result).toBe('ok with fresh');
      expect(attempt.mock.calls).toEqual([[], ['fresh']]);
    });

    it('asks onUnauthorized, when given, instead of forcing a refresh', async () => {
      const getAccessToken = vi.fn(async () => 'stale');
      const onUnauthorized = vi.fn(async () => 'from-handler');
      const attempt = async (token?: string) => {
        if (!token) throw httpError(401);
        return token;
      };
      const auth = createAuthReplay(getAccessToken, onUnauthorized);
      expect(await auth.withReplay(true, attempt)).toBe('from-handler');
      expect(getAccessToken).not.toHaveBeenCalled();
    });

    it('rejects with the second 401 without another refresh', async () => {
      const onUnauthorized = vi.fn(async () => 'fresh');
      const second = httpError(401);
      const attempt = async (token?: string) => {
        throw token ? second : httpError(401);
      };
      const auth = createAuthReplay(undefined, onUnauthorized);
      await expect(auth.withReplay(true, attempt)).rejects.toBe(second);
      expect(onUnauthorized).toHaveBeenCalledTimes(1);
    });

    it('rejects with the 401 when the refresh yields no token or fails', async () => {
      const first = httpError(401);
      const attempt = vi.fn(async () => {
        throw first;
      });
      await expect(
        createAuthReplay(undefined, async () => undefined).withReplay(true, attempt),
      ).rejects.toBe(first);
      await expect(
        createAuthReplay(undefined, () => Promise.reject(new Error('offline'))).withReplay(
          true,
          attempt,
        ),
      ).rejects.toBe(first);
      expect(attempt).toHaveBeenCalledTimes(2);
    });

    it('does not replay a public operation, nor any failure but a 401', async () => {
      const onUnauthorized = vi.fn(async () => 'fresh');
      const auth = createAuthReplay(undefined, onUnauthorized);
      const unauthorized = httpError(401);
      await expect(auth.withReplay(false, async () => Promise.reject(unauthorized))).rejects.toBe(
        unauthorized,
      );
      const forbidden = httpError(403);
      await expect(auth.withReplay(true, async () => Promise.reject(forbidden))).rejects.toBe(
        forbidden,
      );
      expect(onUnauthorized).not.toHaveBeenCalled();
    });

    it('shares one refresh between concurrent 401s', async () => {
      let release: (token: string) => void = () => {};
      const onUnauthorized = vi.fn(
        () =>
          new Promise<string>((resolve) => {
            release = resolve;
          }),
      );
      const auth = createAuthReplay(undefined, onUnauthorized);
      const attempt = async (token?: string) => {
        if (!token) throw httpError(401);
        return token;
      };
      const both = Promise.all([auth.withReplay(true, attempt), auth.withReplay(true, attempt)]);
      await vi.waitFor(() => expect(onUnauthorized).toHaveBeenCalled());
      release('fresh');
      expect(await both).toEqual(['fresh', 'fresh']);
      expect(onUnauthorized).toHaveBeenCalledTimes(1);
    });
  });
});
