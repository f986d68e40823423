// The container bridge: longer than 400 lines because each of its nine calls sits beside its
// fallback outside the app (title, share, location, the camera scan), read together; errors are in
// errors.ts.
import { fromBridgeFailure, ZheliBridgeError } from './errors.js';

/**
 * What the platform's app injects as `window.ZWJSBridge`: each method answers with a promise
 * (or a value). The emulator in `@zheli/sandbox` implements the same shape.
 */
export interface ZWJSBridgeLike {
  /**
   * Calls `callback` once the bridge can take calls. A bridge without it counts as ready at once;
   * one that never calls back within `readyTimeout` counts as broken (calls reject with `timeout`
   * or take their fallback).
   */
  onReady?(callback: () => void): void;
  /** The app's style: `'elder'`, `'normal'` or `{ uiStyle }`; anything else reads as `normal`. */
  getUiStyle?(): unknown;
  /**
   * The app's language: a tag (`zh-CN`, `zh_TW`, `en-US`) or `{ locale }` / `{ language }`; a
   * language the SDK does not know reads as `zh-CN`.
   */
  getLocale?(): unknown;
  /**
   * A one-time sign-in ticket for the signed-in person, bound to `clientId` and, when given, to
   * the S256 `codeChallenge`: the ticket string, or `{ ticket }`. An empty answer fails
   * (`failed`); there is no fallback outside the app.
   */
  getTicket?(params: {
    clientId?: string;
    codeChallenge?: string;
    codeChallengeMethod?: 'S256';
  }): unknown;
  /**
   * Opens the app's scanner for a QR code: the decoded text, or `{ text }` or `{ result }`. A
   * rejection whose `code`, `errorCode` or `errorMessage` says `cancel` reads as `user_cancelled`.
   */
  scan?(params: { type: 'qrCode' }): unknown;
  /** Shows `title` in the app's title bar; its answer is ignored. */
  setTitle?(params: { title: string }): unknown;
  /** Opens `url` in a new view of the app; its answer is ignored. */
  openLink?(params: { url: string }): unknown;
  /** Closes the app's view of this page; its answer is ignored. */
  close?(): unknown;
  /**
   * Opens the app's share sheet with a title, a text (`desc`) and an address (`link`); its answer
   * is ignored. A rejection that says `cancel` reads as `user_cancelled`.
   */
  share?(params: { title?: string; desc?: string; link?: string }): unknown;
  /**
   * The device's position: `{ latitude, longitude, accuracy? }` in degrees (WGS 84) and metres,
   * numbers or numeric strings; an answer without both coordinates fails (`failed`).
   */
  getLocation?(): unknown;
}

/** The event a container dispatches on `document` once `window.ZWJSBridge` exists. */
export const bridgeReadyEvent = 'ZWJSBridgeReady';

/**
 * The event a container dispatches on `document` when the person switches the app's style while
 * the page is open; its `detail` is what `getUiStyle` answers (`{ uiStyle }` or the style).
 */
export const uiStyleChangeEvent = 'ZWJSBridgeUiStyleChange';

/**
 * The event a container dispatches on `document` when the person switches the app's language
 * while the page is open; its `detail` is what `getLocale` answers (`{ locale }` or the tag).
 */
export const localeChangeEvent = 'ZWJSBridgeLocaleChange';

/** Options of `createBridge`: how long to wait for the container and its answers. */
export interface BridgeOptions {
  /**
   * Milliseconds to wait for the container: for `ZWJSBridge.onReady` when the bridge is there,
   * for the {@link bridgeReadyEvent} when it is not (yet). After that the page counts as outside
   * the app (no bridge) or the bridge as broken (present, never ready). Read once per bridge.
   * @default 1000
   */
  readyTimeout?: number;
  /**
   * Milliseconds a call waits for the container's answer before it rejects with `timeout`.
   * @default 10000
   */
  timeout?: number;
  /**
   * Milliseconds `scan` waits (a person is aiming a camera).
   * @default 120000
   */
  scanTimeout?: number;
  /**
   * The window to look in; read on the first call, never at import (server rendering safe).
   * @default globalThis.window
   */
  window?: Window;
}

