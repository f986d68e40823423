// The feature modules (`@zheli/client/points`, `/applications`, `/recommendation-controls`):
// their operations are in no table of `createClient`, and they call through the client they
// are given, with its token, retries and key (issue 19).
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { applications } from './applications.js';
import { operationTable } from './generated/operations.js';
import { createClient, type ZheliClient } from './index.js';
import { points } from './points.js';
import { recommendationControls } from './recommendation-controls.js';
import { base, problem } from './test-support.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const account = {
  village: { id: 'vil-1', name: '高家堂村' },
  member: { balance: 50 },
  household: { balance: 120 },
};

describe('feature modules', () => {
  it('leaves the feature operations out of the core table and the client', () => {
    const client = createClient({ baseUrl: base }) as unknown as Record<string, unknown>;
    expect(client.points).toBeUndefined();
    expect(client.applications).toBeUndefined();
    expect((client.me as Record<string, unknown>).dismissRecommendation).toBeUndefined();
    for (const id of ['getMyPoints', 'submitBundleApplication', 'setDataConsent']) {
      expect(Object.keys(operationTable)).not.toContain(id);
    }
  });

  it('calls through the client: its token, its retries and one Idempotency-Key for them', async () => {
    const seen: Request[] = [];
    let redemptions = 0;
    server.use(
      http.get(`${base}/v1/me/points`, ({ request }) => {
        seen.push(request.clone());
        return HttpResponse.json(account);
      }),
      http.post(`${base}/v1/me/points/redemptions`, ({ request }) => {
        seen.push(request.clone());
        redemptions++;
        return redemptions === 1
          ? problem(503, 'unavailable')
          : HttpResponse.json({ id: 'r1', entry: {}, balance: 0, code: {} }, { status: 201 });
      }),
    );
    const client = createClient({
      baseUrl: base,
      getAccessToken: async () => 'token-1',
      retry: { limit: 1, delay: () => 1, jitter: false },
    });
    expect(await points(client).mine()).toEqual(account);
    await points(client).redeem({ rewardId: 'rwd-rice-5kg', quantity: 1 });
    expect(seen.map((r) => r.headers.get('authorization'))).toEqual([
      'Bearer token-1',
      'Bearer token-1',
      'Bearer token-1',
    ]);
    const keys = seen.slice(1).map((r) => r.headers.get('idempotency-key'));
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
  });

  it('checks the success body against its own table’s required fields', async () => {
    server.use(http.get(`${base}/v1/me/data-consents`, () => HttpResponse.json({})));
    const error = await recommendationControls(createClient({ baseUrl: base }))
      .dataConsents()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ZheliResponseError', missing: ['items'] });
  });

  it('rejects a client not made by createClient', () => {
    expect(() => applications({} as ZheliClient)).toThrow(TypeError);
  });
});
