// Stops and crashes in the middle of bookings, on a PGlite data dir and on a real PostgreSQL:
// a stop lets the requests in flight finish, and after a crash (or a stop that had to cut
// requests) a retry with the same Idempotency-Key books exactly once, answered at the first try.
// Requests are held in flight by a gate, so that nothing depends on timing.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { releaseOrphanedClaims } from '../src/api/idempotency.js';
import { type Database, openPostgres } from '../src/db/database.js';
import { type Sandbox, type SandboxOptions, startSandbox } from '../src/server.js';
import { gate, key, testNow } from './helpers.js';
import { type PostgresServer, startSeededPostgres } from './postgres-server.js';

const child = fileURLToPath(new URL('./fixtures/sandbox-child.mjs', import.meta.url));
const inspection = 'svc-330523-vehicle-inspection-booking';
const station = 'site-anji-inspection-1';
const slot = (day: string, time: string) =>
  `slot-anji-inspection-1-vehicle-inspection-booking-${day}${time}`;
/** Test personas (tokens are minted for personas only): each test books for its own. */
const personas = [
  'p-xihu-elder',
  'p-anji-driver',
  'p-deqing-parent',
  'p-gaojiatang-villager',
  'p-wuxing-business',
  'p-foreign-resident',
  'p-qujiang-jobseeker',
  'p-linan-newborn',
  'p-yuhang-renter',
  'p-taiwan-reader',
] as const;

/** A booking over HTTP: the status and body, or `'cut'` when the connection failed. */
async function book(
  base: string,
  token: string,
  idempotencyKey: string,
  slotId: string,
): Promise<{ status: number; id?: string } | 'cut'> {
  try {
    const res = await fetch(`${base}/v1/appointments`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
        'Idempotency-Key': idempotencyKey,
      },
      body: JSON.stringify({ serviceId: inspection, siteId: station, slotId }),
    });
    const body = (await res.json()) as { id?: string };
    return { status: res.status, ...(body.id ? { id: body.id } : {}) };
  } catch {
    return 'cut';
  }
}

