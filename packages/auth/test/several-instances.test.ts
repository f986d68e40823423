// Server mode as a partner runs it for a province: three instances of the BFF behind a
// round-robin balancer, sharing sessions in Redis or PostgreSQL (real servers started here), the
// real sandbox as the provider. The clock is Vitest's (Date only): the tests move it past the
// access token's expiry instead of waiting.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type PostgresServer, startPostgres } from '../../sandbox/test/postgres-server.ts';
import { sha256 } from '../src/core/encoding.ts';
import { createPostgresSessionStore } from '../src/postgres.ts';
import { createRedisSessionStore } from '../src/redis.ts';
import { type AuthHandler, createAuthHandler, type SessionStore } from '../src/server.ts';
import { HttpBrowser } from './support/http-browser.ts';
import { startOp, type TestOp } from './support/op.ts';
import { type RedisServer, startRedis } from './support/redis-server.ts';
import { type RoundRobin, startRoundRobin } from './support/round-robin.ts';

const persona = 'p-anji-driver';
const start = new Date('2026-11-02T08:00:00Z');
/** Past the sandbox's 15-minute access tokens, well within the 8-hour session. */
const afterAccessTokenExpiry = new Date(start.getTime() + 20 * 60 * 1000);
const encryptionKeys = ['lkT2Kq1o2m3Fh0rZ5C6Yx3mW9dP0bVQe8nJ4sA7uR1g='];

let op: TestOp;
let redis: RedisServer | { skip: string };
let postgres: PostgresServer | { skip: string };

/** A running instance: its own store client, its own handler, its own HTTP server. */
interface Instance {
  url: string;
  server: Server;
  handler: AuthHandler;
  close(): Promise<void>;
}

let balancer: RoundRobin;
let instances: Instance[];
/** Every request the instances sent to the provider's token endpoint, by grant type. */
let tokenGrants: string[];
let stores: { close(): Promise<void> }[];

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'], now: start });
  [op, redis, postgres] = await Promise.all([
    // The clock stands still here, so the API's per-minute budget would never refill.
    startOp({ noRateLimit: true }),
    startRedis(),
    startPostgres(),
  ]);
  if (!('skip' in postgres)) {
    const store = createPostgresSessionStore({
      connectionString: postgres.url,
      encryptionKeys,
      sweepIntervalSeconds: 0,
    });
    await store.migrate();
    await store.close();
  }
});
afterAll(async () => {
  await op.stop();
  if (!('skip' in redis)) await redis.stop();
  if (!('skip' in postgres)) await postgres.stop();
  vi.useRealTimers();
});
beforeEach(() => {
  vi.setSystemTime(start);
  tokenGrants = [];
  stores = [];
  instances = [];
});
afterEach(async () => {
  await balancer.stop();
  for (const instance of instances) await instance.close();
  for (const store of stores) await store.close();
});

