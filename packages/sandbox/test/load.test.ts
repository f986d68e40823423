// Load shedding: a bounded number of requests in flight and in the queue; past both, 503 with
// Retry-After at once. Requests are held in flight by a gate, so that nothing depends on timing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gate, key, type TestApi, testApi } from './helpers.js';

// One database; each test puts its own API, with its own limits and gate, over it.
let base: TestApi;
beforeAll(async () => {
  base = await testApi();
});
afterAll(() => base.close());

describe('load shedding', () => {
  it('handles maxInFlight requests, queues maxQueue more, and answers 503 with Retry-After to the rest', async () => {
    const g = gate();
    const api = await testApi({ db: base.db, maxInFlight: 2, maxQueue: 3, hold: g.hold });
    const responses = Array.from({ length: 9 }, () => api.get('/v1/regions'));
    await g.until(2);
    // The four past the bound are refused while the others are still held or queued.
    const refused = await Promise.all(responses.slice(5));
    for (const res of refused) {
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('1');
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(res.body).toMatchObject({ code: 'service_unavailable', status: 503, retryAfter: 1 });
    }
    expect(g.held).toBe(2);
    g.open();
    const served = await Promise.all(responses.slice(0, 5));
    expect(served.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    // Every request that was let in was held once; the queue drained, and the next one is served.
    expect(g.held).toBe(5);
    expect((await api.get('/v1/regions')).status).toBe(200);
  });

  it('sheds keyed writes before claiming their key, so a retry after the 503 books once', async () => {
    const g = gate();
    const api = await testApi({ db: base.db, maxInFlight: 1, maxQueue: 0, hold: g.hold });
    const token = api.token('p-anji-driver', ['appointments']);
    const book = (idempotencyKey: string, slotId: string) =>
      api.post('/v1/appointments', {
        token,
        headers: { 'Idempotency-Key': idempotencyKey },
        body: {
          serviceId: 'svc-330523-vehicle-inspection-booking',
          siteId: 'site-anji-inspection-1',
          slotId,
        },
      });
    const first = api.get('/v1/regions');
    await g.until(1);
    const k = key();
    const slotId = 'slot-anji-inspection-1-vehicle-inspection-booking-202611271000';
    const shed = await book(k, slotId);
    expect(shed.status).toBe(503);
    g.open();
    expect((await first).status).toBe(200);
    const retried = await book(k, slotId);
    expect(retried.status).toBe(201);
    expect(retried.headers.get('idempotent-replayed')).toBeNull();
  });

  it('by default handles 32 requests at once and queues 128 more', async () => {
    const g = gate();
    const api = await testApi({ db: base.db, hold: g.hold });
    const responses = Array.from({ length: 165 }, () => api.get('/v1/regions'));
    await g.until(32);
    const refused = await Promise.all(responses.slice(160));
    expect(refused.map((r) => r.status)).toEqual([503, 503, 503, 503, 503]);
    g.open();
    const served = await Promise.all(responses.slice(0, 160));
    expect(served.filter((r) => r.status === 200)).toHaveLength(160);
  });
});
