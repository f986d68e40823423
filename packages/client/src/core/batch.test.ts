import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBatcher } from './batch.js';

afterEach(() => {
  vi.useRealTimers();
});

/** Fake timers on a clock fixed at a known instant, never the machine's. */
const start = Date.UTC(2026, 11, 5, 2, 0, 0);
const fakeClock = () => vi.useFakeTimers({ now: start });

/** Callers of `getMany` `gap` ms apart, one id each; returns their pending answers. */
async function callersApart(
  getMany: (ids: readonly string[]) => Promise<unknown>,
  ids: readonly string[],
  gap: number | ((n: number) => number),
) {
  const pending: Promise<unknown>[] = [];
  for (const [n, id] of ids.entries()) {
    pending.push(getMany([id]));
    await vi.advanceTimersByTimeAsync(typeof gap === 'number' ? gap : gap(n));
  }
  return pending;
}

const numbered = (from: number, count: number) =>
  Array.from({ length: count }, (_, n) => `id-${from + n}`);

/** A page fetcher that knows ids `a`–`z` and records every request's ids. */
function catalogue() {
  const requests: string[][] = [];
  const fetchPage = vi.fn(async (ids: string[], _signal: AbortSignal) => {
    requests.push(ids);
    return { items: ids.filter((id) => /^[a-z]$/.test(id)).map((id) => ({ id })) };
  });
  return { requests, fetchPage };
}

