import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  bridgeReadyEvent,
  createBridge,
  localeChangeEvent,
  type ZWJSBridgeLike,
} from './bridge.js';
import { isZheliBridgeError, type ZheliBridgeError } from './errors.js';

/** A window as far as the bridge reads one: a document that takes events, a location, history. */
function fakeWindow(bridge?: ZWJSBridgeLike) {
  const document = new EventTarget() as EventTarget & { title: string };
  document.title = 'before';
  const win = {
    ZWJSBridge: bridge,
    document,
    location: { search: '', assign: vi.fn() },
    history: { back: vi.fn() },
    navigator: {},
  };
  return win;
}

function asWindow(win: ReturnType<typeof fakeWindow>): Window {
  return win as unknown as Window;
}

async function rejection(promise: Promise<unknown>): Promise<ZheliBridgeError> {
  const error = await promise.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  if (!isZheliBridgeError(error))
    throw new Error(`expected a ZheliBridgeError, got ${String(error)}`);
  return error;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('createBridge on the server', () => {
  it('reads no window at import or creation, and answers without one', async () => {
    expect(typeof window).toBe('undefined');
    const bridge = createBridge();
    expect(await bridge.inContainer()).toBe(false);
    expect((await rejection(bridge.getTicket())).code).toBe('not_in_container');
    expect((await rejection(bridge.setTitle('x'))).code).toBe('unsupported');
    // Listening to style changes is a no-op that can still be stopped.
    bridge.onUiStyleChange(() => undefined)();
  });
});

describe('detecting the container', () => {
  it('waits for onReady, and calls the bridge once it is ready', async () => {
    vi.useFakeTimers();
    let ready: (() => void) | undefined;
    const win = fakeWindow({
      onReady: (callback) => {
        ready = callback;
      },
      getTicket: async () => ({ ticket: 'zt-1' }),
    });
    const bridge = createBridge({ window: asWindow(win) });
    const ticket = bridge.getTicket();
    await vi.advanceTimersByTimeAsync(999);
    ready?.();
    expect(await ticket).toBe('zt-1');
  });

  it('takes a bridge injected after the page started, on its ready event', async () => {
    vi.useFakeTimers();
    const win = fakeWindow();
    const bridge = createBridge({ window: asWindow(win) });
    const inside = bridge.inContainer();
    await vi.advanceTimersByTimeAsync(500);
    win.ZWJSBridge = { getUiStyle: async () => ({ uiStyle: 'elder' }) };
    win.document.dispatchEvent(new Event(bridgeReadyEvent));
    expect(await inside).toBe(true);
    expect(await bridge.getUiStyle()).toBe('elder');
  });

  it('counts a page with no bridge after the ready timeout as outside, and falls back', async () => {
    vi.useFakeTimers();
    const win = fakeWindow();
    const bridge = createBridge({ window: asWindow(win), readyTimeout: 300 });
    const ticket = rejection(bridge.getTicket({ clientId: 'county-site' }));
    await vi.advanceTimersByTimeAsync(300);
    expect((await ticket).code).toBe('not_in_container');
    await bridge.setTitle('预约');
    expect(win.document.title).toBe('预约');
    await bridge.openLink('https://example.test/apply');
    expect(win.location.assign).toHaveBeenCalledWith('https://example.test/apply');
    await bridge.close();
    expect(win.history.back).toHaveBeenCalledOnce();
    expect(await bridge.getUiStyle()).toBe('normal');
    expect((await rejection(bridge.share({ url: 'https://example.test/' }))).code).toBe(
      'unsupported',
    );
    expect((await rejection(bridge.getLocation())).code).toBe('unsupported');
    expect((await rejection(bridge.scan())).code).toBe('unsupported');
  });

  it('gives up on a bridge that never becomes ready: the ticket times out, the title falls back', async () => {
    vi.useFakeTimers();
    const getTicket = vi.fn(async () => ({ ticket: 'never' }));
    const win = fakeWindow({ onReady: () => {}, getTicket, setTitle: vi.fn() });
    const bridge = createBridge({ window: asWindow(win) });
    const ticket = rejection(bridge.getTicket());
    await vi.advanceTimersByTimeAsync(1000);
    const error = await ticket;
    expect(error.code).toBe('timeout');
    expect(error.message).toBe(
      'getTicket failed (timeout): the container was not ready within 1000 ms',
    );
    expect(getTicket).not.toHaveBeenCalled();
    expect(await bridge.inContainer()).toBe(false);
    await bridge.setTitle('t');
    expect(win.document.title).toBe('t');
  });

  it('counts a bridge whose onReady throws as not ready', async () => {
    const win = fakeWindow({
      onReady: () => {
        throw new Error('broken');
      },
    });
    const bridge = createBridge({ window: asWindow(win) });
    expect(await bridge.inContainer()).toBe(false);
    expect((await rejection(bridge.getTicket())).code).toBe('timeout');
  });
});

describe('calls', () => {
  it('rejects with timeout when the container does not answer in time', async () => {
    vi.useFakeTimers();
    const win = fakeWindow({ getTicket: () => new Promise(() => {}) });
    const bridge = createBridge({ window: asWindow(win), timeout: 5000 });
    const ticket = rejection(bridge.getTicket());
    await vi.advanceTimersByTimeAsync(4999);
    let settled = false;
    ticket.then(() => {
      settled = true;
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect((await ticket).code).toBe('timeout');
  });

  it('gives scan its own, longer timeout', async () => {
    vi.useFakeTimers();
    const win = fakeWindow({ scan: () => new Promise(() => {}) });
    const bridge = createBridge({ window: asWindow(win), timeout: 10, scanTimeout: 60_000 });
    const scan = rejection(bridge.scan());
    await vi.advanceTimersByTimeAsync(59_999);
    const early = await Promise.race([scan, Promise.resolve('pending')]);
    expect(early).toBe('pending');
    await vi.advanceTimersByTimeAsync(1);
    expect((await scan).code).toBe('timeout');
  });

  it('types what a throwing bridge says: cancelled, unsupported, or failed with the cause', async () => {
    const cause = new Error('native crash');
    const win = fakeWindow({
      scan: async () => Promise.reject({ errorCode: 'USER_CANCEL', errorMessage: '用户取消' }),
      share: async () => Promise.reject({ errorCode: 'NOT_SUPPORTED', errorMessage: 'no' }),
      getTicket: () => {
        throw cause;
      },
    });
    const bridge = createBridge({ window: asWindow(win) });
    const cancelled = await rejection(bridge.scan());
    expect([cancelled.code, cancelled.method, cancelled.message]).toEqual([
      'user_cancelled',
      'scan',
      'scan failed (user_cancelled): 用户取消',
    ]);
    expect((await rejection(bridge.share({ title: 't' }))).code).toBe('unsupported');
    const failed = await rejection(bridge.getTicket());
    expect([failed.code, failed.cause]).toEqual(['failed', cause]);
  });

  it('refuses an answer without the value the call promises', async () => {
    const win = fakeWindow({ getTicket: async () => ({}), getLocation: async () => ({}) });
    const bridge = createBridge({ window: asWindow(win) });
    expect((await rejection(bridge.getTicket())).code).toBe('failed');
    expect((await rejection(bridge.getLocation())).code).toBe('failed');
  });

  it('says unsupported for a method the container lacks and that has no fallback', async () => {
    const bridge = createBridge({ window: asWindow(fakeWindow({})) });
    expect(await bridge.inContainer()).toBe(true);
    expect((await rejection(bridge.getTicket())).code).toBe('unsupported');
  });
});

describe('the app’s language', () => {
  it('reads the app’s language as one of the three it offers, whatever way the app writes it', async () => {
    const answers: unknown[] = [
      { locale: 'en' },
      'en-US',
      { language: 'zh_TW' },
      'zh-Hant-HK',
      { locale: 'zh-CN' },
      'zh-Hans',
      { locale: 'ja' },
      {},
    ];
    const bridge = createBridge({
      window: asWindow(fakeWindow({ getLocale: async () => answers.shift() })),
    });
    const read: string[] = [];
    for (let i = 0; i < 8; i += 1) read.push(await bridge.getLocale());
    expect(read).toEqual(['en', 'en', 'zh-TW', 'zh-TW', 'zh-CN', 'zh-CN', 'zh-CN', 'zh-CN']);
  });

  it('tells its listeners when the app switches its language, until they stop listening', () => {
    const win = fakeWindow({});
    const bridge = createBridge({ window: asWindow(win) });
    const seen: string[] = [];
    const stop = bridge.onLocaleChange((locale) => seen.push(locale));
    const change = (detail: unknown) =>
      win.document.dispatchEvent(new CustomEvent(localeChangeEvent, { detail }));
    change({ locale: 'en' });
    change('zh-TW');
    change({ locale: 'zh-CN' });
    stop();
    change({ locale: 'en' });
    expect(seen).toEqual(['en', 'zh-TW', 'zh-CN']);
  });

  it('has no language outside the app, nor from an app that does not say it', async () => {
    vi.useFakeTimers();
    const outside = createBridge({ window: asWindow(fakeWindow()), readyTimeout: 10 });
    const refused = rejection(outside.getLocale());
    await vi.advanceTimersByTimeAsync(10);
    expect((await refused).code).toBe('not_in_container');
    const silent = createBridge({ window: asWindow(fakeWindow({})) });
    expect((await rejection(silent.getLocale())).code).toBe('unsupported');
    // Without a window (server rendering) it listens to nothing.
    createBridge().onLocaleChange(() => undefined)();
  });
});
