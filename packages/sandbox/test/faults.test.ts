// Fault injection and rate limiting, over real HTTP (dropped connections need a socket).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { crossOriginPreflight } from '../src/identity/test-support.js';
import { createRequestListener } from '../src/server.js';
import { key, type TestApi, testApi } from './helpers.js';

let t: TestApi;
let server: Server;
let base: string;

beforeAll(async () => {
  t = await testApi({ rateLimit: { client: { limit: 5, windowMs: 60_000 } } });
  server = createServer(createRequestListener(t.api, null));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((done) => {
    server.close(() => done());
    server.closeAllConnections();
  });
  await t.close();
});
afterEach(() => {
  t.api.faults.clear();
  if (t.mismatches.length > 0)
    throw new Error(`Contract mismatches: ${JSON.stringify(t.mismatches.splice(0))}`);
});

let client = 0;
/** Each test calls as its own client, so the rate limit (5 a minute here) is its own too. */
function caller(scope = ['appointments', 'codes', 'profile']) {
  client += 1;
  return t.token('p-anji-driver', scope, `client-${client}`);
}

async function call(path: string, init: RequestInit & { token?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('Authorization', `Bearer ${init.token}`);
  return fetch(`${base}${path}`, { ...init, headers });
}

describe('fault switches', () => {
  it('answers an injected status as a problem with Retry-After, for the given number of requests', async () => {
    const token = caller();
    t.api.faults.add({
      operationId: 'getProfile',
      kind: 'status',
      status: 503,
      retryAfter: 7,
      times: 2,
    });
    for (let i = 0; i < 2; i++) {
      const res = await call('/v1/me', { token });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('7');
      expect(await res.json()).toMatchObject({
        code: 'service_unavailable',
        status: 503,
        retryAfter: 7,
      });
    }
    expect((await call('/v1/me', { token })).status).toBe(200);
  });

  it('hits only the operation named, or every operation with "*"', async () => {
    const token = caller();
    t.api.faults.add({ operationId: 'getProfile', kind: 'status', status: 500 });
    expect((await call('/v1/codes/jwks', { token })).status).toBe(200);
    expect((await call('/v1/me', { token })).status).toBe(500);
    t.api.faults.add({ operationId: '*', kind: 'status', status: 429, retryAfter: 3 });
    const limited = await call('/v1/codes/jwks', { token });
    expect(limited.status).toBe(429);
    expect((await limited.json()).code).toBe('rate_limited');
  });

  it('delays a request by the time asked, then answers it', async () => {
    const token = caller();
    t.api.faults.add({ operationId: 'getCodeKeys', kind: 'delay', delayMs: 300 });
    // The delay runs on timers the test moves, so no wall-clock time is measured.
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    try {
      let answered = false;
      const timers = vi.getTimerCount();
      const pending = t.get('/v1/codes/jwks', { token }).then((res) => {
        answered = true;
        return res;
      });
      // Until the request reaches the fault's timer (vi.waitFor would move the fake clock).
      for (let turn = 0; vi.getTimerCount() === timers && turn < 1_000; turn += 1) {
        await new Promise((resolve) => setImmediate(resolve));
      }
      expect(vi.getTimerCount()).toBeGreaterThan(timers);
      await vi.advanceTimersByTimeAsync(299);
      expect(answered).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      vi.useRealTimers();
      expect((await pending).status).toBe(200);
    } finally {
      vi.useRealTimers();
    }
  });

  /**
   * Books `slotId` at Anji's first station with the connection dropped (`kind`): the request
   * fails. Resolves with how many the slot holds after, and a retry with the same key.
   */
  async function bookThroughDrop(kind: 'drop-before' | 'drop-after', slotId: string) {
    const token = caller();
    t.api.faults.add({ operationId: 'bookAppointment', kind });
    const body = JSON.stringify({
      serviceId: 'svc-330523-vehicle-inspection-booking',
      siteId: 'site-anji-inspection-1',
      slotId,
    });
    const headers = { 'Content-Type': 'application/json', 'Idempotency-Key': key() };
    await expect(
      call('/v1/appointments', { method: 'POST', token, headers, body }),
    ).rejects.toThrow();
    const { rows } = await t.db.query<{ booked: number }>(
      'SELECT booked FROM slots WHERE id = $1',
      [slotId],
    );
    return {
      booked: rows[0]?.booked,
      retry: () => call('/v1/appointments', { method: 'POST', token, headers, body }),
    };
  }

  it('drops the connection before handling: nothing is booked', async () => {
    const dropped = await bookThroughDrop(
      'drop-before',
      'slot-anji-inspection-1-vehicle-inspection-booking-202611301000',
    );
    expect(dropped.booked).toBe(0);
  });

  it('drops the connection after handling: the booking is committed and a retry replays it', async () => {
    const dropped = await bookThroughDrop(
      'drop-after',
      'slot-anji-inspection-1-vehicle-inspection-booking-202611301030',
    );
    expect(dropped.booked).toBe(1);
    const retry = await dropped.retry();
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
  });

  it('answers a malformed body that is not what the contract says', async () => {
    const token = caller();
    t.api.faults.add({ operationId: 'listRegions', kind: 'malformed' });
    const res = await call('/v1/regions', { token });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ unexpected: true });
  });

  it('are switched over HTTP at /__sandbox/faults: add, list, clear, with errors named', async () => {
    const headers = { 'Content-Type': 'application/json', 'X-Zheli-Sandbox': '1' };
    const add = await call('/__sandbox/faults', {
      method: 'POST',
      headers,
      body: JSON.stringify({
        operationId: 'searchServices',
        kind: 'status',
        status: 503,
        retryAfter: 1,
      }),
    });
    expect(add.status).toBe(201);
    const listed = await (await call('/__sandbox/faults')).json();
    expect(listed.items).toEqual([
      expect.objectContaining({ operationId: 'searchServices', kind: 'status', remaining: 1 }),
    ]);
    const token = caller();
    expect((await call('/v1/services', { token })).status).toBe(503);
    expect((await call('/v1/services', { token })).status).toBe(200);
    await call('/__sandbox/faults', {
      method: 'POST',
      headers,
      body: JSON.stringify({ operationId: 'searchServices', kind: 'delay', times: 5 }),
    });
    expect((await call('/__sandbox/faults', { method: 'DELETE', headers })).status).toBe(204);
    expect((await (await call('/__sandbox/faults')).json()).items).toEqual([]);
    const bad = await call('/__sandbox/faults', {
      method: 'POST',
      headers,
      body: JSON.stringify({ operationId: 'noSuchOperation', kind: 'status' }),
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors[0].field).toBe('body.operationId');
    const kind = await call('/__sandbox/faults', {
      method: 'POST',
      headers,
      body: JSON.stringify({ operationId: '*', kind: 'explode' }),
    });
    expect((await kind.json()).errors[0].field).toBe('body.kind');
  });
});

