import { describe, expect, it, vi } from 'vitest';
import { ZheliAuthError } from '../core/errors.js';
import type { ValidatedTokens } from '../core/provider.js';
import { Renewal } from './renewal.js';
import { SessionStore } from './session-store.js';
import { testStoreOptions } from './test-support.js';
import type { StoredSession } from './types.js';

const claims = {
  sub: 'p-anji-driver',
  iss: 'https://auth.example',
  aud: 'partner-app',
  exp: 2,
  iat: 1,
};

function session(overrides: Partial<StoredSession> = {}): StoredSession {
  return {
    accessToken: 'at-1',
    refreshToken: 'rt-1',
    idToken: 'id-1',
    claims,
    scope: 'openid',
    // Long expired: every access token here is due for renewal.
    expiresAt: 0,
    version: 1,
    ...overrides,
  };
}

function tokens(n: number, sub = claims.sub): ValidatedTokens {
  return {
    tokens: { access_token: `at-${n}`, token_type: 'Bearer', refresh_token: `rt-${n}` },
    claims: { ...claims, sub },
    idToken: `id-${n}`,
    // Far ahead of any clock this test runs under.
    expiresAt: Number.MAX_SAFE_INTEGER,
  };
}

function setup(refresh: (input: { refreshToken: string }) => Promise<ValidatedTokens>) {
  const store = new SessionStore(testStoreOptions);
  store.set(session(), 'signed-in', 'this-tab');
  const provider = { refresh: vi.fn(refresh) };
  const signInSilent = vi.fn(async () => session({ accessToken: 'at-silent' }));
  const renewal = new Renewal({
    provider,
    session: store,
    signInSilent,
    renewBeforeExpirySeconds: 60,
    tabSyncTimeoutMs: 150,
  });
  return { store, provider, signInSilent, renewal };
}

describe('Renewal', () => {
  it('spends the refresh token once for renewals asked for at the same time', async () => {
    const { renewal, provider, store } = setup(async () => tokens(2));
    const results = await Promise.all([renewal.renew(1), renewal.renew(1), renewal.renew(1)]);
    expect(results.map((s) => s?.accessToken)).toEqual(['at-2', 'at-2', 'at-2']);
    expect(provider.refresh).toHaveBeenCalledTimes(1);
    expect(provider.refresh.mock.calls[0]?.[0]).toMatchObject({ refreshToken: 'rt-1' });
    expect(store.current?.refreshToken).toBe('rt-2');
  });

  it('uses a newer fresh session (from another tab) instead of refreshing again', async () => {
    const { renewal, provider, store } = setup(async () => tokens(2));
    store.set(
      session({ accessToken: 'at-other', version: 5, expiresAt: Number.MAX_SAFE_INTEGER }),
      'renewed',
      'other-tab',
    );
    expect((await renewal.renew(1))?.accessToken).toBe('at-other');
    expect(provider.refresh).not.toHaveBeenCalled();
  });

  it('signs in silently when the session has no refresh token', async () => {
    const { renewal, provider, signInSilent, store } = setup(async () => tokens(2));
    store.set(session({ refreshToken: undefined, version: 2 }), 'renewed', 'this-tab');
    expect((await renewal.renew(2))?.accessToken).toBe('at-silent');
    expect(signInSilent).toHaveBeenCalledTimes(1);
    expect(provider.refresh).not.toHaveBeenCalled();
  });

  it('ends the session with session_expired when the provider refuses the grant', async () => {
    const { renewal, store } = setup(async () => {
      throw new ZheliAuthError('token_error', 'Token request failed (400 invalid_grant)', {
        status: 400,
        oauthError: 'invalid_grant',
      });
    });
    const expired = vi.fn();
    const signedOut = vi.fn();
    store.on('session-expired', expired);
    store.on('signed-out', signedOut);
    await expect(renewal.renew(1)).rejects.toMatchObject({
      code: 'session_expired',
      oauthError: 'invalid_grant',
    });
    expect(store.current).toBeNull();
    expect(expired).toHaveBeenCalledTimes(1);
    expect(signedOut).not.toHaveBeenCalled();
  });

  it('drops the session when the renewed one names another user', async () => {
    const { renewal, store } = setup(async () => tokens(2, 'p-xihu-elder'));
    await expect(renewal.renew(1)).rejects.toMatchObject({
      code: 'invalid_id_token',
      reason: 'sub',
    });
    expect(store.current).toBeNull();
  });

  it('keeps the session after a network failure, to try again later', async () => {
    const { renewal, store } = setup(async () => {
      throw new ZheliAuthError('network_error', 'Request failed: POST /token');
    });
    await expect(renewal.renew(1)).rejects.toMatchObject({ code: 'network_error' });
    expect(store.current?.accessToken).toBe('at-1');
  });
});
