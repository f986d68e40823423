// Unit tests of the client's failure handling against MSW (`msw/node`): problem parsing,
// malformed bodies, retry rules and timing, tokens, abort, sharing and batching. The same
// behaviour is proven end to end against the real sandbox in client.sandbox.test.ts.
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  createClient,
  isNetworkError,
  isTimeoutError,
  isZheliApiError,
  isZheliResponseError,
  NetworkError,
  TimeoutError,
  ZheliApiError,
  ZheliResponseError,
} from './index.js';
import {
  appointment,
  base,
  booking,
  problem,
  profile,
  recordTimers,
  service,
} from './test-support.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => {
  server.resetHandlers();
  vi.useRealTimers();
  vi.restoreAllMocks();
});
afterAll(() => server.close());

/** Records every request that reaches the mock platform. */
function recorder() {
  const requests: Request[] = [];
  const times: number[] = [];
  server.events.on('request:start', ({ request }) => {
    requests.push(request.clone());
    times.push(Date.now());
  });
  return { requests, times };
}

/** Answers the listed responses in turn, then the last one again. */
function sequence(...responses: (() => Response)[]) {
  let i = 0;
  return () => {
    const next = responses[Math.min(i, responses.length - 1)] as () => Response;
    i++;
    return next();
  };
}

const fast = { delay: () => 1, jitter: false } as const;

describe('errors', () => {
  it('turns a problem+json answer into a ZheliApiError with its fields', async () => {
    server.use(
      http.post(`${base}/v1/appointments`, () =>
        problem(409, 'slot_full', { detail: 'No place is left in this slot.' }),
      ),
    );
    const client = createClient({ baseUrl: base });
    const error = await client.appointments.book(booking).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZheliApiError);
    expect(error).toMatchObject({
      name: 'ZheliApiError',
      status: 409,
      code: 'slot_full',
      title: 'slot full',
      detail: 'No place is left in this slot.',
      traceId: 'trace-409',
      operationId: 'bookAppointment',
      errors: [],
      message: 'bookAppointment failed (409 slot_full): POST /v1/appointments',
    });
    expect((error as ZheliApiError).request.method).toBe('POST');
    expect((error as ZheliApiError).response.status).toBe(409);
  });

  it('keeps the field errors of validation_failed and unknown members in problem', async () => {
    const errors = [{ field: 'query.limit', code: 'maximum', message: 'must be <= 100' }];
    server.use(
      http.get(`${base}/v1/services`, () =>
        problem(400, 'validation_failed', { errors, futureMember: 7 }),
      ),
    );
    const client = createClient({ baseUrl: base });
    const error = (await client.services.search({ limit: 500 }).catch((e) => e)) as ZheliApiError;
    expect(error.errors).toEqual(errors);
    expect(error.problem).toMatchObject({ futureMember: 7 });
  });

  it('builds a ZheliApiError without a code when the error body is not a problem', async () => {
    server.use(
      http.get(
        `${base}/v1/regions`,
        () => new HttpResponse('<h1>Bad gateway</h1>', { status: 502, statusText: 'Bad Gateway' }),
      ),
    );
    const client = createClient({ baseUrl: base, retry: 0 });
    const error = (await client.regions.list().catch((e) => e)) as ZheliApiError;
    expect(error.status).toBe(502);
    expect(error.code).toBeUndefined();
    expect(error.title).toBe('Bad Gateway');
    expect(error.message).toBe('listRegions failed (502): GET /v1/regions');
  });

  it('rejects a success body without the fields the contract requires with ZheliResponseError', async () => {
    server.use(http.get(`${base}/v1/me`, () => HttpResponse.json({ unexpected: true })));
    const client = createClient({ baseUrl: base });
    const error = (await client.me.profile().catch((e) => e)) as ZheliResponseError;
    expect(error).toBeInstanceOf(ZheliResponseError);
    expect(error.missing).toEqual(['sub', 'kind', 'displayName', 'region', 'locale']);
    expect(error.body).toBe('{"unexpected":true}');
    expect(error.message).toBe(
      'getProfile returned a body without sub, kind, displayName, region, locale: GET /v1/me',
    );
  });

  it('rejects a body that is not JSON, or not an object, with ZheliResponseError', async () => {
    server.use(
      http.get(`${base}/v1/regions`, () => new HttpResponse('<html>', { status: 200 })),
      http.get(`${base}/v1/categories`, () => HttpResponse.json([1, 2])),
    );
    const client = createClient({ baseUrl: base });
    const notJson = (await client.regions.list().catch((e) => e)) as ZheliResponseError;
    expect(notJson.missing).toEqual([]);
    expect(notJson.cause).toBeInstanceOf(SyntaxError);
    expect(await client.categories.list().catch((e) => e)).toBeInstanceOf(ZheliResponseError);
  });

  it('does not retry a malformed success body', async () => {
    const { requests } = recorder();
    server.use(http.get(`${base}/v1/me`, () => HttpResponse.json({ unexpected: true })));
    await createClient({ baseUrl: base })
      .me.profile()
      .catch(() => undefined);
    expect(requests).toHaveLength(1);
  });

  it('recognises errors from another copy of the package by name', async () => {
    // A second instance of the module, as when an app bundles two copies of the package.
    const specifier = './errors.js?another-copy';
    const copy: typeof import('./errors.js') = await import(/* @vite-ignore */ specifier);
    expect(copy.ZheliApiError).not.toBe(ZheliApiError);
    const foreign = new copy.ZheliResponseError(
      { operationId: 'getProfile', method: 'GET', url: `${base}/v1/me` },
      '{}',
      ['sub'],
    );
    expect(foreign instanceof ZheliResponseError).toBe(false);
    expect(isZheliResponseError(foreign)).toBe(true);
    expect(isZheliApiError(foreign)).toBe(false);
    expect(isZheliApiError(Object.assign(new Error('x'), { name: 'ZheliApiError' }))).toBe(true);
    expect(isZheliApiError(new Error('x'))).toBe(false);
    expect(isZheliApiError(undefined)).toBe(false);
  });
});

