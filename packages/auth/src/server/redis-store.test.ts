import { createClient } from 'redis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RedisServer, startRedis } from '../../test/support/redis-server.ts';
import { createRedisSessionStore } from './redis-store.js';
import type { ServerSession } from './store.js';

const keys = ['lkT2Kq1o2m3Fh0rZ5C6Yx3mW9dP0bVQe8nJ4sA7uR1g='];
const newer = 'o1tT0fVb9cM9JtG0Xbq1r7Qm6w3Lk2Zs8Yh4Pn5Ux0E=';

function session(sub: string, accessToken = 'at-secret'): ServerSession {
  return {
    kind: 'session',
    sub,
    claims: { iss: 'https://op.example', sub, aud: 'c', exp: 2, iat: 1 },
    idToken: 'id',
    accessToken,
    refreshToken: 'rt-secret',
    scope: undefined,
    expiresAt: 0,
    createdAt: 0,
  };
}

let server: RedisServer | { skip: string };
let raw: ReturnType<typeof createClient>;

beforeAll(async () => {
  server = await startRedis();
  if ('skip' in server) return;
  raw = createClient({ url: server.url });
  raw.on('error', () => {});
  await raw.connect();
});
afterAll(async () => {
  if ('skip' in server) return;
  raw.destroy();
  await server.stop();
});
beforeEach(async ({ skip }) => {
  if ('skip' in server) return skip(server.skip);
  await raw.flushAll();
});

describe('createRedisSessionStore', () => {
  it('keeps a record encrypted under a key whose TTL is the record’s', async () => {
    const store = createRedisSessionStore({ client: raw, encryptionKeys: keys });
    await store.set('session:a', session('p-1'), 3600);
    expect(await store.get('session:a')).toEqual(session('p-1'));
    const stored = String(await raw.get('zheli:auth:session:a'));
    expect(stored).toMatch(/^z1\./);
    expect(stored).not.toMatch(/at-secret|rt-secret|p-1/);
    const ttl = await raw.pTTL('zheli:auth:session:a');
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(3_600_000);
    await store.delete('session:a');
    expect(await store.get('session:a')).toBeUndefined();
  });

  it('reads records sealed under the previous key after a rotation, and refuses them without it', async () => {
    await createRedisSessionStore({ client: raw, encryptionKeys: keys }).set(
      'session:a',
      session('p-1'),
      60,
    );
    const rotated = createRedisSessionStore({ client: raw, encryptionKeys: [newer, ...keys] });
    expect(await rotated.get('session:a')).toMatchObject({ sub: 'p-1' });
    await rotated.set('session:b', session('p-1'), 60);
    const retired = createRedisSessionStore({ client: raw, encryptionKeys: [newer] });
    expect(await retired.get('session:b')).toMatchObject({ sub: 'p-1' });
    expect(await retired.get('session:a')).toBeUndefined();
  });

  it('lists a person’s live sessions by a hashed index and drops ended ones from it', async () => {
    const store = createRedisSessionStore({ client: raw, encryptionKeys: keys });
    await store.set('session:a', session('p-1'), 60);
    await store.set('session:b', session('p-1'), 120);
    await store.set('session:c', session('p-2'), 60);
    await store.delete('session:a');
    expect(await store.keysOfSub('p-1')).toEqual(['session:b']);
    expect(await store.keysOfSub('p-3')).toEqual([]);
    const indexes = await raw.keys('zheli:auth:sub:*');
    expect(indexes).toHaveLength(2);
    expect(indexes.join()).not.toContain('p-1');
    const sizes = await Promise.all(indexes.map((index) => raw.sCard(index)));
    expect(sizes.sort()).toEqual([1, 1]);
    // The index lives as long as the person's longest session.
    const ttls = await Promise.all(indexes.map((index) => raw.pTTL(index)));
    expect(Math.max(...ttls)).toBeGreaterThan(60_000);
  });

  it('gives a lock to one holder at a time, and a holder past its time cannot release the next one’s', async () => {
    const store = createRedisSessionStore({ client: raw, encryptionKeys: keys });
    const first = await store.lock('refresh:a', 10_000);
    expect(first).toBeDefined();
    expect(await store.lock('refresh:a', 10_000)).toBeUndefined();
    // The first holder's time runs out and another takes the lock (as SET NX PX would).
    await raw.set('zheli:auth:lock:refresh:a', 'someone-else', { PX: 10_000 });
    await first?.release();
    expect(await raw.get('zheli:auth:lock:refresh:a')).toBe('someone-else');
    await raw.del('zheli:auth:lock:refresh:a');
    const second = await store.lock('refresh:a', 10_000);
    await second?.release();
    expect(await store.lock('refresh:a', 10_000)).toBeDefined();
  });

  it('keeps sessions across a restart (append-only file) and fails closed with store_unavailable while down', async () => {
    if ('skip' in server) return;
    const running = server;
    const store = createRedisSessionStore({ url: running.url, encryptionKeys: keys });
    try {
      await store.set('session:a', session('p-1'), 3600);
      await running.halt();
      await expect(store.get('session:a')).rejects.toMatchObject({
        name: 'ZheliAuthError',
        code: 'store_unavailable',
      });
      await running.start();
      let found: unknown;
      for (let attempt = 0; attempt < 100 && !found; attempt += 1) {
        found = await store.get('session:a').catch(() => undefined);
        if (!found) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(found).toMatchObject({ sub: 'p-1' });
    } finally {
      await store.close();
      await raw.connect().catch(() => {});
    }
  });

  it('fails with store_unavailable when the server cannot be reached at all', async () => {
    const store = createRedisSessionStore({ url: 'redis://127.0.0.1:1', encryptionKeys: keys });
    await expect(store.get('session:a')).rejects.toMatchObject({ code: 'store_unavailable' });
    await store.close();
  });
});
