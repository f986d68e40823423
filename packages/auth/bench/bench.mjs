// What a shared session store costs: bytes per session and store requests per sign-in, per API
// call and per refresh, on Redis and PostgreSQL (real servers started here), with the sandbox as
// the provider; and the time of 50 concurrent calls that need one refresh across 3 instances.
// Run after a build:
//   npm run bench -w @zheli/auth
// Needs Debian's redis-server and PostgreSQL server binaries (as the tests do).
/* biome-ignore-all lint/suspicious/noConsole: a script that reports on stdout */
import { createServer } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { startSandbox } from '@zheli/sandbox';
import pg from 'pg';
import { createClient } from 'redis';
import { startPostgres } from '../../sandbox/test/postgres-server.ts';
import { createPostgresSessionStore } from '../dist/postgres.js';
import { createRedisSessionStore } from '../dist/redis.js';
import { createAuthHandler } from '../dist/server.js';
import { HttpBrowser } from '../test/support/http-browser.ts';
import { startRedis } from '../test/support/redis-server.ts';
import { startRoundRobin } from '../test/support/round-robin.ts';

// The handler reads Date.now() for token expiry: moving it on (for the handler and the sandbox
// alike) makes the access token due for renewal without waiting.
const realNow = Date.now;
let offset = 0;
Date.now = () => realNow() + offset;
const shiftedClock = () => new Date(Date.now());
const accessTokenLifetime = 15 * 60 * 1000;

const encryptionKeys = ['lkT2Kq1o2m3Fh0rZ5C6Yx3mW9dP0bVQe8nJ4sA7uR1g='];
const persona = 'p-anji-driver';

/** Counts the store's requests (each method is one command or query, `release` too). */
function counted(store) {
  const counts = { total: 0 };
  const count = (name) => {
    counts[name] = (counts[name] ?? 0) + 1;
    counts.total += 1;
  };
  const through =
    (name) =>
    (...args) => {
      count(name);
      return store[name](...args);
    };
  const wrapped = {
    get: through('get'),
    set: through('set'),
    delete: through('delete'),
    keysOfSub: through('keysOfSub'),
    lock: async (...args) => {
      count('lock');
      const held = await store.lock(...args);
      return (
        held && {
          release: () => {
            count('release');
            return held.release();
          },
        }
      );
    },
  };
  return {
    store: wrapped,
    take() {
      const { total, ...rest } = counts;
      const line = `${total} (${Object.entries(rest)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')})`;
      for (const key of Object.keys(counts)) counts[key] = 0;
      counts.total = 0;
      for (const key of Object.keys(rest)) delete counts[key];
      return line;
    },
  };
}

async function serve(handler) {
  const server = createServer(getRequestListener((request) => handler.fetch(request)));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(resolve);
      }),
  };
}

async function measure(engine, sandbox, makeStore, sessionBytes) {
  const balancer = await startRoundRobin();
  const stores = [];
  const counters = [];
  const servers = [];
  let refreshes = 0;
  for (let i = 0; i < 3; i += 1) {
    const store = makeStore();
    stores.push(store);
    const counter = counted(store);
    counters.push(counter);
    const handler = createAuthHandler({
      authority: sandbox.issuer,
      clientId: 'partner-server',
      clientAuth: { method: 'client_secret_basic', clientSecret: 'sandbox-secret' },
      redirectUri: `${balancer.url}/auth/callback`,
      apiBaseUrl: sandbox.url,
      secureCookies: false,
      store: counter.store,
      now: shiftedClock,
      fetch: (input, init) => {
        if (String(init?.body ?? '').includes('grant_type=refresh_token')) refreshes += 1;
        return fetch(input, init);
      },
    });
    servers.push(await serve(handler));
  }
  balancer.backends.push(...servers.map((s) => s.url));
  const browser = new HttpBrowser();
  await browser.signIn(balancer.url, persona);
  const signIn = `${counters[0].take()} + ${counters[1].take()}`;
  const cookie = `zheli-session=${browser.cookie(balancer.url, 'zheli-session')}`;
  const call = (url) => fetch(`${url}/api/v1/me`, { headers: { cookie } });
  await call(servers[2].url);
  const apiCall = counters[2].take();
  offset += accessTokenLifetime;
  await call(servers[2].url);
  const refresh = counters[2].take();

  // 50 concurrent calls on the 3 instances, the access token due for renewal.
  offset += accessTokenLifetime;
  refreshes = 0;
  const started = performance.now();
  const statuses = await Promise.all(
    Array.from({ length: 50 }, () => browser.call(`${balancer.url}/api/v1/me`)),
  );
  const elapsed = performance.now() - started;
  const waits = counters.map((c) => c.take()).join(' | ');
  const ok = statuses.filter((s) => s.status === 200).length;

  console.log(`\n${engine}`);
  console.log(`  bytes per session:            ${await sessionBytes()}`);
  console.log(
    `  store requests per sign-in:   ${signIn}  (login on one instance, callback on another)`,
  );
  console.log(`  per API call, no refresh:     ${apiCall}`);
  console.log(`  per API call with a refresh:  ${refresh}`);
  console.log(
    `  50 concurrent calls, 3 instances, all due for renewal: ${ok}/50 answered 200, ${refreshes} token request(s), ${elapsed.toFixed(0)} ms; store requests per instance: ${waits}`,
  );
  await balancer.stop();
  for (const server of servers) await server.close();
  for (const store of stores) await store.close();
}

const sandbox = await startSandbox({ port: 0, memory: true, rateLimit: false, now: shiftedClock });
try {
  const redis = await startRedis();
  if ('skip' in redis) console.log(`Redis: skipped (${redis.skip})`);
  else {
    const raw = createClient({ url: redis.url });
    await raw.connect();
    await measure(
      'Redis (redis-server, append-only file)',
      sandbox,
      () => createRedisSessionStore({ url: redis.url, encryptionKeys }),
      async () => {
        const [key] = await raw.keys('zheli:auth:session:*');
        const [index] = await raw.keys('zheli:auth:sub:*');
        const value = await raw.strLen(key);
        const memory = await raw.memoryUsage(key);
        const indexMemory = await raw.memoryUsage(index);
        return `${value} B sealed value; ${memory} B in Redis memory for the key (MEMORY USAGE) + ${indexMemory} B for the person's index`;
      },
    );
    raw.destroy();
    await redis.stop();
  }
  const postgres = await startPostgres();
  if ('skip' in postgres) console.log(`PostgreSQL: skipped (${postgres.skip})`);
  else {
    const pool = new pg.Pool({ connectionString: postgres.url });
    const make = () =>
      createPostgresSessionStore({ pool, encryptionKeys, sweepIntervalSeconds: 0 });
    await make().migrate();
    await measure('PostgreSQL', sandbox, make, async () => {
      const { rows } = await pool.query(
        `SELECT octet_length(value) AS value, pg_column_size(r.*) AS row
           FROM zheli_auth_records r WHERE key LIKE 'session:%' LIMIT 1`,
      );
      return `${rows[0].value} B sealed value; ${rows[0].row} B per row (pg_column_size), plus its index entries`;
    });
    await pool.end();
    await postgres.stop();
  }
} finally {
  await sandbox.stop();
}
