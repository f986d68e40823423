import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type PostgresServer, startPostgres } from '../../../sandbox/test/postgres-server.ts';
import { createPostgresSessionStore, postgresMigrations } from './postgres-store.js';
import type { ServerSession } from './store.js';

const keys = ['lkT2Kq1o2m3Fh0rZ5C6Yx3mW9dP0bVQe8nJ4sA7uR1g='];

function session(sub: string): ServerSession {
  return {
    kind: 'session',
    sub,
    claims: { iss: 'https://op.example', sub, aud: 'c', exp: 2, iat: 1 },
    idToken: 'id',
    accessToken: 'at-secret',
    refreshToken: 'rt-secret',
    scope: undefined,
    expiresAt: 0,
    createdAt: 0,
  };
}

let server: PostgresServer | { skip: string };
let pool: pg.Pool;
let now: number;
const clock = () => now;

beforeAll(async () => {
  server = await startPostgres();
  if ('skip' in server) return;
  pool = new pg.Pool({ connectionString: server.url });
});
afterAll(async () => {
  if ('skip' in server) return;
  await pool.end();
  await server.stop();
});
beforeEach(async ({ skip }) => {
  if ('skip' in server) return skip(server.skip);
  now = Date.UTC(2026, 10, 2, 8);
  await pool.query(
    'DROP TABLE IF EXISTS zheli_auth_records, zheli_auth_locks, zheli_auth_migrations',
  );
});

function store() {
  return createPostgresSessionStore({ pool, encryptionKeys: keys, now: clock });
}

describe('createPostgresSessionStore', () => {
  it('creates its tables once when several instances migrate at the same time', async () => {
    await Promise.all([store().migrate(), store().migrate(), store().migrate()]);
    await store().migrate();
    const { rows } = await pool.query('SELECT version FROM zheli_auth_migrations');
    expect(rows).toEqual(postgresMigrations.map(({ version }) => ({ version })));
  });

  it('keeps records encrypted with an expiry, reads none past it, and sweeps them', async () => {
    const sessions = store();
    await sessions.migrate();
    await sessions.set('session:a', session('p-1'), 60);
    const login = {
      kind: 'login',
      state: 's',
      nonce: 'n',
      codeVerifier: 'v',
      returnTo: '/',
      createdAt: 0,
    } as const;
    await sessions.set('login:b', login, 600);
    expect(await sessions.get('session:a')).toEqual(session('p-1'));
    const { rows } = await pool.query('SELECT value, sub_hash FROM zheli_auth_records');
    expect(JSON.stringify(rows)).not.toMatch(/at-secret|rt-secret|p-1/);
    now += 61_000;
    expect(await sessions.get('session:a')).toBeUndefined();
    expect(await sessions.sweep()).toBe(1);
    const left = await pool.query('SELECT key FROM zheli_auth_records');
    expect(left.rows).toEqual([{ key: 'login:b' }]);
    await sessions.delete('login:b');
    expect(await sessions.get('login:b')).toBeUndefined();
  });

  it('lists a person’s live sessions by the hash of their subject', async () => {
    const sessions = store();
    await sessions.migrate();
    await sessions.set('session:a', session('p-1'), 60);
    await sessions.set('session:b', session('p-1'), 600);
    await sessions.set('session:c', session('p-2'), 600);
    expect((await sessions.keysOfSub('p-1')).sort()).toEqual(['session:a', 'session:b']);
    now += 120_000;
    expect(await sessions.keysOfSub('p-1')).toEqual(['session:b']);
  });

  it('gives a lock to one holder until it releases or its time runs out, and a late release frees nothing', async () => {
    const sessions = store();
    await sessions.migrate();
    const first = await sessions.lock('refresh:a', 10_000);
    expect(first).toBeDefined();
    expect(await sessions.lock('refresh:a', 10_000)).toBeUndefined();
    now += 10_001;
    const second = await sessions.lock('refresh:a', 10_000);
    expect(second).toBeDefined();
    await first?.release();
    expect(await sessions.lock('refresh:a', 10_000)).toBeUndefined();
    await second?.release();
    expect(await sessions.lock('refresh:a', 10_000)).toBeDefined();
  });

  it('expires rows on the database’s clock when no clock is given', async () => {
    const sessions = createPostgresSessionStore({ pool, encryptionKeys: keys });
    await sessions.migrate();
    await sessions.set('session:a', session('p-1'), 3600);
    const { rows } = await pool.query(
      'SELECT expires_at - (extract(epoch from now()) * 1000)::bigint AS left FROM zheli_auth_records',
    );
    expect(Number(rows[0]?.left)).toBeGreaterThan(0);
    expect(Number(rows[0]?.left)).toBeLessThanOrEqual(3_600_000);
    expect(await sessions.get('session:a')).toMatchObject({ sub: 'p-1' });
    await sessions.close();
  });
});