/** The ids of a person's booked appointments. */
async function appointmentsOf(sandbox: Sandbox, sub: string): Promise<string[]> {
  const token = await sandbox.mintAccessToken({ sub, scope: ['openid', 'appointments'] });
  const res = await fetch(`${sandbox.url}/v1/appointments`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  const body = (await res.json()) as { items: { id: string; status: string }[] };
  return body.items.filter((a) => a.status === 'booked').map((a) => a.id);
}

let server: PostgresServer | null = null;
let skipPostgres = '';
const dirs: string[] = [];

beforeAll(async () => {
  const started = await startSeededPostgres();
  if ('skip' in started) {
    skipPostgres = started.skip;
    return;
  }
  server = started;
}, 180_000);

afterAll(async () => {
  await server?.stop();
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('claim owners on PostgreSQL', () => {
  it('tells a sandbox that runs from one that is gone, and releases only the claims of the gone', async (ctx) => {
    if (skipPostgres) return ctx.skip(`SKIPPED: ${skipPostgres}`);
    const url = server?.url as string;
    const running = await openPostgres(url);
    const gone = await openPostgres(url);
    const observer = await openPostgres(url);
    try {
      const claim = (db: Database, k: string) =>
        db.query(
          `INSERT INTO idempotency_keys (client_id, sub, key, request_hash, state, created_at, owner)
           VALUES ('partner-app', 'p-owner-test', $1, 'h', 'in_progress', now(), $2)`,
          [k, db.owner],
        );
      await claim(running, 'kept');
      await claim(gone, 'released');
      expect(await observer.ownerAlive(running.owner)).toBe(true);
      expect(await observer.ownerAlive(gone.owner)).toBe(true);
      await gone.close();
      expect(await observer.ownerAlive(gone.owner)).toBe(false);
      expect(await observer.ownerAlive(running.owner)).toBe(true);
      expect(await releaseOrphanedClaims(observer)).toBe(1);
      const { rows } = await observer.query<{ key: string }>(
        `SELECT key FROM idempotency_keys WHERE sub = 'p-owner-test'`,
      );
      expect(rows.map((r) => r.key)).toEqual(['kept']);
    } finally {
      await running.close();
      await observer.close();
    }
  });
});

describe.each(['PGlite data dir', 'PostgreSQL'] as const)('%s', (backend) => {
  let where: Pick<SandboxOptions, 'dataDir' | 'databaseUrl'> | undefined;
  /**
   * Where the sandboxes of this backend keep their data: one data dir (and the server) for the
   * tests in turn, each booking for its own personas and day.
   */
  async function storage(): Promise<Pick<SandboxOptions, 'dataDir' | 'databaseUrl'>> {
    if (where) return where;
    const dataDir = await mkdtemp(join(tmpdir(), 'zheli-recovery-'));
    dirs.push(dataDir);
    where =
      backend === 'PostgreSQL' ? { dataDir, databaseUrl: server?.url as string } : { dataDir };
    return where;
  }
  const options = { port: 0, now: () => testNow, rateLimit: false } as const;

  it('lets the bookings in flight finish when stopped, and every other client books once on retry', async (ctx) => {
    if (backend === 'PostgreSQL' && skipPostgres) return ctx.skip(`SKIPPED: ${skipPostgres}`);
    const where = await storage();
    const g = gate('bookAppointment');
    const first = await startSandbox({ ...options, ...where }, { hold: g.hold });
    const people = ['0830', '0900', '0930', '1000', '1030', '1100', '1130', '1300'].map(
      (time, i) => ({ sub: personas[i] as string, key: key(), slotId: slot('20261125', time) }),
    );
    const tokens = await Promise.all(
      people.map((p) => first.mintAccessToken({ sub: p.sub, scope: ['openid', 'appointments'] })),
    );
    // Four bookings are in flight (their keys claimed) when the stop begins; four more come after.
    const early = people
      .slice(0, 4)
      .map((p, i) => book(first.url, tokens[i] as string, p.key, p.slotId));
    await g.until(4);
    const stopped = first.stop();
    const late = people
      .slice(4)
      .map((p, i) => book(first.url, tokens[i + 4] as string, p.key, p.slotId));
    g.open();
    await stopped;
    const answered = await Promise.all(early);
    expect(answered.map((r) => (r === 'cut' ? r : r.status))).toEqual([201, 201, 201, 201]);
    for (const r of await Promise.all(late)) {
      // Refused: no connection, or 503 with Retry-After on one that was still open.
      expect(r === 'cut' || r.status === 503).toBe(true);
    }

    const second = await startSandbox({ ...options, ...where });
    try {
      for (const [i, p] of people.entries()) {
        const token = await second.mintAccessToken({
          sub: p.sub,
          scope: ['openid', 'appointments'],
        });
        const retried = await book(second.url, token, p.key, p.slotId);
        expect(retried).toMatchObject({ status: 201 });
        const before = answered[i];
        if (before && before !== 'cut') expect(retried).toMatchObject({ id: before.id });
        expect(await appointmentsOf(second, p.sub)).toHaveLength(1);
      }
    } finally {
      await second.stop();
    }
  });

  it('after a stop that had to cut a booking, a retry with its key books once at the first try', async (ctx) => {
    if (backend === 'PostgreSQL' && skipPostgres) return ctx.skip(`SKIPPED: ${skipPostgres}`);
    const where = await storage();
    const g = gate('bookAppointment');
    const first = await startSandbox({ ...options, ...where, stopTimeoutMs: 0 }, { hold: g.hold });
    const sub = personas[8];
    const token = await first.mintAccessToken({ sub, scope: ['openid', 'appointments'] });
    const k = key();
    const slotId = slot('20261126', '0900');
    const cut = book(first.url, token, k, slotId);
    await g.until(1);
    await first.stop();
    expect(await cut).toBe('cut');

    const second = await startSandbox({ ...options, ...where });
    try {
      const again = await second.mintAccessToken({ sub, scope: ['openid', 'appointments'] });
      expect(await book(second.url, again, k, slotId)).toMatchObject({ status: 201 });
      expect(await appointmentsOf(second, sub)).toHaveLength(1);
    } finally {
      g.open();
      await second.stop();
    }
  });

  it('after kill -9 in the middle of a booking, a retry with its key books once at the first try', async (ctx) => {
    if (backend === 'PostgreSQL' && skipPostgres) return ctx.skip(`SKIPPED: ${skipPostgres}`);
    const where = await storage();
    const sub = personas[9];
    const args = [
      child,
      where.dataDir as string,
      ...(where.databaseUrl ? [where.databaseUrl] : []),
    ];
    const proc: ChildProcess = spawn(process.execPath, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ZHELI_CHILD_SUB: sub },
    });
    let stderr = '';
    proc.stderr?.on('data', (chunk) => {
      stderr += String(chunk);
    });
    const exited = once(proc, 'exit');
    const lines = createInterface({ input: proc.stdout as NodeJS.ReadableStream })[
      Symbol.asyncIterator
    ]();
    const next = async () => {
      const line = await lines.next();
      if (line.done) throw new Error(`the child sandbox ended: ${stderr}`);
      return line.value;
    };
    const k = key();
    const slotId = slot('20261127', '1000');
    try {
      const { url, token } = JSON.parse(await next()) as { url: string; token: string };
      const booking = book(url, token, k, slotId);
      expect(await next()).toBe('held');
      proc.kill('SIGKILL');
      await exited;
      expect(await booking).toBe('cut');
    } finally {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
    }

    const second = await startSandbox({ ...options, ...where });
    try {
      const again = await second.mintAccessToken({ sub, scope: ['openid', 'appointments'] });
      expect(await book(second.url, again, k, slotId)).toMatchObject({ status: 201 });
      expect(await appointmentsOf(second, sub)).toHaveLength(1);
    } finally {
      await second.stop();
    }
  });
});