describe('createBatcher', () => {
  it('collects the ids of callers within the delay into one request', async () => {
    fakeClock();
    const { requests, fetchPage } = catalogue();
    const getMany = createBatcher(fetchPage, 20);
    const first = getMany(['a', 'b']);
    const second = getMany(['b', 'c']);
    await vi.advanceTimersByTimeAsync(20);
    expect(await first).toEqual({ items: [{ id: 'a' }, { id: 'b' }], missing: [] });
    expect(await second).toEqual({ items: [{ id: 'b' }, { id: 'c' }], missing: [] });
    expect(requests).toEqual([['a', 'b', 'c']]);
  });

  it('waits the delay after the last caller, so callers 5 ms apart share one request', async () => {
    fakeClock();
    const { requests, fetchPage } = catalogue();
    const getMany = createBatcher(fetchPage, 16);
    const pending = await callersApart(getMany, [...'abcdefghij'], 5);
    await vi.advanceTimersByTimeAsync(16);
    await Promise.all(pending);
    expect(requests).toEqual([[...'abcdefghij']]);
  });

  it('sends a batch once 250 ms have passed since its first caller while more keep joining', async () => {
    fakeClock();
    const { requests, fetchPage } = catalogue();
    const getMany = createBatcher(fetchPage, 16);
    const pending = await callersApart(getMany, numbered(0, 40), 10);
    await vi.advanceTimersByTimeAsync(100);
    await Promise.all(pending);
    // The first batch leaves at the end of the wait under way at 250 ms (256 ms): 26 ids.
    expect(requests.map((ids) => ids.length)).toEqual([26, 14]);
  });

  it('sends a stream of fifty callers 12 ms apart (5 ms timers, each late by a card render) in two requests', async () => {
    fakeClock();
    const { requests, fetchPage } = catalogue();
    const getMany = createBatcher(fetchPage, 16);
    // 600 ms of callers: the first batch leaves at its 250 ms, the rest share the next one.
    const pending = await callersApart(getMany, numbered(0, 50), 12);
    await vi.advanceTimersByTimeAsync(1_000);
    await Promise.all(pending);
    expect(requests).toHaveLength(2);
    expect(requests.flat()).toHaveLength(50);
  });

  it('waits up to 1,000 ms for the batch that carries on a stream, and 250 ms once it paused', async () => {
    fakeClock();
    const { requests, fetchPage } = catalogue();
    // Pages of 1,000 ids, so that each batch is one request.
    const getMany = createBatcher(fetchPage, 16, 1_000);
    // 1,300 ms of callers 10 ms apart: 256 ms, then up to 1,000 ms more, then the last few,
    // whose batch leaves by quiet and so ends the stream.
    const pending = await callersApart(getMany, numbered(0, 130), 10);
    await vi.advanceTimersByTimeAsync(20);
    // Less than 250 ms after the last cut, a new 400 ms stream: its first batch leaves at its
    // 250 ms again.
    pending.push(...(await callersApart(getMany, numbered(1_000, 40), 10)));
    await vi.advanceTimersByTimeAsync(1_000);
    await Promise.all(pending);
    expect(requests.map((ids) => ids.length)).toEqual([26, 101, 3, 26, 14]);
  });

  it('carries on a stream whose next caller comes after a stall just after the cut', async () => {
    fakeClock();
    const { requests, fetchPage } = catalogue();
    const getMany = createBatcher(fetchPage, 16);
    // 26 callers 10 ms apart (cut at 256 ms), the next 60 ms after the last (a stall), then 10 ms
    // apart again for 500 ms: the batch begun at 310 ms carries on the stream.
    const pending = await callersApart(getMany, numbered(0, 76), (n) => (n === 25 ? 60 : 10));
    await vi.advanceTimersByTimeAsync(1_000);
    await Promise.all(pending);
    expect(requests.map((ids) => ids.length)).toEqual([26, 50]);
  });

  it('takes no wait that ended a frame late for quiet: a caller due in it still joins', async () => {
    fakeClock();
    const { requests, fetchPage } = catalogue();
    const getMany = createBatcher(fetchPage, 16);
    const pending = [getMany(['a'])];
    await vi.advanceTimersByTimeAsync(14);
    // The next caller's timer is due at 19 ms, after the batch's wait (16 ms); then the thread
    // stalls 50 ms (the clock jumps from 14 to 64 ms without running timers), so both are due
    // when it runs again, the batch's first.
    setTimeout(() => pending.push(getMany(['b'])), 5);
    vi.setSystemTime(start + 64);
    await vi.advanceTimersByTimeAsync(5);
    await vi.advanceTimersByTimeAsync(100);
    await Promise.all(pending);
    expect(pending).toHaveLength(2);
    expect(requests).toEqual([['a', 'b']]);
  });

  it('sends nothing before the delay has passed', async () => {
    fakeClock();
    const { fetchPage } = catalogue();
    const pending = createBatcher(fetchPage, 20)(['a']);
    await vi.advanceTimersByTimeAsync(19);
    expect(fetchPage).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    await pending;
    expect(fetchPage).toHaveBeenCalledTimes(1);
  });

  it('starts a new batch for callers after the last one left', async () => {
    fakeClock();
    const { requests, fetchPage } = catalogue();
    const getMany = createBatcher(fetchPage, 0);
    const first = getMany(['a']);
    await vi.advanceTimersByTimeAsync(0);
    await first;
    const second = getMany(['b']);
    await vi.advanceTimersByTimeAsync(0);
    await second;
    expect(requests).toEqual([['a'], ['b']]);
  });

  it('splits a batch into pages of at most the page size', async () => {
    fakeClock();
    const { requests, fetchPage } = catalogue();
    const pending = createBatcher(fetchPage, 0, 2)(['a', 'b', 'c', 'd', 'e']);
    await vi.advanceTimersByTimeAsync(0);
    expect((await pending).items).toHaveLength(5);
    expect(requests).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
  });

  it('answers each id once, in the order asked, and lists the ids not found', async () => {
    fakeClock();
    const { fetchPage } = catalogue();
    const pending = createBatcher(fetchPage, 0)(['c', 'gone-1', 'a', 'c']);
    await vi.advanceTimersByTimeAsync(0);
    expect(await pending).toEqual({ items: [{ id: 'c' }, { id: 'a' }], missing: ['gone-1'] });
  });

  it('rejects an aborting caller at once and aborts the batch when every caller has left', async () => {
    fakeClock();
    const { fetchPage } = catalogue();
    const getMany = createBatcher(fetchPage, 20);
    const one = new AbortController();
    const two = new AbortController();
    const first = getMany(['a'], { signal: one.signal });
    const second = getMany(['b'], { signal: two.signal });
    one.abort(new Error('gone'));
    await expect(first).rejects.toThrow('gone');
    two.abort(new Error('gone too'));
    await expect(second).rejects.toThrow('gone too');
    await vi.advanceTimersByTimeAsync(20);
    // The batch woke up with its signal aborted: the page fetch is handed it, and sends nothing.
    expect(fetchPage.mock.calls.every(([, signal]) => signal.aborted)).toBe(true);
  });
});
