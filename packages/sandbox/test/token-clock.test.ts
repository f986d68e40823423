// Two clocks in one sandbox: the identity provider stamps access tokens with the process clock,
// and the API checks them on that same clock, while its business (the booking window here) runs
// on the sandbox's `now`, which tests set to any day. The process clock is faked (Date only).
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Sandbox, startSandbox } from '../src/server.js';

/** The process clock while a token is issued and checked: Friday 20 November 2026, 10:00 Shanghai. */
const issuedAt = new Date('2026-11-20T02:00:00Z');
const day = 86_400_000;

let sandbox: Sandbox;
let clock = issuedAt;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, memory: true, now: () => clock });
});
afterAll(() => sandbox?.stop());
afterEach(() => {
  vi.useRealTimers();
});

async function appointments(token: string): Promise<Response> {
  return fetch(`${sandbox.url}/v1/appointments`, { headers: { Authorization: `Bearer ${token}` } });
}

describe('access tokens on a sandbox set to another day', () => {
  it.each([
    ['ten days ahead of', 10],
    ['ten days behind', -10],
  ])(
    'accepts a fresh token and refuses an expired one with its clock %s the process clock',
    async (_, days) => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(issuedAt);
      clock = new Date(issuedAt.getTime() + days * day);
      const token = await sandbox.mintAccessToken({
        sub: 'p-anji-driver',
        scope: ['openid', 'appointments'],
        expiresIn: 60,
      });

      const fresh = await appointments(token);
      expect(fresh.status).toBe(200);

      // The API's business still runs on the sandbox's day: its booking window starts there.
      const slots = await fetch(
        `${sandbox.url}/v1/sites/site-anji-inspection-1/slots?service=svc-330523-vehicle-inspection-booking`,
      );
      const { days: window } = (await slots.json()) as { days: { date: string }[] };
      expect(window[0]?.date).toBe(clock.toISOString().slice(0, 10));

      // A minute and a second later on the provider's clock the token has expired, whatever day
      // the sandbox is on.
      vi.setSystemTime(issuedAt.getTime() + 61_000);
      const expired = await appointments(token);
      expect(expired.status).toBe(401);
      expect(expired.headers.get('www-authenticate')).toContain('error="invalid_token"');
    },
  );
});