describe('the fault switches against other web pages', () => {
  const control = { 'Content-Type': 'application/json', 'X-Zheli-Sandbox': '1' };
  const rule = JSON.stringify({ operationId: 'listRegions', kind: 'status', status: 503 });

  it('refuses a text/plain write, as a no-cors POST or a form from another page sends it, with 415', async () => {
    const res = await call('/__sandbox/faults', {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain', 'X-Zheli-Sandbox': '1' },
      body: rule,
    });
    expect(res.status).toBe(415);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({ status: 415 });
    expect(t.api.faults.list()).toEqual([]);
  });

  it('refuses a JSON write without the X-Zheli-Sandbox header with 403', async () => {
    const res = await call('/__sandbox/faults', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: rule,
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({
      status: 403,
      detail: expect.stringMatching(/X-Zheli-Sandbox/),
    });
    t.api.faults.add({ operationId: 'listRegions', kind: 'delay' });
    const cleared = await call('/__sandbox/faults', { method: 'DELETE' });
    expect(cleared.status).toBe(415);
    expect(t.api.faults.list()).toHaveLength(1);
  });

  it('accepts a write with JSON and the header', async () => {
    expect(
      (await call('/__sandbox/faults', { method: 'POST', headers: control, body: rule })).status,
    ).toBe(201);
    expect((await call('/__sandbox/faults', { method: 'DELETE', headers: control })).status).toBe(
      204,
    );
    expect(t.api.faults.list()).toEqual([]);
  });

  it('answers no CORS preflight, so another origin cannot send the header', async () => {
    const res = await crossOriginPreflight(`${base}/__sandbox/faults`);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('access-control-allow-headers')).toBeNull();
  });
});

describe('rate limiting', () => {
  it('answers 429 with Retry-After once a client exceeds its limit, and counts clients apart', async () => {
    const token = caller();
    for (let i = 0; i < 5; i++) expect((await call('/v1/codes/jwks', { token })).status).toBe(200);
    const limited = await call('/v1/codes/jwks', { token });
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await limited.json()).toMatchObject({ code: 'rate_limited', status: 429, retryAfter });
    expect((await call('/v1/codes/jwks', { token: caller() })).status).toBe(200);
  });
});
