import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBridge, uiStyleChangeEvent, type ZWJSBridgeLike } from './bridge.js';
import { isZheliBridgeError, type ZheliBridgeError } from './errors.js';

type TestWindow = Window & { ZWJSBridge?: ZWJSBridgeLike; BarcodeDetector?: unknown };
const page = window as TestWindow;

/** A fake of the app's bridge in this page: records every call, answers like the app. */
function installFakeBridge() {
  const calls: [string, unknown][] = [];
  const record =
    <T>(name: string, answer: T) =>
    async (params?: unknown) => {
      calls.push([name, params]);
      return answer;
    };
  page.ZWJSBridge = {
    onReady: (callback) => setTimeout(callback, 0),
    getUiStyle: record('getUiStyle', { uiStyle: 'elder' }),
    getTicket: record('getTicket', { ticket: 'zt-fake' }),
    scan: record('scan', { text: 'ZJVENUE:330523-anji-hall' }),
    setTitle: record('setTitle', {}),
    openLink: record('openLink', {}),
    close: record('close', {}),
    share: record('share', {}),
    getLocation: record('getLocation', { latitude: 30.63, longitude: 119.68, accuracy: 12 }),
  };
  return calls;
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

const title = document.title;
afterEach(() => {
  delete page.ZWJSBridge;
  delete page.BarcodeDetector;
  document.title = title;
  vi.restoreAllMocks();
});

describe('inside the app (a fake ZWJSBridge in the page)', () => {
  it('calls every method of the bridge with the app’s parameters and reads its answers', async () => {
    const calls = installFakeBridge();
    const bridge = createBridge();
    expect(await bridge.inContainer()).toBe(true);
    expect(await bridge.getUiStyle()).toBe('elder');
    expect(await bridge.getTicket({ clientId: 'county-site', codeChallenge: 'abc' })).toBe(
      'zt-fake',
    );
    expect(await bridge.scan()).toBe('ZJVENUE:330523-anji-hall');
    await bridge.setTitle('预约');
    await bridge.openLink('https://example.test/apply');
    await bridge.close();
    await bridge.share({ title: 'T', text: 'D', url: 'https://example.test/' });
    expect(await bridge.getLocation()).toEqual({
      latitude: 30.63,
      longitude: 119.68,
      accuracy: 12,
    });
    expect(calls).toEqual([
      ['getUiStyle', undefined],
      ['getTicket', { clientId: 'county-site', codeChallenge: 'abc', codeChallengeMethod: 'S256' }],
      ['scan', { type: 'qrCode' }],
      ['setTitle', { title: '预约' }],
      ['openLink', { url: 'https://example.test/apply' }],
      ['close', undefined],
      ['share', { title: 'T', desc: 'D', link: 'https://example.test/' }],
      ['getLocation', undefined],
    ]);
    // The container sets the title: the page's own stays as it was.
    expect(document.title).toBe(title);
  });

  it('tells its listeners when the app switches the style, until they stop listening', () => {
    installFakeBridge();
    const bridge = createBridge();
    const styles: string[] = [];
    const stop = bridge.onUiStyleChange((style) => styles.push(style));
    const change = (detail: unknown) =>
      document.dispatchEvent(new CustomEvent(uiStyleChangeEvent, { detail }));
    change({ uiStyle: 'elder' });
    change('normal');
    change({ uiStyle: 'something-new' });
    stop();
    change({ uiStyle: 'elder' });
    expect(styles).toEqual(['elder', 'normal', 'normal']);
  });
});

describe('outside the app (real Chromium, no bridge)', () => {
  it('sets document.title, and refuses the ticket as not_in_container', async () => {
    const bridge = createBridge({ readyTimeout: 0 });
    await bridge.setTitle('办事');
    expect(document.title).toBe('办事');
    expect((await rejection(bridge.getTicket())).code).toBe('not_in_container');
  });

  it('goes back in history for close', async () => {
    const back = vi.spyOn(history, 'back').mockImplementation(() => {});
    await createBridge({ readyTimeout: 0 }).close();
    expect(back).toHaveBeenCalledOnce();
  });

  it('shares through the Web Share API, and reads its AbortError as user_cancelled', async () => {
    const share = vi.fn(async (_data?: ShareData) => {});
    Object.defineProperty(navigator, 'share', { value: share, configurable: true });
    try {
      const bridge = createBridge({ readyTimeout: 0 });
      await bridge.share({ title: 'T', url: 'https://example.test/' });
      expect(share).toHaveBeenCalledWith({ title: 'T', url: 'https://example.test/' });
      share.mockRejectedValueOnce(new DOMException('Share canceled', 'AbortError'));
      expect((await rejection(bridge.share({ url: 'https://example.test/' }))).code).toBe(
        'user_cancelled',
      );
    } finally {
      Reflect.deleteProperty(navigator, 'share');
    }
  });

  it('answers scan with unsupported where the browser has no BarcodeDetector', async () => {
    expect('BarcodeDetector' in window).toBe(false);
    expect((await rejection(createBridge({ readyTimeout: 0 }).scan())).code).toBe('unsupported');
  });

  it('scans with the camera and BarcodeDetector where the browser has them, then stops the camera', async () => {
    // A real video stream (from a canvas) stands in for the camera; the detector is a fake
    // that finds a code on its third look.
    const canvas = document.createElement('canvas');
    canvas.getContext('2d')?.fillRect(0, 0, 10, 10);
    const stream = canvas.captureStream();
    vi.spyOn(navigator.mediaDevices, 'getUserMedia').mockResolvedValue(stream);
    let looks = 0;
    page.BarcodeDetector = class {
      async detect(source: HTMLVideoElement) {
        expect(source.srcObject).toBe(stream);
        looks += 1;
        return looks < 3 ? [] : [{ rawValue: 'ZJVENUE:330523-anji-hall' }];
      }
    };
    expect(await createBridge({ readyTimeout: 0 }).scan()).toBe('ZJVENUE:330523-anji-hall');
    expect(looks).toBe(3);
    expect(stream.getTracks().every((track) => track.readyState === 'ended')).toBe(true);
  });

  it('stops the camera scan when the page cancels it', async () => {
    const canvas = document.createElement('canvas');
    canvas.getContext('2d')?.fillRect(0, 0, 10, 10);
    const stream = canvas.captureStream();
    vi.spyOn(navigator.mediaDevices, 'getUserMedia').mockResolvedValue(stream);
    page.BarcodeDetector = class {
      async detect() {
        return [];
      }
    };
    const controller = new AbortController();
    const scan = rejection(createBridge({ readyTimeout: 0 }).scan({ signal: controller.signal }));
    setTimeout(() => controller.abort(), 0);
    expect((await scan).code).toBe('user_cancelled');
    expect(stream.getTracks().every((track) => track.readyState === 'ended')).toBe(true);
  });
});