/** The app's display style: `elder` is its large-type mode for older people (长辈版). */
export type UiStyle = 'normal' | 'elder';

/**
 * The app's language, as one of the languages the platform's app offers: 简体中文 (`zh-CN`),
 * 繁體中文 (`zh-TW`) and English (`en`).
 */
export type AppLocale = 'zh-CN' | 'zh-TW' | 'en';

/** What `getTicket` asks the app for: the client, and in browser mode a PKCE challenge. */
export interface TicketRequest {
  /** The client the ticket is for: the platform binds the ticket to it. */
  clientId?: string;
  /** A PKCE-style S256 challenge (browser mode): only the holder of the verifier redeems it. */
  codeChallenge?: string;
}

/** Options of `scan`. */
export interface ScanOptions {
  /** Cancels the camera fallback (rejects with `user_cancelled`). */
  signal?: AbortSignal;
  /** A video element to show the camera in (the fallback outside the app). */
  preview?: HTMLVideoElement;
}

/** What `share` hands to the app's share sheet (or the Web Share API). */
export interface ShareData {
  /** The title of what is shared. */
  title?: string;
  /** A text to share. */
  text?: string;
  /** An address to share. */
  url?: string;
}

/** The device's position, as `getLocation` resolves it. */
export interface Location {
  /** Degrees north (WGS 84). */
  latitude: number;
  /** Degrees east (WGS 84). */
  longitude: number;
  /** Metres, when known. */
  accuracy?: number;
}

/**
 * The app's bridge as typed promises, made by `createBridge`: each call has a timeout, and outside
 * the app a fallback where the web has one.
 */
export interface Bridge {
  /** Whether the page runs inside the platform's app with a ready bridge. */
  inContainer(): Promise<boolean>;
  /** The app's style (`elder` for large type); outside it, the `_uiStyle` URL parameter. */
  getUiStyle(): Promise<UiStyle>;
  /**
   * Calls `listener` with the new style each time the app switches it (the
   * {@link uiStyleChangeEvent}); returns the function that stops listening. Without a window
   * (server rendering) it listens to nothing.
   */
  onUiStyleChange(listener: (style: UiStyle) => void): () => void;
  /**
   * The app's language; only inside the app (outside it the page has `navigator.languages`).
   * A tag the SDK does not know (`ja`) reads as `zh-CN`, the app's default.
   */
  getLocale(): Promise<AppLocale>;
  /**
   * Calls `listener` with the new language each time the app switches it (the
   * {@link localeChangeEvent}); returns the function that stops listening. Without a window
   * (server rendering) it listens to nothing.
   */
  onLocaleChange(listener: (locale: AppLocale) => void): () => void;
  /** A one-time single-sign-on ticket for the signed-in person; only inside the app. */
  getTicket(request?: TicketRequest): Promise<string>;
  /** Scans a QR code and resolves with its text; outside the app, the camera and `BarcodeDetector`. */
  scan(options?: ScanOptions): Promise<string>;
  /** Sets the title bar; outside the app, `document.title`. */
  setTitle(title: string): Promise<void>;
  /** Opens a link in the app's own view; outside it, navigates. */
  openLink(url: string): Promise<void>;
  /** Closes the app's view; outside it, `history.back()`. */
  close(): Promise<void>;
  /** The app's share sheet; outside it, the Web Share API. */
  share(data: ShareData): Promise<void>;
  /** The device's position; outside the app, the Geolocation API. */
  getLocation(): Promise<Location>;
}

type State = 'ready' | 'absent' | 'unready';

interface CallSpec<T> {
  timeout: number;
  read: (answer: unknown) => T;
  /** What to do when the container cannot answer; none means the call needs the container. */
  fallback?: (win: Window) => Promise<T> | T;
}

function bridgeOf(win: Window): ZWJSBridgeLike | undefined {
  const bridge = (win as Window & { ZWJSBridge?: unknown }).ZWJSBridge;
  return typeof bridge === 'object' && bridge !== null ? (bridge as ZWJSBridgeLike) : undefined;
}

