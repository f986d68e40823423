import { afterEach, describe, expect, it, vi } from 'vitest';
import { SessionStore, type SessionStoreOptions } from './session-store.js';
import { testStoreOptions } from './test-support.js';
import type { SessionStorageLike, StoredSession } from './types.js';

const stores: SessionStore[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
});

function memoryStorage(): SessionStorageLike & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

function store(overrides: Partial<SessionStoreOptions> = {}): SessionStore {
  const created = new SessionStore({ ...testStoreOptions, ...overrides });
  stores.push(created);
  return created;
}

function session(sub: string, version: number): StoredSession {
  return {
    accessToken: `at-${version}`,
    refreshToken: `rt-${version}`,
    idToken: 'id',
    claims: { sub, iss: 'https://auth.example', aud: 'partner-app', exp: 2, iat: 1 },
    scope: 'openid',
    expiresAt: 1_000_000,
    version,
  };
}

describe('SessionStore', () => {
  it('keeps the session in the storage the app chose and reads it back in a new instance', async () => {
    const storage = memoryStorage();
    store({ storage }).set(session('p-anji-driver', 1), 'signed-in', 'this-tab');
    expect([...storage.items.keys()]).toEqual(['zheli-auth:https://auth.example:partner-app']);
    const again = store({ storage });
    await again.ready;
    expect(again.current?.accessToken).toBe('at-1');
  });

  it('starts signed out when the stored session is not JSON', () => {
    const storage = memoryStorage();
    storage.setItem('zheli-auth:https://auth.example:partner-app', '{not json');
    expect(store({ storage }).current).toBeNull();
  });

  it('emits signed-in with the user, never the tokens', () => {
    const keeper = store();
    const listener = vi.fn();
    keeper.on('signed-in', listener);
    keeper.set(session('p-anji-driver', 1), 'signed-in', 'this-tab');
    expect(listener).toHaveBeenCalledWith({
      user: {
        sub: 'p-anji-driver',
        claims: session('p-anji-driver', 1).claims,
        scope: 'openid',
        expiresAt: 1_000_000,
      },
      source: 'this-tab',
    });
  });

  it('emits signed-out only when there was a session to forget', () => {
    const storage = memoryStorage();
    const keeper = store({ storage });
    const listener = vi.fn();
    keeper.on('signed-out', listener);
    keeper.clear('this-tab');
    expect(listener).not.toHaveBeenCalled();
    keeper.set(session('p-anji-driver', 1), 'signed-in', 'this-tab');
    keeper.clear('this-tab');
    expect(listener).toHaveBeenCalledWith({ source: 'this-tab' });
    expect(storage.items.size).toBe(0);
  });

  it('logs a listener that throws and still calls the others', () => {
    const error = vi.fn();
    const keeper = store({ logger: { error } });
    const other = vi.fn();
    keeper.on('renewed', () => {
      throw new Error('listener bug');
    });
    keeper.on('renewed', other);
    keeper.set(session('p-anji-driver', 2), 'renewed', 'this-tab');
    expect(other).toHaveBeenCalledTimes(1);
    expect(error).toHaveBeenCalledWith(
      { error: expect.any(Error), type: 'renewed' },
      'an auth event listener threw',
    );
  });

  describe('between tabs', () => {
    it('hands a new tab the session an open tab holds', async () => {
      const first = store({ syncTabs: true });
      first.set(session('p-anji-driver', 1), 'signed-in', 'this-tab');
      const second = store({ syncTabs: true, tabSyncTimeoutMs: 5_000 });
      await second.ready;
      expect(second.current?.accessToken).toBe('at-1');
    });

    it('takes a newer session from another tab but never another user’s', async () => {
      const first = store({ syncTabs: true });
      const second = store({ syncTabs: true });
      second.set(session('p-anji-driver', 5), 'signed-in', 'this-tab');
      await vi.waitFor(() => expect(first.current?.version).toBe(5));
      const renewed = vi.fn();
      first.on('renewed', renewed);
      second.set(session('p-xihu-elder', 9), 'signed-in', 'this-tab');
      second.set(session('p-anji-driver', 3), 'renewed', 'this-tab');
      second.set(session('p-anji-driver', 7), 'renewed', 'this-tab');
      await vi.waitFor(() => expect(first.current?.version).toBe(7));
      expect(renewed).toHaveBeenCalledTimes(1);
      expect(renewed).toHaveBeenCalledWith(expect.objectContaining({ source: 'other-tab' }));
    });

    it('signs out every tab when one signs out', async () => {
      const first = store({ syncTabs: true });
      const second = store({ syncTabs: true });
      first.set(session('p-anji-driver', 1), 'signed-in', 'this-tab');
      await vi.waitFor(() => expect(second.current).not.toBeNull());
      const signedOut = vi.fn();
      second.on('signed-out', signedOut);
      first.signOutEverywhere();
      await vi.waitFor(() => expect(signedOut).toHaveBeenCalledWith({ source: 'other-tab' }));
      expect(second.current).toBeNull();
    });
  });
});
