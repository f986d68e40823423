import { describe, expect, it } from 'vitest';
import { type LoginTransaction, MemorySessionStore, type ServerSession } from './store.js';

const login = (state: string): LoginTransaction => ({
  kind: 'login',
  state,
  nonce: 'n',
  codeVerifier: 'v',
  returnTo: '/',
  createdAt: 0,
});
const session: ServerSession = {
  kind: 'session',
  sub: 'p-anji-driver',
  claims: { iss: 'https://op.example', sub: 'p-anji-driver', aud: 'c', exp: 2, iat: 1 },
  idToken: 'id',
  accessToken: 'at',
  refreshToken: undefined,
  scope: undefined,
  expiresAt: 0,
  createdAt: 0,
};

describe('MemorySessionStore', () => {
  it('drops the oldest sign-in in progress past maxLoginTransactions and keeps every session', async () => {
    const store = new MemorySessionStore({ now: () => 0, maxLoginTransactions: 3 });
    await store.set('session:a', session, 60);
    for (let i = 0; i < 10; i += 1) await store.set(`login:${i}`, login(`${i}`), 60);
    expect(store.size).toBe(4);
    expect(await store.get('login:6')).toBeUndefined();
    expect(await store.get('login:7')).toMatchObject({ state: '7' });
    expect(await store.get('session:a')).toMatchObject({ sub: 'p-anji-driver' });
  });

  it('forgets expired sign-ins in progress and keeps live sessions', async () => {
    let now = 0;
    const store = new MemorySessionStore({ now: () => now, maxLoginTransactions: 100_000 });
    for (let i = 0; i < 2000; i += 1) await store.set(`login:${i}`, login(`${i}`), 1);
    now = 5000;
    await store.set('session:a', session, 60);
    expect(await store.get('session:a')).toMatchObject({ kind: 'session' });
    expect(store.size).toBe(1);
  });
});