function field(answer: unknown, name: string): unknown {
  return typeof answer === 'object' && answer !== null && name in answer
    ? (answer as Record<string, unknown>)[name]
    : undefined;
}

function toUiStyle(answer: unknown): UiStyle {
  const value = typeof answer === 'string' ? answer : field(answer, 'uiStyle');
  return value === 'elder' ? 'elder' : 'normal';
}

/**
 * Reads the app's language from a tag as apps write it (`zh-CN`, `zh_TW`, `zh-Hant-HK`, `en-US`),
 * or from `{ locale }` / `{ language }`: Traditional Chinese (`Hant`, Taiwan, Hong Kong, Macao) is
 * `zh-TW`, other Chinese `zh-CN`, any English `en`; anything else the app's default, `zh-CN`.
 */
function toAppLocale(answer: unknown): AppLocale {
  const value =
    typeof answer === 'string' ? answer : (field(answer, 'locale') ?? field(answer, 'language'));
  const tag = typeof value === 'string' ? value.toLowerCase().replaceAll('_', '-') : '';
  if (tag === 'en' || tag.startsWith('en-')) return 'en';
  return /^zh-(.+-)?(hant|tw|hk|mo)(-|$)/.test(tag) ? 'zh-TW' : 'zh-CN';
}

/**
 * Creates the bridge. Nothing is read from `window` until the first call; the container is
 * detected once and remembered.
 */
