// Rate limiting per person, per client and per anonymous address, on the sandbox's clock.
import { afterEach, describe, expect, it } from 'vitest';
import { type TestApi, testApi, testNow } from './helpers.js';

let t: TestApi | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** The API with small limits and a clock the test moves. */
async function limitedApi() {
  let clock = testNow.getTime();
  const api = await testApi({
    now: () => new Date(clock),
    rateLimit: {
      person: { limit: 4, windowMs: 60_000 },
      client: { limit: 6, windowMs: 60_000 },
      anonymous: { limit: 2, windowMs: 60_000 },
    },
  });
  t = api;
  return {
    api,
    advance(ms: number) {
      clock += ms;
    },
    async statuses(n: number, token?: string): Promise<number[]> {
      const out: number[] = [];
      for (let i = 0; i < n; i++)
        out.push((await api.get('/v1/codes/jwks', token ? { token } : {})).status);
      return out;
    },
  };
}

describe('rate limiting', () => {
  it('does not lock out another person of the same client when one person exhausts their limit', async () => {
    const { api, statuses } = await limitedApi();
    const alice = api.token('p-anji-driver', ['codes'], 'bff');
    const bob = api.token('p-hangzhou-retiree', ['codes'], 'bff');
    expect(await statuses(5, alice)).toEqual([200, 200, 200, 200, 429]);
    expect(await statuses(2, bob)).toEqual([200, 200]);
  });

  it('still caps all persons of a client together at the client limit', async () => {
    const { api, statuses } = await limitedApi();
    const people = ['a', 'b', 'c'].map((sub) => api.token(`p-${sub}`, ['codes'], 'bff'));
    const seen: number[] = [];
    for (const token of people) seen.push(...(await statuses(2, token)));
    expect(seen).toEqual([200, 200, 200, 200, 200, 200]);
    const fourth = api.token('p-d', ['codes'], 'bff');
    const limited = await api.get('/v1/codes/jwks', { token: fourth });
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ code: 'rate_limited', status: 429 });
    expect(await statuses(1, api.token('p-d', ['codes'], 'other-client'))).toEqual([200]);
  });

  it('returns part of the budget once the clock slides half a window on', async () => {
    const { api, advance, statuses } = await limitedApi();
    const token = api.token('p-anji-driver', ['codes'], 'bff');
    expect(await statuses(2, token)).toEqual([200, 200]);
    advance(30_000);
    expect(await statuses(2, token)).toEqual([200, 200]);
    const limited = await api.get('/v1/codes/jwks', { token });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('30');
    advance(30_000);
    expect(await statuses(3, token)).toEqual([200, 200, 429]);
  });

  it('answers 401 to an invalid token on a public read and does not count it as anonymous', async () => {
    const { api, statuses } = await limitedApi();
    for (let i = 0; i < 3; i++) {
      const res = await api.get('/v1/codes/jwks', { token: 'not-a-token' });
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ code: 'unauthenticated', status: 401 });
      expect(res.headers.get('www-authenticate')).toContain('invalid_token');
    }
    expect(await statuses(3)).toEqual([200, 200, 429]);
  });
});