describe('retries', () => {
  it('retries a GET after a 503 and returns the later success', async () => {
    const { requests } = recorder();
    server.use(
      http.get(
        `${base}/v1/me`,
        sequence(
          () => problem(503, 'service_unavailable'),
          () => HttpResponse.json(profile),
        ),
      ),
    );
    const client = createClient({ baseUrl: base, retry: fast });
    expect(await client.me.profile()).toEqual(profile);
    expect(requests).toHaveLength(2);
  });

  it.each([408, 429, 500, 502, 503, 504])('retries a GET answered %i', async (status) => {
    const { requests } = recorder();
    server.use(
      http.get(
        `${base}/v1/regions`,
        sequence(
          () => problem(status, 'internal_error'),
          () => HttpResponse.json({ items: [] }),
        ),
      ),
    );
    await createClient({ baseUrl: base, retry: fast }).regions.list();
    expect(requests).toHaveLength(2);
  });

  it.each([400, 401, 403, 404, 409, 422, 501])(
    'does not retry a GET answered %i',
    async (status) => {
      const { requests } = recorder();
      server.use(http.get(`${base}/v1/regions`, () => problem(status, 'x')));
      const error = await createClient({ baseUrl: base, retry: fast })
        .regions.list()
        .catch((e) => e);
      expect(error.status).toBe(status);
      expect(requests).toHaveLength(1);
    },
  );

  it('gives up after the retry limit with the last error', async () => {
    const { requests } = recorder();
    server.use(http.get(`${base}/v1/regions`, () => problem(503, 'service_unavailable')));
    const error = await createClient({ baseUrl: base, retry: { ...fast, limit: 3 } })
      .regions.list()
      .catch((e) => e);
    expect(error.code).toBe('service_unavailable');
    expect(requests).toHaveLength(4);
  });

  it('retries a GET after a network error', async () => {
    const { requests } = recorder();
    server.use(
      http.get(
        `${base}/v1/regions`,
        sequence(
          () => HttpResponse.error(),
          () => HttpResponse.json({ items: [] }),
        ),
      ),
    );
    expect(await createClient({ baseUrl: base, retry: fast }).regions.list()).toEqual({
      items: [],
    });
    expect(requests).toHaveLength(2);
  });

  it('waits for Retry-After seconds on a 429 before the retry', async () => {
    const { times } = recorder();
    server.use(
      http.get(
        `${base}/v1/regions`,
        sequence(
          () => problem(429, 'rate_limited', {}, { 'retry-after': '1' }),
          () => HttpResponse.json({ items: [] }),
        ),
      ),
    );
    const timers = recordTimers();
    expect(await createClient({ baseUrl: base }).regions.list()).toEqual({ items: [] });
    expect(times).toHaveLength(2);
    // The wait between the attempts was the header's second.
    expect(timers.delays).toContain(1000);
  });

  it('fails at once with the 429 when Retry-After does not fit in the total timeout', async () => {
    const { requests } = recorder();
    server.use(
      http.get(`${base}/v1/regions`, () =>
        problem(429, 'rate_limited', {}, { 'retry-after': '120' }),
      ),
    );
    const timers = recordTimers();
    const error = (await createClient({ baseUrl: base, totalTimeout: 5000 })
      .regions.list()
      .catch((e) => e)) as ZheliApiError;
    expect(error.status).toBe(429);
    expect(error.retryAfter).toBe(120);
    expect(requests).toHaveLength(1);
    // Neither the 120 s nor the 5 s total timeout was waited out: the only timer set with a second
    // or more was the request's own timeout, and it did not fire (the error is the 429's).
    expect(timers.delays.filter((ms) => ms >= 1000 && ms < 4000)).toEqual([]);
    expect(timers.delays).not.toContain(120_000);
  });

  it('backs off exponentially with full jitter between attempts', async () => {
    const { times } = recorder();
    server.use(http.get(`${base}/v1/regions`, () => problem(500, 'internal_error')));
    // Full jitter waits random() · 300 ms · 2^(n-1); pin random() near 1 to see the ceiling.
    const random = vi.spyOn(Math, 'random').mockReturnValue(0.99);
    const timers = recordTimers();
    let draws = 0;
    try {
      await createClient({ baseUrl: base, retry: 2 })
        .regions.list()
        .catch(() => 0);
      draws = random.mock.calls.length;
    } finally {
      random.mockRestore();
    }
    expect(times).toHaveLength(3);
    // The waits asked for between the attempts: 0.99 · 300 ms, then 0.99 · 600 ms.
    const waits = timers.delays.filter((ms) => ms > 200 && ms < 1000);
    expect(waits.map(Math.round)).toEqual([297, 594]);
    // The jitter draw happened once per retry.
    expect(draws).toBeGreaterThanOrEqual(2);
  });

  it('never retries a POST without an Idempotency-Key', async () => {
    const { requests } = recorder();
    server.use(http.post(`${base}/v1/codes`, () => problem(503, 'service_unavailable')));
    const error = await createClient({ baseUrl: base, retry: fast })
      .codes.issue({ kind: 'personal' })
      .catch((e) => e);
    expect(error.status).toBe(503);
    expect(requests).toHaveLength(1);
    expect(requests[0]?.headers.has('idempotency-key')).toBe(false);
  });

  it('never retries a POST without an Idempotency-Key after a network error', async () => {
    const { requests } = recorder();
    server.use(http.post(`${base}/v1/codes/verify`, () => HttpResponse.error()));
    const error = await createClient({ baseUrl: base, retry: fast })
      .codes.verify('a.b.c')
      .catch((e) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(isNetworkError(error)).toBe(true);
    expect(requests).toHaveLength(1);
  });

  it('retries a booking with the same Idempotency-Key on every attempt', async () => {
    const { requests } = recorder();
    server.use(
      http.post(
        `${base}/v1/appointments`,
        sequence(
          () => HttpResponse.error(),
          () => problem(503, 'service_unavailable'),
          () => HttpResponse.json(appointment(), { status: 201 }),
        ),
      ),
    );
    const client = createClient({ baseUrl: base, retry: fast });
    expect((await client.appointments.book(booking)).id).toBe('apt-7Hq2KfX9');
    const keys = requests.map((r) => r.headers.get('idempotency-key'));
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(await Promise.all(requests.map((r) => r.json()))).toEqual([booking, booking, booking]);
  });

  it('gives each logical write its own key, or the one the caller passes', async () => {
    const { requests } = recorder();
    server.use(
      http.post(`${base}/v1/appointments`, () => HttpResponse.json(appointment(), { status: 201 })),
      http.post(`${base}/v1/appointments/:id/cancel`, () => HttpResponse.json(appointment())),
    );
    const client = createClient({ baseUrl: base });
    await client.appointments.book(booking);
    await client.appointments.book(booking);
    await client.appointments.book(booking, { idempotencyKey: 'my-key-0001' });
    await client.appointments.cancel('apt-7Hq2KfX9');
    const keys = requests.map((r) => r.headers.get('idempotency-key'));
    expect(keys[0]).not.toBe(keys[1]);
    expect(keys[2]).toBe('my-key-0001');
    expect(keys[3]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('retries a write answered 409 idempotency_in_progress, not one answered 409 slot_full', async () => {
    const { requests } = recorder();
    server.use(
      http.post(
        `${base}/v1/appointments`,
        sequence(
          () => problem(409, 'idempotency_in_progress', {}, { 'retry-after': '0' }),
          () => problem(409, 'slot_full'),
        ),
      ),
    );
    const error = await createClient({ baseUrl: base, retry: fast })
      .appointments.book(booking)
      .catch((e) => e);
    expect(error.code).toBe('slot_full');
    expect(requests).toHaveLength(2);
  });

  it('waits out 409 idempotency_in_progress for each Retry-After until the answer, past the retry limit', async () => {
    const { requests } = recorder();
    const inProgress = () => problem(409, 'idempotency_in_progress', {}, { 'retry-after': '1' });
    server.use(
      http.post(
        `${base}/v1/appointments`,
        sequence(inProgress, inProgress, () => HttpResponse.json(appointment(), { status: 201 })),
      ),
    );
    const timers = recordTimers();
    const client = createClient({ baseUrl: base, retry: 1 });
    expect((await client.appointments.book(booking)).id).toBe('apt-7Hq2KfX9');
    // Two answers of "still being handled", each waited out for its second, under one key.
    expect(requests).toHaveLength(3);
    expect(new Set(requests.map((r) => r.headers.get('idempotency-key'))).size).toBe(1);
    expect(timers.delays.filter((ms) => ms === 1000)).toHaveLength(2);
  });

  it('fails at once with the 409 when its Retry-After does not fit in the total timeout', async () => {
    const { requests } = recorder();
    server.use(
      http.post(`${base}/v1/appointments`, () =>
        problem(409, 'idempotency_in_progress', {}, { 'retry-after': '120' }),
      ),
    );
    const timers = recordTimers();
    const error = (await createClient({ baseUrl: base, totalTimeout: 5000 })
      .appointments.book(booking)
      .catch((e) => e)) as ZheliApiError;
    expect(error).toBeInstanceOf(ZheliApiError);
    expect(error).toMatchObject({ status: 409, code: 'idempotency_in_progress', retryAfter: 120 });
    expect(requests).toHaveLength(1);
    expect(timers.delays).not.toContain(120_000);
  });

  it('gives up with the 409 once the next Retry-After would run past the total timeout', async () => {
    const { requests } = recorder();
    server.use(
      http.post(`${base}/v1/appointments`, () =>
        problem(409, 'idempotency_in_progress', {}, { 'retry-after': '1' }),
      ),
    );
    const timers = recordTimers();
    const error = (await createClient({ baseUrl: base, totalTimeout: 1900 })
      .appointments.book(booking)
      .catch((e) => e)) as ZheliApiError;
    // The first second fits in 1.9 s, a second one no longer does.
    expect(error).toMatchObject({ status: 409, code: 'idempotency_in_progress' });
    expect(requests).toHaveLength(2);
    expect(timers.delays.filter((ms) => ms === 1000)).toHaveLength(1);
  });

  it('times out an attempt with TimeoutError and retries it within the total timeout', async () => {
    const { requests } = recorder();
    server.use(
      http.get(
        `${base}/v1/regions`,
        sequence(
          () => new Promise<Response>(() => undefined) as unknown as Response,
          () => HttpResponse.json({ items: [] }),
        ),
      ),
    );
    const client = createClient({ baseUrl: base, timeout: 50, retry: fast });
    expect(await client.regions.list()).toEqual({ items: [] });
    expect(requests).toHaveLength(2);
  });

  it('fails with TimeoutError when the total timeout runs out', async () => {
    server.use(
      http.get(
        `${base}/v1/regions`,
        () => new Promise<Response>(() => undefined) as unknown as Response,
      ),
    );
    const client = createClient({ baseUrl: base, timeout: 40, totalTimeout: 100, retry: fast });
    const error = await client.regions.list().catch((e) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(isTimeoutError(error)).toBe(true);
  });
});

describe('access tokens', () => {
  it('asks the provider for a token before every attempt, retries included', async () => {
    const { requests } = recorder();
    server.use(
      http.get(
        `${base}/v1/me`,
        sequence(
          () => problem(503, 'service_unavailable'),
          () => HttpResponse.json(profile),
        ),
      ),
    );
    let n = 0;
    const getAccessToken = vi.fn(async () => `token-${++n}`);
    await createClient({ baseUrl: base, getAccessToken, retry: fast }).me.profile();
    expect(requests.map((r) => r.headers.get('authorization'))).toEqual([
      'Bearer token-1',
      'Bearer token-2',
    ]);
    expect(getAccessToken).toHaveBeenCalledWith({ forceRefresh: false });
  });

  it('sends no token to a public operation and does not ask for one', async () => {
    const { requests } = recorder();
    server.use(http.get(`${base}/v1/regions`, () => HttpResponse.json({ items: [] })));
    const getAccessToken = vi.fn(async () => 'token');
    await createClient({ baseUrl: base, getAccessToken }).regions.list();
    expect(getAccessToken).not.toHaveBeenCalled();
    expect(requests[0]?.headers.has('authorization')).toBe(false);
  });

  it('refreshes once after a 401 and replays the request with the new token', async () => {
    const { requests } = recorder();
    server.use(
      http.get(`${base}/v1/me`, ({ request }) =>
        request.headers.get('authorization') === 'Bearer fresh'
          ? HttpResponse.json(profile)
          : problem(401, 'unauthenticated'),
      ),
    );
    const onUnauthorized = vi.fn(async () => 'fresh');
    const client = createClient({
      baseUrl: base,
      getAccessToken: async () => 'stale',
      onUnauthorized,
    });
    expect(await client.me.profile()).toEqual(profile);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    expect(requests.map((r) => r.headers.get('authorization'))).toEqual([
      'Bearer stale',
      'Bearer fresh',
    ]);
  });

  it('asks getAccessToken to force a refresh when no onUnauthorized is given', async () => {
    server.use(
      http.get(`${base}/v1/me`, ({ request }) =>
        request.headers.get('authorization') === 'Bearer fresh'
          ? HttpResponse.json(profile)
          : problem(401, 'unauthenticated'),
      ),
    );
    const getAccessToken = vi.fn(async ({ forceRefresh }: { forceRefresh: boolean }) =>
      forceRefresh ? 'fresh' : 'stale',
    );
    await createClient({ baseUrl: base, getAccessToken }).me.profile();
    expect(getAccessToken.mock.calls).toEqual([
      [{ forceRefresh: false }],
      [{ forceRefresh: true }],
    ]);
  });

  it('replays once only: a second 401 rejects, without another refresh', async () => {
    const { requests } = recorder();
    server.use(http.get(`${base}/v1/me`, () => problem(401, 'unauthenticated')));
    const onUnauthorized = vi.fn(async () => 'also-rejected');
    const error = await createClient({
      baseUrl: base,
      getAccessToken: async () => 'a',
      onUnauthorized,
    })
      .me.profile()
      .catch((e) => e);
    expect(error.status).toBe(401);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    expect(requests).toHaveLength(2);
  });

  it('does not replay when the refresh yields no token or fails', async () => {
    const { requests } = recorder();
    server.use(http.get(`${base}/v1/me`, () => problem(401, 'unauthenticated')));
    for (const onUnauthorized of [
      async () => undefined,
      async () => Promise.reject(new Error('x')),
    ]) {
      const error = await createClient({ baseUrl: base, onUnauthorized })
        .me.profile()
        .catch((e) => e);
      expect(error.code).toBe('unauthenticated');
    }
    expect(requests).toHaveLength(2);
  });

  it('shares one refresh between concurrent 401s', async () => {
    server.use(
      http.get(`${base}/v1/me`, ({ request }) =>
        request.headers.get('authorization') === 'Bearer fresh'
          ? HttpResponse.json(profile)
          : problem(401, 'unauthenticated'),
      ),
      http.get(`${base}/v1/me/recommendations`, ({ request }) =>
        request.headers.get('authorization') === 'Bearer fresh'
          ? HttpResponse.json({ items: [] })
          : problem(401, 'unauthenticated'),
      ),
    );
    const onUnauthorized = vi.fn(
      () => new Promise<string>((resolve) => setTimeout(() => resolve('fresh'), 20)),
    );
    const client = createClient({
      baseUrl: base,
      getAccessToken: async () => 'stale',
      onUnauthorized,
    });
    await Promise.all([client.me.profile(), client.me.recommendations()]);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('keeps the Idempotency-Key when a write is replayed after a 401', async () => {
    const { requests } = recorder();
    server.use(
      http.post(`${base}/v1/appointments`, ({ request }) =>
        request.headers.get('authorization') === 'Bearer fresh'
          ? HttpResponse.json(appointment(), { status: 201 })
          : problem(401, 'unauthenticated'),
      ),
    );
    await createClient({
      baseUrl: base,
      getAccessToken: async () => 'stale',
      onUnauthorized: async () => 'fresh',
    }).appointments.book(booking);
    const [first, second] = requests.map((r) => r.headers.get('idempotency-key'));
    expect(first).toBeTruthy();
    expect(second).toBe(first);
  });
});

describe('abort', () => {
  it('rejects with the signal’s reason when aborted in flight', async () => {
    server.use(
      http.get(`${base}/v1/regions`, () => new Promise<Response>(() => undefined) as never),
    );
    const controller = new AbortController();
    const pending = createClient({ baseUrl: base }).regions.list(undefined, {
      signal: controller.signal,
    });
    controller.abort(new Error('left the page'));
    await expect(pending).rejects.toThrow('left the page');
  });

  it('stops waiting for a retry when aborted, and sends no further request', async () => {
    const { requests } = recorder();
    server.use(
      http.get(`${base}/v1/regions`, () =>
        problem(503, 'service_unavailable', {}, { 'retry-after': '5' }),
      ),
    );
    const controller = new AbortController();
    const pending = createClient({ baseUrl: base }).regions.list(undefined, {
      signal: controller.signal,
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort();
    const error = await pending.catch((e) => e);
    expect(error.name).toBe('AbortError');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(requests).toHaveLength(1);
  });

  it('stops waiting out a 409 idempotency_in_progress when aborted, and sends no further request', async () => {
    const { requests } = recorder();
    server.use(
      http.post(`${base}/v1/appointments`, () =>
        problem(409, 'idempotency_in_progress', {}, { 'retry-after': '5' }),
      ),
    );
    const timers = recordTimers();
    const controller = new AbortController();
    const pending = createClient({ baseUrl: base }).appointments.book(booking, {
      signal: controller.signal,
    });
    await vi.waitFor(() => expect(timers.delays).toContain(5000));
    controller.abort();
    const error = await pending.catch((e) => e);
    expect(error.name).toBe('AbortError');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(requests).toHaveLength(1);
  });

  it('sends nothing when the signal is already aborted', async () => {
    const { requests } = recorder();
    const error = await createClient({ baseUrl: base })
      .regions.list(undefined, { signal: AbortSignal.abort() })
      .catch((e) => e);
    expect(error.name).toBe('AbortError');
    expect(requests).toHaveLength(0);
  });
});

describe('sharing and batching', () => {
  it('sends one request for identical concurrent GETs', async () => {
    const { requests } = recorder();
    server.use(http.get(`${base}/v1/regions`, () => HttpResponse.json({ items: [] })));
    const client = createClient({ baseUrl: base });
    const results = await Promise.all([
      client.regions.list({ parent: '330500' }),
      client.regions.list({ parent: '330500' }),
      client.regions.list({ parent: '330500' }),
      client.regions.list({ parent: '330100' }),
    ]);
    expect(results[0]).toBe(results[1]);
    expect(requests).toHaveLength(2);
    await client.regions.list({ parent: '330500' });
    expect(requests).toHaveLength(3);
  });

  it('keeps a shared request running for the others when one caller aborts', async () => {
    const { requests } = recorder();
    server.use(
      http.get(
        `${base}/v1/regions`,
        () =>
          new Promise<Response>((resolve) =>
            setTimeout(() => resolve(HttpResponse.json({ items: [] })), 30),
          ),
      ),
    );
    const client = createClient({ baseUrl: base });
    const controller = new AbortController();
    const first = client.regions.list(undefined, { signal: controller.signal });
    const second = client.regions.list();
    controller.abort();
    await expect(first).rejects.toThrow();
    expect(await second).toEqual({ items: [] });
    expect(requests).toHaveLength(1);
  });

  it('sends one booking for a double click and gives both callers its answer', async () => {
    const { requests } = recorder();
    server.use(
      http.post(`${base}/v1/appointments`, () => HttpResponse.json(appointment(), { status: 201 })),
    );
    const client = createClient({ baseUrl: base });
    const [a, b] = await Promise.all([
      client.appointments.book(booking),
      client.appointments.book(booking),
    ]);
    expect(a).toBe(b);
    expect(requests).toHaveLength(1);
  });

  it('does not share when dedupe is off', async () => {
    const { requests } = recorder();
    server.use(http.get(`${base}/v1/regions`, () => HttpResponse.json({ items: [] })));
    const client = createClient({ baseUrl: base, dedupe: false });
    await Promise.all([client.regions.list(), client.regions.list()]);
    expect(requests).toHaveLength(2);
  });

  it('collects the ids of 50 cards asked for in one tick into one request', async () => {
    const { requests } = recorder();
    server.use(
      http.get(`${base}/v1/services/batch`, ({ request }) => {
        const ids = (new URL(request.url).searchParams.get('ids') ?? '').split(',');
        const found = ids.filter((id) => !id.endsWith('-gone'));
        return HttpResponse.json({
          items: found.map(service),
          missing: ids.filter((id) => id.endsWith('-gone')),
        });
      }),
    );
    const client = createClient({ baseUrl: base });
    const ids = Array.from({ length: 50 }, (_, i) => `svc-card-${i}`);
    const results = await Promise.all(ids.map((id) => client.services.getMany([id, 'svc-x-gone'])));
    expect(requests).toHaveLength(1);
    const asked = new URL(requests[0]?.url ?? '').searchParams.get('ids')?.split(',');
    expect(asked).toHaveLength(51);
    results.forEach((result, i) => {
      expect(result.items.map((s) => s.id)).toEqual([`svc-card-${i}`]);
      expect(result.missing).toEqual(['svc-x-gone']);
    });
    expect(await client.services.summary('svc-card-1')).toMatchObject({ id: 'svc-card-1' });
    expect(await client.services.summary('svc-y-gone')).toBeUndefined();
    expect(requests).toHaveLength(3);
  });

  it('splits a batch of more than 100 ids into requests of at most 100', async () => {
    const { requests } = recorder();
    server.use(
      http.get(`${base}/v1/services/batch`, ({ request }) => {
        const ids = (new URL(request.url).searchParams.get('ids') ?? '').split(',');
        return HttpResponse.json({ items: ids.map(service), missing: [] });
      }),
    );
    const client = createClient({ baseUrl: base });
    const ids = Array.from({ length: 150 }, (_, i) => `svc-many-${i}`);
    const { items } = await client.services.getMany(ids);
    expect(items.map((s) => s.id)).toEqual(ids);
    expect(requests.map((r) => new URL(r.url).searchParams.get('ids')?.split(',').length)).toEqual([
      100, 50,
    ]);
  });

  it('sends no batch when every caller aborted before it left', async () => {
    const { requests } = recorder();
    const client = createClient({ baseUrl: base });
    const controller = new AbortController();
    const pending = client.services.getMany(['svc-a'], { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(requests).toHaveLength(0);
  });
});

describe('requests', () => {
  it('follows cursors through every page, keeping the filters', async () => {
    const { requests } = recorder();
    const pages: Record<
      string,
      { items: ReturnType<typeof service>[]; nextCursor: string | null }
    > = {
      '': { items: [service('svc-a'), service('svc-b')], nextCursor: 'c2' },
      c2: { items: [service('svc-c')], nextCursor: 'c3' },
      c3: { items: [service('svc-d')], nextCursor: null },
    };
    server.use(
      http.get(`${base}/v1/services`, ({ request }) =>
        HttpResponse.json(pages[new URL(request.url).searchParams.get('cursor') ?? ''] ?? {}),
      ),
    );
    const ids: string[] = [];
    for await (const s of createClient({ baseUrl: base }).services.searchAll({
      region: '330523',
    })) {
      ids.push(s.id);
    }
    expect(ids).toEqual(['svc-a', 'svc-b', 'svc-c', 'svc-d']);
    expect(requests.map((r) => new URL(r.url).search)).toEqual([
      '?region=330523',
      '?region=330523&cursor=c2',
      '?region=330523&cursor=c3',
    ]);
  });

  it('encodes path and query parameters, arrays as comma-separated lists', async () => {
    const { requests } = recorder();
    server.use(
      http.get(`${base}/*`, () => HttpResponse.json({ items: [], missing: [], nextCursor: null })),
    );
    const client = createClient({ baseUrl: base, dedupe: false });
    await client.services.search({ q: '机动车 检验', bookable: true, limit: 5 });
    await client.request('batchGetServices', { query: { ids: ['svc-a', 'svc-b'] } });
    await client.request('getMyMatter', { path: { caseNumber: 'a/b?c' } }).catch(() => undefined);
    expect(requests.map((r) => r.url)).toEqual([
      `${base}/v1/services?q=%E6%9C%BA%E5%8A%A8%E8%BD%A6+%E6%A3%80%E9%AA%8C&bookable=true&limit=5`,
      `${base}/v1/services/batch?ids=svc-a%2Csvc-b`,
      `${base}/v1/me/matters/a%2Fb%3Fc`,
    ]);
  });

  it('resolves paths against a baseUrl with a path prefix', async () => {
    const { requests } = recorder();
    server.use(http.get(`${base}/open/v1/regions`, () => HttpResponse.json({ items: [] })));
    await createClient({ baseUrl: `${base}/open` }).regions.list();
    expect(requests[0]?.url).toBe(`${base}/open/v1/regions`);
  });

  it('takes a relative baseUrl where there is no page, and rejects a request with one that says what to pass', async () => {
    const fetch = vi.fn();
    const client = createClient({ baseUrl: '/api', fetch });
    const error = await client.regions.list().catch((e) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toMatch(/baseUrl '\/api' is relative .*: pass an absolute URL/);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('sends Accept-Language from the locale, read on every call when it is a function', async () => {
    const { requests } = recorder();
    server.use(http.get(`${base}/v1/regions`, () => HttpResponse.json({ items: [] })));
    let lang = 'zh-TW';
    await createClient({ baseUrl: base, locale: 'en' }).regions.list();
    const client = createClient({ baseUrl: base, locale: () => lang });
    await client.regions.list();
    lang = 'zh-CN';
    await client.regions.list();
    expect(requests.map((r) => r.headers.get('accept-language'))).toEqual(['en', 'zh-TW', 'zh-CN']);
    expect(requests[0]?.headers.get('accept')).toBe('application/json');
  });

  it('uses the injected fetch and runs the caller’s ky hooks after its own', async () => {
    const seen: string[] = [];
    const fetch = vi.fn(async (input: RequestInfo | URL) => {
      seen.push((input as Request).headers.get('authorization') ?? '');
      return Response.json(profile);
    });
    const beforeRequest = vi.fn(({ request }: { request: Request }) => {
      seen.push(`hook:${request.headers.get('authorization')}`);
    });
    await createClient({
      baseUrl: base,
      fetch,
      getAccessToken: async () => 't',
      hooks: { beforeRequest: [beforeRequest] },
    }).me.profile();
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(seen).toEqual(['hook:Bearer t', 'Bearer t']);
  });

  it('sends nothing when it is created', () => {
    const fetch = vi.fn();
    createClient({ baseUrl: base, fetch });
    expect(fetch).not.toHaveBeenCalled();
  });
});