export function createBridge(options: BridgeOptions = {}): Bridge {
  const readyTimeout = options.readyTimeout ?? 1000;
  const timeout = options.timeout ?? 10_000;
  const scanTimeout = options.scanTimeout ?? 120_000;
  let detection: Promise<State> | undefined;

  function currentWindow(): Window | undefined {
    return options.window ?? (typeof window === 'undefined' ? undefined : window);
  }

  function waitReady(bridge: ZWJSBridgeLike): Promise<State> {
    if (typeof bridge.onReady !== 'function') return Promise.resolve('ready');
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve('unready'), readyTimeout);
      try {
        bridge.onReady?.(() => {
          clearTimeout(timer);
          resolve('ready');
        });
      } catch {
        clearTimeout(timer);
        resolve('unready');
      }
    });
  }

  function detect(win: Window): Promise<State> {
    const bridge = bridgeOf(win);
    if (bridge) return waitReady(bridge);
    return new Promise((resolve) => {
      const onReady = () => {
        clearTimeout(timer);
        const injected = bridgeOf(win);
        if (injected) waitReady(injected).then(resolve);
        else resolve('absent');
      };
      const timer = setTimeout(() => {
        win.document.removeEventListener(bridgeReadyEvent, onReady);
        resolve('absent');
      }, readyTimeout);
      win.document.addEventListener(bridgeReadyEvent, onReady, { once: true });
    });
  }

  function state(win: Window): Promise<State> {
    detection ??= detect(win);
    return detection;
  }

  function answerWithin<T>(method: string, ms: number, run: () => unknown): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new ZheliBridgeError('timeout', method, `no answer within ${ms} ms`)),
        ms,
      );
      Promise.resolve()
        .then(run)
        .then(
          (answer) => {
            clearTimeout(timer);
            resolve(answer as T);
          },
          (failure: unknown) => {
            clearTimeout(timer);
            reject(fromBridgeFailure(method, failure));
          },
        );
    });
  }

  async function call<T>(
    method: Exclude<keyof ZWJSBridgeLike, 'onReady'>,
    params: unknown,
    spec: CallSpec<T>,
  ): Promise<T> {
    const win = currentWindow();
    if (!win) {
      throw new ZheliBridgeError(
        spec.fallback ? 'unsupported' : 'not_in_container',
        method,
        'no window (server rendering)',
      );
    }
    const found = await state(win);
    const bridge = bridgeOf(win);
    const fn = bridge?.[method] as ((params: unknown) => unknown) | undefined;
    if (found === 'ready' && typeof fn === 'function') {
      const answer = await answerWithin(method, spec.timeout, () => fn.call(bridge, params));
      return spec.read(answer);
    }
    if (spec.fallback) return spec.fallback(win);
    if (found === 'unready') {
      throw new ZheliBridgeError(
        'timeout',
        method,
        `the container was not ready within ${readyTimeout} ms`,
      );
    }
    if (found === 'ready') {
      throw new ZheliBridgeError('unsupported', method, 'the container has no such method');
    }
    throw new ZheliBridgeError(
      'not_in_container',
      method,
      'the page is not inside the platform’s app',
    );
  }

  const ignore = () => undefined;

  return {
    async inContainer() {
      const win = currentWindow();
      return win ? (await state(win)) === 'ready' : false;
    },

    getUiStyle() {
      return call('getUiStyle', undefined, {
        timeout,
        read: toUiStyle,
        fallback: (win) =>
          new URLSearchParams(win.location.search).get('_uiStyle') === 'elder' ? 'elder' : 'normal',
      });
    },

    onUiStyleChange(listener) {
      const doc = currentWindow()?.document;
      if (!doc) return ignore;
      const onChange = (event: Event) =>
        listener(toUiStyle(event instanceof CustomEvent ? event.detail : undefined));
      doc.addEventListener(uiStyleChangeEvent, onChange);
      return () => doc.removeEventListener(uiStyleChangeEvent, onChange);
    },

    getLocale() {
      return call('getLocale', undefined, { timeout, read: toAppLocale });
    },

    onLocaleChange(listener) {
      const doc = currentWindow()?.document;
      if (!doc) return ignore;
      const onChange = (event: Event) =>
        listener(toAppLocale(event instanceof CustomEvent ? event.detail : undefined));
      doc.addEventListener(localeChangeEvent, onChange);
      return () => doc.removeEventListener(localeChangeEvent, onChange);
    },

    getTicket(request = {}) {
      const params = {
        ...(request.clientId ? { clientId: request.clientId } : {}),
        ...(request.codeChallenge
          ? { codeChallenge: request.codeChallenge, codeChallengeMethod: 'S256' as const }
          : {}),
      };
      return call('getTicket', params, {
        timeout,
        read(answer) {
          const ticket = typeof answer === 'string' ? answer : field(answer, 'ticket');
          if (typeof ticket !== 'string' || ticket === '') {
            throw new ZheliBridgeError(
              'failed',
              'getTicket',
              'the container answered without a ticket',
            );
          }
          return ticket;
        },
      });
    },

    scan(scanOptions = {}) {
      return call(
        'scan',
        { type: 'qrCode' },
        {
          timeout: scanTimeout,
          read(answer) {
            const text =
              typeof answer === 'string'
                ? answer
                : (field(answer, 'text') ?? field(answer, 'result'));
            if (typeof text !== 'string') {
              throw new ZheliBridgeError('failed', 'scan', 'the container answered without a text');
            }
            return text;
          },
          fallback: (win) => scanWithCamera(win, scanTimeout, scanOptions),
        },
      );
    },

    setTitle(title) {
      return call(
        'setTitle',
        { title },
        {
          timeout,
          read: ignore,
          fallback(win) {
            win.document.title = title;
          },
        },
      );
    },

    openLink(url) {
      return call(
        'openLink',
        { url },
        {
          timeout,
          read: ignore,
          fallback(win) {
            win.location.assign(url);
          },
        },
      );
    },

    close() {
      return call('close', undefined, {
        timeout,
        read: ignore,
        fallback(win) {
          win.history.back();
        },
      });
    },

    share(data) {
      const params = {
        ...(data.title !== undefined ? { title: data.title } : {}),
        ...(data.text !== undefined ? { desc: data.text } : {}),
        ...(data.url !== undefined ? { link: data.url } : {}),
      };
      return call('share', params, {
        timeout,
        read: ignore,
        async fallback(win) {
          if (typeof win.navigator.share !== 'function') {
            throw new ZheliBridgeError('unsupported', 'share', 'no Web Share API in this browser');
          }
          try {
            await win.navigator.share(data);
          } catch (failure) {
            throw fromBridgeFailure('share', failure);
          }
        },
      });
    },

    getLocation() {
      return call('getLocation', undefined, {
        timeout,
        read(answer) {
          const latitude = Number(field(answer, 'latitude'));
          const longitude = Number(field(answer, 'longitude'));
          if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) {
            throw new ZheliBridgeError(
              'failed',
              'getLocation',
              'the container answered without a position',
            );
          }
          const accuracy = Number(field(answer, 'accuracy'));
          return { latitude, longitude, ...(Number.isFinite(accuracy) ? { accuracy } : {}) };
        },
        fallback: (win) => locate(win, timeout),
      });
    },
  };
}

