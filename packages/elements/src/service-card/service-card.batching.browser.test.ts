// The batching window: cards added a few milliseconds apart (a framework rendering a long list in
// chunks, an infinite list) share one request. Timers are Vitest's fake ones: the test moves the
// clock and counts requests; it reads no time.
import { createClient } from '@zheli/client';
import { html } from 'lit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { service } from '../../test/fake-data.js';
import { cleanup, fixture, part } from '../../test/fixture.js';
import '../config/define.js';
import './define.js';
import type { ZheliServiceCard } from './service-card.js';

afterEach(async () => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  await cleanup();
});

const catalog = Array.from({ length: 50 }, (_, index) =>
  service({ id: `svc-test-${index}`, name: `服务${index}` }),
);

/** A fetch that answers `GET /v1/services/batch` from `catalog` and records each request. */
function countedFetch(requests: URL[]): typeof fetch {
  return async (input) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    requests.push(url);
    const ids = url.searchParams.get('ids')?.split(',') ?? [];
    return Response.json({ items: catalog.filter((item) => ids.includes(item.id)), missing: [] });
  };
}

/** Adds `count` cards to `list`, `gap` fake milliseconds apart, then lets every timer run. */
async function addApart(list: Element, count: number, gap: number): Promise<ZheliServiceCard[]> {
  const cards: ZheliServiceCard[] = [];
  for (const item of catalog.slice(0, count)) {
    const card = document.createElement('zheli-service-card');
    card.serviceId = item.id;
    list.append(card);
    cards.push(card);
    await vi.advanceTimersByTimeAsync(gap);
  }
  await vi.advanceTimersByTimeAsync(1_000);
  vi.useRealTimers();
  for (const card of cards) {
    await expect
      .poll(() => card.shadowRoot?.querySelector('[part~="name"]') ?? null)
      .not.toBeNull();
  }
  return cards;
}

/** Fake timers and `Date`, on a clock fixed at a known instant, never the machine's. */
const fakeClock = () =>
  vi.useFakeTimers({
    toFake: ['setTimeout', 'clearTimeout', 'Date'],
    now: Date.UTC(2026, 11, 5, 2),
  });

/** A list whose cards use a client with `options` over `countedFetch(requests)`. */
async function listWithClient(requests: URL[], options: { batchDelay?: number } = {}) {
  const client = createClient({
    baseUrl: 'https://api.zheli.test',
    fetch: countedFetch(requests),
    ...options,
  });
  return fixture<HTMLDivElement>(html`<div></div>`, { client });
}

const idsAsked = (requests: URL[]) =>
  requests.flatMap((url) => url.searchParams.get('ids')?.split(',') ?? []);

describe('the batching window', () => {
  it('loads fifty cards added 5 ms apart with at most two requests', async () => {
    fakeClock();
    const requests: URL[] = [];
    const list = await listWithClient(requests);
    const cards = await addApart(list, 50, 5);
    expect(requests.length).toBeLessThanOrEqual(2);
    expect(new Set(idsAsked(requests)).size).toBe(50);
    expect(part(cards[49] as Element, 'name').textContent).toBe('服务49');
  });

  it('loads fifty cards added 12 ms apart (5 ms timers, each late by a render) with two requests', async () => {
    fakeClock();
    const requests: URL[] = [];
    const list = await listWithClient(requests);
    // 600 ms of cards: the first request leaves at 250 ms, the rest share the second.
    const cards = await addApart(list, 50, 12);
    expect(requests).toHaveLength(2);
    expect(new Set(idsAsked(requests)).size).toBe(50);
    expect(part(cards[49] as Element, 'name').textContent).toBe('服务49');
  });

  it('is tuned by the client configure() is given: a longer batchDelay joins cards 30 ms apart', async () => {
    fakeClock();
    const requests: URL[] = [];
    const list = await listWithClient(requests, { batchDelay: 50 });
    await addApart(list, 5, 30);
    expect(requests).toHaveLength(1);
    expect(idsAsked(requests)).toHaveLength(5);
  });

  it('is tuned by <zheli-config batch-window>', async () => {
    fakeClock();
    const requests: URL[] = [];
    vi.stubGlobal('fetch', countedFetch(requests));
    const config = await fixture<HTMLElement>(
      html`<zheli-config base-url="https://api.zheli.test" batch-window="50"></zheli-config>`,
    );
    await addApart(config, 3, 30);
    expect(requests).toHaveLength(1);
    expect(idsAsked(requests)).toHaveLength(3);
  });
});
