import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApi, testApi } from './helpers.js';

let t: TestApi;
beforeAll(async () => {
  t = await testApi();
});
afterAll(() => t.close());

describe('CORS', () => {
  const origin = 'http://127.0.0.1:5173';

  it('answers a preflight for a booking from another origin', async () => {
    const res = await t.api.app.request('/v1/appointments', {
      method: 'OPTIONS',
      headers: {
        Origin: origin,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization, content-type, idempotency-key',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain(
      'idempotency-key',
    );
  });

  it('lets a page read answers and errors, and the headers clients need', async () => {
    const ok = await t.get('/v1/regions', { headers: { Origin: origin } });
    expect(ok.headers.get('access-control-allow-origin')).toBe('*');
    const error = await t.get('/v1/appointments', { headers: { Origin: origin } });
    expect(error.status).toBe(401);
    expect(error.headers.get('access-control-allow-origin')).toBe('*');
    expect(error.headers.get('access-control-expose-headers')).toContain('WWW-Authenticate');
  });
});
