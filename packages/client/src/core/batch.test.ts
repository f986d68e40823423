import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBatcher } from './batch.js';

afterEach(() => {
  vi.useRealTimers();
});

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
    vi.useFakeTimers();
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
    vi.useFakeTimers();
    const { requests, fetchPage } = catalogue();
    const getMany = createBatcher(fetchPage, 16);
    const pending = [];
    for (const id of 'abcdefghij') {
      pending.push(getMany([id]));
      await vi.advanceTimersByTimeAsync(5);
    }
    await vi.advanceTimersByTimeAsync(16);
    await Promise.all(pending);
    expect(requests).toEqual([[...'abcdefghij']]);
  });

  it('sends a batch once 250 ms have passed since its first caller while more keep joining', async () => {
    vi.useFakeTimers();
    const { requests, fetchPage } = catalogue();
    const getMany = createBatcher(fetchPage, 16);
    const pending = [];
    for (let n = 0; n < 40; n++) {
      pending.push(getMany([`id-${n}`]));
      await vi.advanceTimersByTimeAsync(10);
    }
    await vi.advanceTimersByTimeAsync(100);
    await Promise.all(pending);
    // The first batch leaves at the end of the wait under way at 250 ms (256 ms): 26 ids.
    expect(requests.map((ids) => ids.length)).toEqual([26, 14]);
  });

  it('sends a stream of fifty callers 12 ms apart (5 ms timers, each late by a card render) in two requests', async () => {
    vi.useFakeTimers();
    const { requests, fetchPage } = catalogue();
    const getMany = createBatcher(fetchPage, 16);
    const pending = [];
    // 600 ms of callers: the first batch leaves at its 250 ms, the rest share the next one.
    for (let n = 0; n < 50; n++) {
      pending.push(getMany([`id-${n}`]));
      await vi.advanceTimersByTimeAsync(12);
    }
    await vi.advanceTimersByTimeAsync(1_000);
    await Promise.all(pending);
    expect(requests).toHaveLength(2);
    expect(requests.flat()).toHaveLength(50);
  });

  it('waits up to 1,000 ms for the batch that carries on a stream, and 250 ms once it paused', async () => {
    vi.useFakeTimers();
    const { requests, fetchPage } = catalogue();
    // Pages of 1,000 ids, so that each batch is one request.
    const getMany = createBatcher(fetchPage, 16, 1_000);
    const pending: Promise<unknown>[] = [];
    const stream = async (from: number, count: number) => {
      for (let n = from; n < from + count; n++) {
        pending.push(getMany([`id-${n}`]));
        await vi.advanceTimersByTimeAsync(10);
      }
    };
    // 1,300 ms of callers 10 ms apart: 256 ms, then up to 1,000 ms more, then the last few,
    // whose batch leaves by quiet and so ends the stream.
    await stream(0, 130);
    await vi.advanceTimersByTimeAsync(20);
    // Less than 250 ms after the last cut, a new 400 ms stream: its first batch leaves at its
    // 250 ms again.
    await stream(1_000, 40);
    await vi.advanceTimersByTimeAsync(1_000);
    await Promise.all(pending);
    expect(requests.map((ids) => ids.length)).toEqual([26, 101, 3, 26, 14]);
  });

  it('carries on a stream whose next caller comes after a stall just after the cut', async () => {
    vi.useFakeTimers();
    const { requests, fetchPage } = catalogue();
    const getMany = createBatcher(fetchPage, 16);
    const pending: Promise<unknown>[] = [];
    // 26 callers 10 ms apart (cut at 256 ms), the next 60 ms after the last (a stall), then 10 ms
    // apart again for 500 ms: the batch begun at 310 ms carries on the stream.
    for (let n = 0; n < 76; n++) {
      pending.push(getMany([`id-${n}`]));
      await vi.advanceTimersByTimeAsync(n === 25 ? 60 : 10);
    }
    await vi.advanceTimersByTimeAsync(1_000);
    await Promise.all(pending);
    expect(requests.map((ids) => ids.length)).toEqual([26, 50]);
  });

  it('takes no wait that ended a frame late for quiet: a caller due in it still joins', async () => {
    vi.useFakeTimers();
    const { requests, fetchPage } = catalogue();
    const getMany = createBatcher(fetchPage, 16);
    const pending = [getMany(['a'])];
    await vi.advanceTimersByTimeAsync(14);
    // The next caller's timer is due at 19 ms, after the batch's wait (16 ms); then the thread
    // stalls 50 ms, so both are due when it runs again, the batch's first.
    setTimeout(() => pending.push(getMany(['b'])), 5);
    vi.setSystemTime(Date.now() + 50);
    await vi.advanceTimersByTimeAsync(5);
    await vi.advanceTimersByTimeAsync(100);
    await Promise.all(pending);
    expect(pending).toHaveLength(2);
    expect(requests).toEqual([['a', 'b']]);
  });

  it('sends nothing before the delay has passed', async () => {
    vi.useFakeTimers();
    const { fetchPage } = catalogue();
    const pending = createBatcher(fetchPage, 20)(['a']);
    await vi.advanceTimersByTimeAsync(19);
    expect(fetchPage).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    await pending;
    expect(fetchPage).toHaveBeenCalledTimes(1);
  });

  it('starts a new batch for callers after the last one left', async () => {
    vi.useFakeTimers();
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
    vi.useFakeTimers();
    const { requests, fetchPage } = catalogue();
    const pending = createBatcher(fetchPage, 0, 2)(['a', 'b', 'c', 'd', 'e']);
    await vi.advanceTimersByTimeAsync(0);
    expect((await pending).items).toHaveLength(5);
    expect(requests).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
  });

  it('answers each id once, in the order asked, and lists the ids not found', async () => {
    vi.useFakeTimers();
    const { fetchPage } = catalogue();
    const pending = createBatcher(fetchPage, 0)(['c', 'gone-1', 'a', 'c']);
    await vi.advanceTimersByTimeAsync(0);
    expect(await pending).toEqual({ items: [{ id: 'c' }, { id: 'a' }], missing: ['gone-1'] });
  });

  it('rejects an aborting caller at once and aborts the batch when every caller has left', async () => {
    vi.useFakeTimers();
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
