import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { connectClient } from './connect.js';

let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

/** A platform stand-in on 127.0.0.1 that answers every request with an empty page. */
async function platform(): Promise<{ baseUrl: string; seen: IncomingMessage[] }> {
  const seen: IncomingMessage[] = [];
  const server = createServer((request, response) => {
    seen.push(request);
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ items: [], nextCursor: null }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  stop = () => new Promise((resolve) => server.close(() => resolve()));
  return { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

describe('connectClient (the client <zheli-config base-url> builds)', () => {
  it("lists the person's appointments with their token, so the picker can show the one they hold", async () => {
    const { baseUrl, seen } = await platform();
    const data = connectClient(baseUrl, 'zh-CN', async () => 'token-1');
    const page = await data.appointments?.list?.({ status: 'booked' });
    expect(page?.items).toEqual([]);
    expect(seen.map((request) => [request.method, request.url])).toEqual([
      ['GET', '/v1/appointments?status=booked'],
    ]);
    expect(seen[0]?.headers.authorization).toBe('Bearer token-1');
  });

  it('calls the client’s feature modules (points, applications, recommendation controls) through it', async () => {
    const { baseUrl, seen } = await platform();
    const data = connectClient(baseUrl, 'zh-CN', async () => 'token-1');
    expect((await data.points?.entries({ of: 'household' }))?.items).toEqual([]);
    expect((await data.applications?.list())?.items).toEqual([]);
    expect((await data.me?.dataConsents?.())?.items).toEqual([]);
    expect((await data.me?.recommendations?.())?.items).toEqual([]);
    expect(seen.map((request) => [request.method, request.url])).toEqual([
      ['GET', '/v1/me/points/entries?of=household'],
      ['GET', '/v1/me/bundle-applications'],
      ['GET', '/v1/me/data-consents'],
      ['GET', '/v1/me/recommendations'],
    ]);
    expect(seen.every((request) => request.headers.authorization === 'Bearer token-1')).toBe(true);
  });

  it('gives groups that are not thenables, so an element can return one from an async function', async () => {
    const { baseUrl, seen } = await platform();
    const data = connectClient(baseUrl, 'zh-CN', async () => 'token-1');
    // What <zheli-matter> does: `await` on a group would call its `then` if it had one.
    const group = async () => data.applications;
    const applications = await group();
    expect(applications).toBe(data.applications);
    expect((await applications?.list())?.items).toEqual([]);
    expect(seen.map((request) => request.url)).toEqual(['/v1/me/bundle-applications']);
  });
});

describe('connectClient: the person’s own resources', () => {
  it('forwards every recommendation and consent operation, so <zheli-recommendations> can dismiss, snooze, undo and revoke', async () => {
    const { baseUrl, seen } = await platform();
    const me = connectClient(baseUrl, 'zh-CN', async () => 'token-1').me;
    // The stand-in's empty page is not what these answer; what matters here is the request sent.
    const sent = (call: Promise<unknown> | undefined) => call?.catch(() => undefined);
    await sent(me?.recommendations?.());
    await sent(me?.dismissRecommendation?.('rec-1', { reason: 'already_done' }));
    await sent(me?.snoozeRecommendation?.('rec-2', { days: 7 }));
    await sent(me?.restoreRecommendation?.('rec-1'));
    await sent(me?.dataConsents?.());
    await sent(me?.setDataConsent?.('vehicles', { granted: false }));
    expect(seen.map((request) => [request.method, request.url])).toEqual([
      ['GET', '/v1/me/recommendations'],
      ['POST', '/v1/me/recommendations/rec-1/dismiss'],
      ['POST', '/v1/me/recommendations/rec-2/snooze'],
      ['POST', '/v1/me/recommendations/rec-1/restore'],
      ['GET', '/v1/me/data-consents'],
      ['POST', '/v1/me/data-consents/vehicles'],
    ]);
    expect(seen.every((request) => request.headers.authorization === 'Bearer token-1')).toBe(true);
  });
});