async function startInstances(count: number, makeStore: () => SessionStore): Promise<void> {
  balancer = await startRoundRobin();
  for (let i = 0; i < count; i += 1) {
    const store = makeStore();
    const handler = createAuthHandler({
      authority: op.issuer,
      clientId: 'partner-server',
      clientAuth: { method: 'client_secret_basic', clientSecret: 'sandbox-secret' },
      redirectUri: `${balancer.url}/auth/callback`,
      apiBaseUrl: op.url,
      secureCookies: false,
      store,
      fetch: async (input, init) => {
        if (String(input).endsWith('/oidc/token')) {
          tokenGrants.push(new URLSearchParams(String(init?.body ?? '')).get('grant_type') ?? '');
        }
        return fetch(input, init);
      },
    });
    const server = createServer(getRequestListener((request) => handler.fetch(request)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    balancer.backends.push(url);
    let closed = false;
    instances.push({
      url,
      server,
      handler,
      close: async () => {
        if (closed) return;
        closed = true;
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      },
    });
  }
}

async function signedIn(browser: HttpBrowser): Promise<HttpBrowser> {
  const callback = await browser.signIn(balancer.url, persona);
  expect(callback.status).toBe(303);
  return browser;
}

const engines = [
  {
    name: 'Redis',
    skip: () => ('skip' in redis ? redis.skip : undefined),
    store: (): SessionStore => {
      const store = createRedisSessionStore({ url: (redis as RedisServer).url, encryptionKeys });
      stores.push(store);
      return store;
    },
  },
  {
    name: 'PostgreSQL',
    skip: () => ('skip' in postgres ? postgres.skip : undefined),
    store: (): SessionStore => {
      const store = createPostgresSessionStore({
        connectionString: (postgres as PostgresServer).url,
        encryptionKeys,
        sweepIntervalSeconds: 0,
      });
      stores.push(store);
      return store;
    },
  },
];

for (const engine of engines) {
  describe(`three instances sharing sessions in ${engine.name}`, () => {
    beforeEach(({ skip }) => {
      const why = engine.skip();
      if (why) skip(why);
    });

    it('signs in through one instance, completes the callback on another, and calls the API through all', async () => {
      await startInstances(3, engine.store);
      const browser = await signedIn(new HttpBrowser());
      // /login went to the first instance, /callback to the second.
      expect(balancer.served).toEqual([0, 1]);
      const calls = [];
      for (let i = 0; i < 3; i += 1) calls.push(await browser.call(`${balancer.url}/api/v1/me`));
      expect(balancer.served.slice(2)).toEqual([2, 0, 1]);
      for (const call of calls) expect(call).toMatchObject({ status: 200, body: { sub: persona } });
      expect(tokenGrants).toEqual(['authorization_code']);
    });

    it('refreshes an expired access token once for 50 concurrent calls across the instances, and the person stays signed in', async () => {
      await startInstances(3, engine.store);
      const browser = await signedIn(new HttpBrowser());
      vi.setSystemTime(afterAccessTokenExpiry);
      const calls = await Promise.all(
        Array.from({ length: 50 }, () => browser.call(`${balancer.url}/api/v1/me`)),
      );
      expect(new Set(balancer.served.slice(2))).toEqual(new Set([0, 1, 2]));
      expect(calls.map((c) => c.status)).toEqual(Array.from({ length: 50 }, () => 200));
      // One refresh: a second with the same (rotated) refresh token would revoke the grant.
      expect(tokenGrants).toEqual(['authorization_code', 'refresh_token']);
      for (let i = 0; i < 3; i += 1) {
        expect(await browser.call(`${balancer.url}/api/v1/me`)).toMatchObject({ status: 200 });
      }
      expect(tokenGrants).toHaveLength(2);
    });

    it('ends a session on every instance at once when it signs out on one', async () => {
      await startInstances(3, engine.store);
      const [phone, laptop] = [
        await signedIn(new HttpBrowser()),
        await signedIn(new HttpBrowser()),
      ];
      expect((await phone.call(`${balancer.url}/auth/logout`, 'POST')).status).toBe(200);
      for (let i = 0; i < 3; i += 1) {
        expect(await phone.call(`${balancer.url}/auth/session`)).toMatchObject({
          body: { signedIn: false },
        });
        expect(await phone.call(`${balancer.url}/api/v1/me`)).toMatchObject({ status: 401 });
      }
      // The other session of the same person is untouched.
      expect(await laptop.call(`${balancer.url}/auth/session`)).toMatchObject({
        body: { signedIn: true },
      });
    });

    it('ends all of a person’s sessions from any instance: logout?everywhere=1 and endSessionsOf(sub)', async () => {
      await startInstances(3, engine.store);
      const browsers = [];
      for (let i = 0; i < 3; i += 1) browsers.push(await signedIn(new HttpBrowser()));
      const [first, ...others] = browsers as [HttpBrowser, HttpBrowser, HttpBrowser];
      const logout = await first.call(`${balancer.url}/auth/logout?everywhere=1`, 'POST');
      expect(logout).toMatchObject({ status: 200, body: { signedOut: true } });
      for (const browser of [first, ...others]) {
        for (let i = 0; i < 3; i += 1) {
          expect(await browser.call(`${balancer.url}/auth/session`)).toMatchObject({
            body: { signedIn: false },
          });
        }
      }
      const again = [await signedIn(new HttpBrowser()), await signedIn(new HttpBrowser())];
      expect(await instances[2]?.handler.endSessionsOf(persona)).toBe(2);
      for (const browser of again) {
        expect(await browser.call(`${balancer.url}/api/v1/me`)).toMatchObject({ status: 401 });
      }
      expect(await instances[0]?.handler.endSessionsOf(persona)).toBe(0);
    });

    it('carries on when an instance stops in the middle', async () => {
      await startInstances(3, engine.store);
      const browser = await signedIn(new HttpBrowser());
      await instances[1]?.close();
      vi.setSystemTime(afterAccessTokenExpiry);
      const calls = await Promise.all(
        Array.from({ length: 6 }, () => browser.call(`${balancer.url}/api/v1/me`)),
      );
      expect(calls.map((c) => c.status)).toEqual([200, 200, 200, 200, 200, 200]);
      expect(balancer.served.slice(2).includes(1)).toBe(false);
      expect(tokenGrants).toEqual(['authorization_code', 'refresh_token']);
    });
  });
}

/** Asks `/auth/session` until the store answers again (the client reconnects on its own). */
async function untilStoreAnswers(browser: HttpBrowser): Promise<{ status: number; body: unknown }> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const answer = await browser.call(`${balancer.url}/auth/session`);
    if (answer.status !== 503) return answer;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the store did not come back');
}

describe('the store going away', () => {
  it('Redis: refuses every request with 503 store_unavailable while it is down, and sessions survive its restart', async ({
    skip,
  }) => {
    if ('skip' in redis) skip(redis.skip);
    const server = redis as RedisServer;
    await startInstances(2, engines[0]?.store as () => SessionStore);
    const browser = await signedIn(new HttpBrowser());
    await server.halt();
    for (const path of ['/auth/session', '/api/v1/me', '/auth/session', '/api/v1/me']) {
      expect(await browser.call(`${balancer.url}${path}`)).toMatchObject({
        status: 503,
        body: { code: 'store_unavailable' },
      });
    }
    const login = await browser.fetch(`${balancer.url}/auth/login`);
    expect(login.status).toBe(503);
    await server.start();
    expect(await untilStoreAnswers(browser)).toMatchObject({
      status: 200,
      body: { signedIn: true, user: { sub: persona } },
    });
    expect(await browser.call(`${balancer.url}/api/v1/me`)).toMatchObject({ status: 200 });
  });

  it('PostgreSQL: keeps sessions across a restart, and refuses every request with 503 store_unavailable while it is down', async ({
    skip,
  }) => {
    const own = await startPostgres();
    if ('skip' in own) return skip(own.skip);
    try {
      const setup = createPostgresSessionStore({
        connectionString: own.url,
        encryptionKeys,
        sweepIntervalSeconds: 0,
      });
      await setup.migrate();
      await setup.close();
      await startInstances(2, () => {
        const store = createPostgresSessionStore({
          connectionString: own.url,
          encryptionKeys,
          sweepIntervalSeconds: 0,
        });
        stores.push(store);
        return store;
      });
      const browser = await signedIn(new HttpBrowser());
      await own.restart();
      expect(await untilStoreAnswers(browser)).toMatchObject({
        status: 200,
        body: { signedIn: true, user: { sub: persona } },
      });
      expect(await browser.call(`${balancer.url}/api/v1/me`)).toMatchObject({ status: 200 });
      await own.stop();
      for (const path of ['/auth/session', '/api/v1/me', '/auth/session', '/api/v1/me']) {
        expect(await browser.call(`${balancer.url}${path}`)).toMatchObject({
          status: 503,
          body: { code: 'store_unavailable' },
        });
      }
    } finally {
      await own.stop();
    }
  });
});

describe('an instance that stops while it holds the refresh lock', () => {
  it('PostgreSQL: the others wait until the lock expires on the store’s clock, then one of them refreshes, once', async ({
    skip,
  }) => {
    if ('skip' in postgres) return skip(postgres.skip);
    const url = postgres.url;
    // The store's clock, moved by the test: locks and rows expire by it.
    let storeNow = start.getTime();
    let lockAttempts = 0;
    await startInstances(3, () => {
      const store = createPostgresSessionStore({
        connectionString: url,
        encryptionKeys,
        sweepIntervalSeconds: 0,
        now: () => storeNow,
      });
      stores.push(store);
      const lock = store.lock.bind(store);
      store.lock = (name, ttlMs) => {
        lockAttempts += 1;
        return lock(name, ttlMs);
      };
      return store;
    });
    const browser = await signedIn(new HttpBrowser());
    const key = `session:${await sha256(browser.cookie(balancer.url, 'zheli-session') ?? '')}`;
    // An instance took the lock and died before refreshing: nobody will release it.
    const dead = createPostgresSessionStore({
      connectionString: url,
      encryptionKeys,
      sweepIntervalSeconds: 0,
      now: () => storeNow,
    });
    stores.push(dead);
    expect(await dead.lock(`refresh:${key}`, 31_000)).toBeDefined();

    vi.setSystemTime(afterAccessTokenExpiry);
    const calls = Promise.all(
      Array.from({ length: 9 }, () => browser.call(`${balancer.url}/api/v1/me`)),
    );
    // Each instance is waiting for the lock...
    while (lockAttempts < 6) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(tokenGrants).toEqual(['authorization_code']);
    // ...until it expires.
    storeNow += 31_001;
    expect((await calls).map((c) => c.status)).toEqual(Array.from({ length: 9 }, () => 200));
    expect(tokenGrants).toEqual(['authorization_code', 'refresh_token']);
  });
});
