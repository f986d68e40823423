// Reschedules that swap two slots, and transactions that lose a race: on PGlite and on a real
// PostgreSQL server, where transactions run side by side and can deadlock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openPostgres } from '../src/db/database.js';
import { key, type TestApi, testApi } from './helpers.js';
import { type PostgresServer, startSeededPostgres } from './postgres-server.js';

const inspection = 'svc-330523-vehicle-inspection-booking';
const station = 'site-anji-inspection-1';
const slotA = 'slot-anji-inspection-1-vehicle-inspection-booking-202611251000';
const slotB = 'slot-anji-inspection-1-vehicle-inspection-booking-202611251030';

/** Resolves once `parties` callers have arrived; later callers pass at once. */
function barrier(parties: number): () => Promise<void> {
  let arrived = 0;
  let open: () => void = () => {};
  const opened = new Promise<void>((done) => {
    open = done;
  });
  return () => {
    arrived += 1;
    if (arrived >= parties) open();
    return opened;
  };
}

describe.each(['PGlite', 'PostgreSQL'] as const)('%s', (backend) => {
  let server: PostgresServer | null = null;
  let skip = '';
  let t: TestApi;
  let db: Database;

  beforeAll(async () => {
    if (backend === 'PGlite') {
      t = await testApi();
      db = t.db;
      return;
    }
    const started = await startSeededPostgres();
    if ('skip' in started) {
      skip = started.skip;
      return;
    }
    server = started;
    // A pool as large as the crowd, so that every request runs on its own connection.
    db = await openPostgres(server.url, { max: 60 });
    t = await testApi({ db });
  }, 180_000);

  afterAll(async () => {
    await t?.close();
    await server?.stop();
  });

  it('moves every person of 25 pairs that swap two slots at once, none refused', async (ctx) => {
    if (skip) return ctx.skip(`SKIPPED: ${skip}`);
    const pairs = 25;
    await db.query('UPDATE slots SET capacity = $2, booked = 0 WHERE id = ANY($1::text[])', [
      [slotA, slotB],
      // Room for everyone on both: the moves run in any order.
      2 * pairs,
    ]);
    const people = Array.from({ length: pairs }, (_, i) => [
      { token: t.token(`p-swap-a-${i}`, ['appointments']), from: slotA, to: slotB },
      { token: t.token(`p-swap-b-${i}`, ['appointments']), from: slotB, to: slotA },
    ]).flat();
    const booked = await Promise.all(
      people.map((p) =>
        t.post('/v1/appointments', {
          token: p.token,
          headers: { 'Idempotency-Key': key() },
          body: { serviceId: inspection, siteId: station, slotId: p.from },
        }),
      ),
    );
    expect(booked.map((r) => r.status)).toEqual(people.map(() => 201));
    const moved = await Promise.all(
      people.map((p, i) =>
        t.post(`/v1/appointments/${booked[i]?.body.id}/reschedule`, {
          token: p.token,
          headers: { 'Idempotency-Key': key() },
          body: { slotId: p.to },
        }),
      ),
    );
    const outcomes = moved.map((r) => (r.status === 200 ? 200 : `${r.status} ${r.body.code}`));
    expect(outcomes).toEqual(people.map(() => 200));
    const { rows } = await db.query<{ id: string; booked: number }>(
      'SELECT id, booked FROM slots WHERE id = ANY($1::text[]) ORDER BY id',
      [[slotA, slotB]],
    );
    expect(rows).toEqual([
      { id: slotA, booked: pairs },
      { id: slotB, booked: pairs },
    ]);
  });

  it('answers 503 with Retry-After when a transaction keeps losing races, and keeps no answer under the key', async (ctx) => {
    if (skip) return ctx.skip(`SKIPPED: ${skip}`);
    // The database as a sandbox sees it when every attempt of a transaction was a deadlock victim.
    let losing = true;
    const lost = Object.assign(new Error('deadlock detected'), { code: '40P01' });
    const flaky: Database = {
      ...db,
      transaction: (fn) => (losing ? Promise.reject(lost) : db.transaction(fn)),
      close: async () => {},
    };
    const api = await testApi({ db: flaky });
    const token = api.token('p-gongshu-retiree', ['appointments']);
    const k = key();
    const booking = {
      token,
      headers: { 'Idempotency-Key': k },
      body: {
        serviceId: inspection,
        siteId: station,
        slotId: 'slot-anji-inspection-1-vehicle-inspection-booking-202611261100',
      },
    };
    const busy = await api.post('/v1/appointments', booking);
    expect(busy.status).toBe(503);
    expect(busy.headers.get('retry-after')).toBe('1');
    expect(busy.body).toMatchObject({ code: 'service_unavailable', retryAfter: 1 });
    losing = false;
    const retried = await api.post('/v1/appointments', booking);
    expect(retried.status).toBe(201);
    expect(retried.headers.get('idempotent-replayed')).toBeNull();
  });

  it('runs a transaction again when the database picks it as a deadlock victim', async (ctx) => {
    if (skip) return ctx.skip(`SKIPPED: ${skip}`);
    // Under libfaketime (the run on another day) the server inherits the moved clock and its
    // deadlock detector never fires; this test is about lock order, not dates.
    if (process.env.LD_PRELOAD?.includes('faketime')) {
      return ctx.skip('SKIPPED: PostgreSQL detects no deadlock under libfaketime');
    }
    let attempts = 0;
    const bothHoldOne = barrier(2);
    const lockBoth = (first: string, second: string) =>
      db.transaction(async (tx) => {
        attempts += 1;
        await tx.query('SELECT id FROM slots WHERE id = $1 FOR UPDATE', [first]);
        await bothHoldOne();
        await tx.query('SELECT id FROM slots WHERE id = $1 FOR UPDATE', [second]);
      });
    if (backend === 'PGlite') {
      // One connection: the second transaction waits for the first, and nothing deadlocks.
      await Promise.all([lockBoth(slotA, slotB), bothHoldOne().then(() => {})]);
      expect(attempts).toBe(1);
      return;
    }
    await Promise.all([lockBoth(slotA, slotB), lockBoth(slotB, slotA)]);
    // Each ran once; PostgreSQL broke the deadlock by failing one, which ran again (and again, if
    // it met the other once more).
    expect(attempts).toBeGreaterThanOrEqual(3);
  });
});
