import { afterEach, describe, expect, it, vi } from 'vitest';
import { CallbackRelay, type RelayWindow, relayChannelName, relayToOpener } from './relay.js';

const origin = 'http://localhost:5173';
const relays: CallbackRelay[] = [];

function relay(target?: EventTarget): CallbackRelay {
  const created = new CallbackRelay('partner-app', origin, target);
  relays.push(created);
  return created;
}

afterEach(() => {
  for (const created of relays.splice(0)) created.close();
});

function fakeWindow(overrides: Partial<RelayWindow> = {}): RelayWindow & {
  posted: unknown[];
  closed: boolean;
} {
  const win = {
    name: '',
    opener: null as unknown,
    parent: undefined as unknown,
    location: { origin },
    posted: [] as unknown[],
    closed: false,
    close() {
      win.closed = true;
    },
    ...overrides,
  };
  if (win.parent === undefined) win.parent = win;
  return win;
}

describe('CallbackRelay', () => {
  it('resolves the sign-in whose state the relayed URL carries', async () => {
    const waiting = relay();
    const url = `${origin}/callback?code=c&state=s-1`;
    const result = waiting.wait('s-1');
    waiting.receive({ type: 'zheli-auth:callback', url });
    await expect(result).resolves.toBe(url);
  });

  it('ignores URLs of another origin, unknown states and foreign messages', async () => {
    const waiting = relay();
    const settled = vi.fn();
    void waiting.wait('s-1').then(settled);
    waiting.receive({ type: 'zheli-auth:callback', url: 'http://evil.example/cb?state=s-1' });
    waiting.receive({ type: 'zheli-auth:callback', url: `${origin}/callback?state=s-2` });
    waiting.receive({ type: 'zheli-auth:callback', url: 'not a url' });
    waiting.receive({ type: 'other', url: `${origin}/callback?state=s-1` });
    waiting.receive('zheli-auth:callback');
    waiting.receive(null);
    await Promise.resolve();
    expect(settled).not.toHaveBeenCalled();
  });

  it('no longer resolves a sign-in once it is cancelled', async () => {
    const waiting = relay();
    const settled = vi.fn();
    void waiting.wait('s-1').then(settled);
    waiting.cancel('s-1');
    waiting.receive({ type: 'zheli-auth:callback', url: `${origin}/callback?state=s-1` });
    await Promise.resolve();
    expect(settled).not.toHaveBeenCalled();
  });

  it('receives the response over the client’s BroadcastChannel', async () => {
    const waiting = relay();
    const url = `${origin}/callback?code=c&state=s-1`;
    const result = waiting.wait('s-1');
    const sender = new BroadcastChannel(relayChannelName('partner-app'));
    sender.postMessage({ type: 'zheli-auth:callback', url });
    sender.close();
    await expect(result).resolves.toBe(url);
  });

  it('takes window messages from its own origin only', async () => {
    const target = new EventTarget();
    const waiting = relay(target);
    const url = `${origin}/callback?code=c&state=s-1`;
    const result = waiting.wait('s-1');
    const data = { type: 'zheli-auth:callback', url };
    target.dispatchEvent(new MessageEvent('message', { data, origin: 'http://evil.example' }));
    const early = vi.fn();
    void result.then(early);
    await Promise.resolve();
    expect(early).not.toHaveBeenCalled();
    target.dispatchEvent(new MessageEvent('message', { data, origin }));
    await expect(result).resolves.toBe(url);
  });

  it('stops listening to window messages when closed', () => {
    const target = new EventTarget();
    const remove = vi.spyOn(target, 'removeEventListener');
    const waiting = relay(target);
    void waiting.wait('s-1');
    waiting.close();
    expect(remove).toHaveBeenCalledWith('message', expect.any(Function));
  });
});

describe('relayToOpener', () => {
  const url = `${origin}/callback?code=c&state=s-1`;

  it('does nothing in a top-level page that has no opener', () => {
    const win = fakeWindow();
    expect(relayToOpener(url, 'partner-app', win)).toBe(false);
    expect(win.closed).toBe(false);
  });

  it('posts the URL to the opener on this origin and closes the popup', () => {
    const posted: [unknown, string][] = [];
    const opener = { postMessage: (message: unknown, to: string) => posted.push([message, to]) };
    const win = fakeWindow({ opener });
    expect(relayToOpener(url, 'partner-app', win)).toBe(true);
    expect(posted).toEqual([[{ type: 'zheli-auth:callback', url }, origin]]);
    expect(win.closed).toBe(true);
  });

  it('posts to the parent from a silent frame and leaves the frame open', () => {
    const posted: unknown[] = [];
    const parent = { postMessage: (message: unknown) => posted.push(message) };
    const win = fakeWindow({ parent });
    expect(relayToOpener(url, 'partner-app', win)).toBe(true);
    expect(posted).toEqual([{ type: 'zheli-auth:callback', url }]);
    expect(win.closed).toBe(false);
  });

  it('still reaches the opening page over BroadcastChannel when the opener is gone', async () => {
    const waiting = relay();
    const result = waiting.wait('s-1');
    const win = fakeWindow({ name: 'zheli-auth-popup-1' });
    expect(relayToOpener(url, 'partner-app', win)).toBe(true);
    await expect(result).resolves.toBe(url);
    expect(win.closed).toBe(true);
  });

  it('survives an opener that throws on postMessage', async () => {
    const opener = {
      postMessage: () => {
        throw new DOMException('cross-origin', 'SecurityError');
      },
    };
    const waiting = relay();
    const result = waiting.wait('s-1');
    expect(relayToOpener(url, 'partner-app', fakeWindow({ opener }))).toBe(true);
    await expect(result).resolves.toBe(url);
  });
});