function locate(win: Window, ms: number): Promise<Location> {
  const geolocation = win.navigator.geolocation;
  if (!geolocation) {
    return Promise.reject(
      new ZheliBridgeError('unsupported', 'getLocation', 'no Geolocation API in this browser'),
    );
  }
  return new Promise((resolve, reject) => {
    geolocation.getCurrentPosition(
      ({ coords }) =>
        resolve({
          latitude: coords.latitude,
          longitude: coords.longitude,
          accuracy: coords.accuracy,
        }),
      (error) => {
        const code =
          error.code === error.PERMISSION_DENIED
            ? 'user_cancelled'
            : error.code === error.TIMEOUT
              ? 'timeout'
              : 'unsupported';
        reject(new ZheliBridgeError(code, 'getLocation', error.message, { cause: error }));
      },
      { timeout: ms },
    );
  });
}

interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<DetectedBarcode[]>;
}
type BarcodeDetectorClass = new (options: { formats: string[] }) => BarcodeDetectorLike;

/** How often the camera fallback looks at the video for a code. */
const scanInterval = 150;

async function scanWithCamera(win: Window, ms: number, options: ScanOptions): Promise<string> {
  const Detector = (win as Window & { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  const media = win.navigator.mediaDevices;
  if (typeof Detector !== 'function' || typeof media?.getUserMedia !== 'function') {
    throw new ZheliBridgeError(
      'unsupported',
      'scan',
      'no BarcodeDetector or camera in this browser',
    );
  }
  if (options.signal?.aborted) {
    throw new ZheliBridgeError('user_cancelled', 'scan', 'cancelled before it started');
  }
  let stream: MediaStream;
  try {
    stream = await media.getUserMedia({ video: { facingMode: 'environment' } });
  } catch (failure) {
    const denied = failure instanceof Error && failure.name === 'NotAllowedError';
    throw new ZheliBridgeError(
      denied ? 'user_cancelled' : 'unsupported',
      'scan',
      denied ? 'camera permission refused' : 'no camera',
      { cause: failure },
    );
  }
  const video = options.preview ?? win.document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = stream;
  const detector = new Detector({ formats: ['qr_code'] });
  try {
    await video.play();
    return await new Promise<string>((resolve, reject) => {
      let poll: ReturnType<typeof setTimeout> | undefined;
      let settled = false;
      const finish = (done: () => void) => {
        settled = true;
        clearTimeout(deadline);
        clearTimeout(poll);
        options.signal?.removeEventListener('abort', onAbort);
        done();
      };
      const onAbort = () =>
        finish(() => reject(new ZheliBridgeError('user_cancelled', 'scan', 'cancelled')));
      const deadline = setTimeout(
        () =>
          finish(() => reject(new ZheliBridgeError('timeout', 'scan', `no code within ${ms} ms`))),
        ms,
      );
      options.signal?.addEventListener('abort', onAbort, { once: true });
      if (options.signal?.aborted) return onAbort();
      const look = () => {
        detector.detect(video).then(
          (codes) => {
            if (settled) return;
            const code = codes.find((candidate) => candidate.rawValue);
            if (code) finish(() => resolve(code.rawValue));
            else poll = setTimeout(look, scanInterval);
          },
          (failure: unknown) => finish(() => reject(fromBridgeFailure('scan', failure))),
        );
      };
      look();
    });
  } finally {
    for (const track of stream.getTracks()) track.stop();
    video.srcObject = null;
  }
}
