// The same API on a real PostgreSQL server: migrations and seed, and the races PGlite cannot show
// (it runs one query at a time).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openPostgres } from '../src/db/database.js';
import { openDatabase } from '../src/db/open.js';
import { silentLogger } from '../src/logger.js';
import { loadPersonas } from '../src/personas.js';
import { key, type TestApi, testApi } from './helpers.js';
import { type PostgresServer, startPostgres } from './postgres-server.js';

let server: PostgresServer | null = null;
let skip = '';
let db: Database;
let t: TestApi;
const inspection = 'svc-330523-vehicle-inspection-booking';

beforeAll(async () => {
  const started = await startPostgres();
  if ('skip' in started) {
    skip = started.skip;
    process.emitWarning(`PostgreSQL tests SKIPPED: ${skip}`);
    return;
  }
  server = started;
  const personas = await loadPersonas();
  const opened = await openDatabase({ databaseUrl: server.url, personas, logger: silentLogger });
  await opened.db.close();
  // A pool as large as the crowd, so every request of a race runs on its own connection.
  db = await openPostgres(server.url, { max: 60 });
  t = await testApi({ db });
}, 180_000);

afterAll(async () => {
  await t?.close();
  await server?.stop();
});

describe('PostgreSQL mode', () => {
  it('migrates and seeds a fresh server once, and a second start finds it ready', async (ctx) => {
    if (skip) return ctx.skip(`SKIPPED: ${skip}`);
    const { rows } = await db.query<{ version: string }>('SELECT version FROM schema_migrations');
    expect(rows.map((r) => r.version)).toEqual(['0001', '0002', '0003', '0004', '0005']);
    const again = await openDatabase({
      databaseUrl: server?.url as string,
      personas: await loadPersonas(),
      logger: silentLogger,
    });
    await again.db.close();
    expect(
      (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM services')).rows[0]?.n,
    ).toBe(14683);
  });

  it('answers the same as on PGlite: search, slots in Asia/Shanghai, matters', async (ctx) => {
    if (skip) return ctx.skip(`SKIPPED: ${skip}`);
    const search = await t.get(`/v1/services?q=${encodeURIComponent('安吉机动车')}`);
    expect(search.body.items.map((s: { id: string }) => s.id)).toContain(inspection);
    const slots = await t.get(
      `/v1/sites/site-anji-inspection-1/slots?service=${inspection}&from=2026-11-24&to=2026-11-24`,
    );
    expect(slots.body.days[0].slots[0].start).toBe('2026-11-24T08:30:00+08:00');
    const bundles = await t.get('/v1/bundles?region=330521');
    expect(bundles.body.items.length).toBeGreaterThan(0);
    const matters = await t.get('/v1/me/matters', {
      token: t.token('p-anji-driver', ['evaluations']),
    });
    expect(matters.body.items[0].caseNumber).toBe('330523-20261118-000123');
  });

  it('lets exactly 1 of 50 concurrent bookings take the last place; 49 get 409 slot_full', async (ctx) => {
    if (skip) return ctx.skip(`SKIPPED: ${skip}`);
    const slotId = 'slot-anji-inspection-1-vehicle-inspection-booking-202611241400';
    await db.query('UPDATE slots SET booked = capacity - 1 WHERE id = $1', [slotId]);
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        t.post('/v1/appointments', {
          token: t.token(`p-race-${i}`, ['appointments']),
          headers: { 'Idempotency-Key': key() },
          body: { serviceId: inspection, siteId: 'site-anji-inspection-1', slotId },
        }),
      ),
    );
    const statuses = responses.map((r) => (r.status === 201 ? 201 : `${r.status} ${r.body.code}`));
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === '409 slot_full')).toHaveLength(49);
    const { rows } = await db.query<{ booked: number; capacity: number }>(
      'SELECT booked, capacity FROM slots WHERE id = $1',
      [slotId],
    );
    expect(rows[0]?.booked).toBe(rows[0]?.capacity);
  });

  it('books once for 20 concurrent retries with one Idempotency-Key', async (ctx) => {
    if (skip) return ctx.skip(`SKIPPED: ${skip}`);
    const token = t.token('p-retrying-client', ['appointments']);
    const k = key();
    const body = {
      serviceId: inspection,
      siteId: 'site-anji-inspection-1',
      slotId: 'slot-anji-inspection-1-vehicle-inspection-booking-202611241430',
    };
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        t.post('/v1/appointments', { token, headers: { 'Idempotency-Key': k }, body }),
      ),
    );
    const created = responses.filter((r) => r.status === 201);
    const others = responses.filter((r) => r.status !== 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((r) => r.body.id)).size).toBe(1);
    for (const r of others)
      expect(`${r.status} ${r.body.code}`).toBe('409 idempotency_in_progress');
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM appointments WHERE sub = 'p-retrying-client'`,
    );
    expect(rows[0]?.n).toBe(1);
    const after = await t.post('/v1/appointments', {
      token,
      headers: { 'Idempotency-Key': k },
      body,
    });
    expect(after.headers.get('idempotent-replayed')).toBe('true');
    expect(after.body.id).toBe(created[0]?.body.id);
  });

  it('makes one one-matter application of 20 concurrent submissions with one Idempotency-Key', async (ctx) => {
    if (skip) return ctx.skip(`SKIPPED: ${skip}`);
    const token = t.token('p-deqing-parent', ['applications']);
    const k = key();
    const body = {
      bundleId: 'bnd-school-enrollment',
      values: {
        childName: '陆子航',
        childIdNumber: '330521202007010158',
        childGender: 'male',
        guardianRelation: 'mother',
        applicantPhone: '13800000003',
        homeAddress: '德清县武康街道英溪南路58号',
      },
    };
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        t.post('/v1/me/bundle-applications', { token, headers: { 'Idempotency-Key': k }, body }),
      ),
    );
    const created = responses.filter((r) => r.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((r) => r.body.id)).size).toBe(1);
    for (const r of responses.filter((r) => r.status !== 201))
      expect(`${r.status} ${r.body.code}`).toBe('409 idempotency_in_progress');
    const { rows } = await db.query<{ applications: number; steps: number }>(
      `SELECT (SELECT count(*)::int FROM bundle_applications WHERE sub = 'p-deqing-parent') AS applications,
              (SELECT count(*)::int FROM bundle_application_steps) AS steps`,
    );
    expect(rows[0]).toEqual({ applications: 1, steps: 6 });
  });

  it('keeps one active appointment per person, service and day under concurrent bookings', async (ctx) => {
    if (skip) return ctx.skip(`SKIPPED: ${skip}`);
    const token = t.token('p-double-booker', ['appointments']);
    const times = ['0830', '0900', '0930', '1000', '1030', '1100', '1130', '1300', '1330', '1400'];
    const responses = await Promise.all(
      times.map((time) =>
        t.post('/v1/appointments', {
          token,
          headers: { 'Idempotency-Key': key() },
          body: {
            serviceId: inspection,
            siteId: 'site-anji-inspection-2',
            slotId: `slot-anji-inspection-2-vehicle-inspection-booking-20261125${time}`,
          },
        }),
      ),
    );
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    for (const r of responses.filter((x) => x.status !== 201))
      expect(r.body.code).toBe('appointment_exists');
  });
});
