import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApi, testApi } from './helpers.js';

let t: TestApi;
const inspection = 'svc-330523-vehicle-inspection-booking';
const station = 'site-anji-inspection-1';
const originalTz = process.env.TZ;

beforeAll(async () => {
  // Slots are in Asia/Shanghai whatever the machine's zone: run these tests far west of it.
  process.env.TZ = 'America/Los_Angeles';
  t = await testApi();
});
afterAll(async () => {
  await t.close();
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

describe('sites', () => {
  it('lists sites by region (and below), service and kind', async () => {
    const huzhou = await t.get('/v1/sites?region=330500&kind=inspection_station');
    expect(huzhou.body.items.map((s: { id: string }) => s.id).sort()).toEqual([
      'site-anji-inspection-1',
      'site-anji-inspection-2',
      'site-deqing-inspection',
      'site-wuxing-inspection',
    ]);
    const byService = await t.get(`/v1/sites?service=${inspection}`);
    expect(byService.body.items).toHaveLength(2);
    expect(byService.body.items[0]).toMatchObject({
      id: station,
      regionCode: '330523',
      openingHours: [
        { days: [1, 2, 3, 4, 5], open: '08:30', close: '17:00' },
        { days: [6], open: '09:00', close: '12:00' },
      ],
      serviceIds: [inspection, 'svc-330523-new-car-registration'],
    });
  });

  it('pages sites and refuses an unknown region or kind', async () => {
    const first = await t.get('/v1/sites?limit=10');
    expect(first.body.items).toHaveLength(10);
    const rest = await t.get(`/v1/sites?limit=100&cursor=${first.body.nextCursor}`);
    expect(rest.body.items).toHaveLength(27);
    expect(rest.body.nextCursor).toBeNull();
    expect((await t.get('/v1/sites?region=339999')).body.errors[0].field).toBe('query.region');
    expect((await t.get('/v1/sites?kind=castle')).body.errors[0]).toMatchObject({
      field: 'query.kind',
      code: 'enum',
    });
  });

  it('gets a site, and 404 for an unknown one', async () => {
    expect((await t.get(`/v1/sites/${station}`)).body.name).toBe('安吉县机动车检测站（递铺）');
    expect((await t.get('/v1/sites/site-nowhere')).status).toBe(404);
  });
});

describe('listSlots', () => {
  it('lists slots in Asia/Shanghai from opening hours, whatever the machine’s time zone', async () => {
    expect(new Date(0).getTimezoneOffset()).toBe(480); // the test runs in Los Angeles time
    const res = await t.get(
      `/v1/sites/${station}/slots?service=${inspection}&from=2026-11-24&to=2026-11-24`,
    );
    expect(res.status).toBe(200);
    expect(res.body.timeZone).toBe('Asia/Shanghai');
    const day = res.body.days[0];
    expect(day).toMatchObject({ date: '2026-11-24', available: true, reason: null });
    // 08:30–17:00 in 30-minute slots of 4 places.
    expect(day.slots).toHaveLength(17);
    expect(day.slots[0]).toEqual({
      id: 'slot-anji-inspection-1-vehicle-inspection-booking-202611240830',
      start: '2026-11-24T08:30:00+08:00',
      end: '2026-11-24T09:00:00+08:00',
      capacity: 4,
      remaining: 4,
    });
    expect(day.slots.at(-1).end).toBe('2026-11-24T17:00:00+08:00');
  });

  it('defaults to the next 14 days and gives the reason of each day without places', async () => {
    const res = await t.get(`/v1/sites/${station}/slots?service=${inspection}&from=2026-11-20`);
    const byDate = Object.fromEntries(
      res.body.days.map((d: { date: string; reason: string | null }) => [d.date, d.reason]),
    );
    expect(res.body.days).toHaveLength(14);
    expect(byDate['2026-11-20']).toBe('past'); // before today (Monday 23 November)
    expect(byDate['2026-11-23']).toBeNull(); // today, with slots after 10:00 left
    expect(byDate['2026-11-28']).toBeNull(); // Saturday: 09:00–12:00
    expect(byDate['2026-11-29']).toBe('closed'); // Sunday
    const sunday = res.body.days.find((d: { date: string }) => d.date === '2026-11-29');
    expect(sunday).toEqual({ date: '2026-11-29', available: false, reason: 'closed', slots: [] });
    const today = res.body.days.find((d: { date: string }) => d.date === '2026-11-23');
    expect(today.slots[0].start).toBe('2026-11-23T10:30:00+08:00'); // started slots are not offered
  });

  it('marks a day full when every slot is taken', async () => {
    await t.db.query(
      `UPDATE slots SET booked = capacity WHERE site_id = $1 AND service_id = $2 AND day = '2026-11-25'`,
      [station, inspection],
    );
    const res = await t.get(
      `/v1/sites/${station}/slots?service=${inspection}&from=2026-11-25&to=2026-11-25`,
    );
    expect(res.body.days[0]).toMatchObject({ available: false, reason: 'full' });
    expect(res.body.days[0].slots.every((s: { remaining: number }) => s.remaining === 0)).toBe(
      true,
    );
  });

  it('refuses more than 31 days, a range that ends before it starts, and a malformed day', async () => {
    const long = await t.get(
      `/v1/sites/${station}/slots?service=${inspection}&from=2026-11-24&to=2026-12-26`,
    );
    expect(long.body.errors[0]).toMatchObject({ field: 'query.to', code: 'maximum' });
    const backwards = await t.get(
      `/v1/sites/${station}/slots?service=${inspection}&from=2026-11-24&to=2026-11-20`,
    );
    expect(backwards.body.errors[0].field).toBe('query.to');
    const bad = await t.get(`/v1/sites/${station}/slots?service=${inspection}&from=24.11.2026`);
    expect(bad.body.errors[0]).toMatchObject({ field: 'query.from', code: 'format' });
    const noService = await t.get(`/v1/sites/${station}/slots`);
    expect(noService.body.errors[0]).toMatchObject({ field: 'query.service', code: 'required' });
  });

  it('answers 404 for an unknown site or a service not handled there', async () => {
    expect((await t.get(`/v1/sites/site-nowhere/slots?service=${inspection}`)).status).toBe(404);
    const elsewhere = await t.get(
      `/v1/sites/${station}/slots?service=svc-330106-vehicle-inspection-booking`,
    );
    expect(elsewhere.status).toBe(404);
  });

  it('closes the days past the 30-day booking window', async () => {
    const res = await t.get(
      `/v1/sites/${station}/slots?service=${inspection}&from=2026-12-21&to=2026-12-25`,
    );
    const reasons = res.body.days.map((d: { reason: string | null }) => d.reason);
    expect(reasons).toEqual([null, null, null, 'closed', 'closed']); // the window ends on 23 December
  });
});
