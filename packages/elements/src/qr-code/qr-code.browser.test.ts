import type { Schemas } from '@zheli/contract';
import jsqr from 'jsqr';
import { html } from 'lit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import {
  axeViolations,
  cleanup,
  fixture,
  part,
  parts,
  textOf,
  useLocale,
} from '../../test/fixture.js';
import type { ZheliAuth } from '../internal/config.js';
import type { ZheliData } from '../internal/data.js';
import './define.js';
import type { CorrectionLevel } from './encode.js';
import type { ZheliQrCode } from './qr-code.js';

type SignedCode = Schemas['SignedCode'];

// jsQR is CommonJS: its types describe the module, Vite hands over the function.
const jsQR: typeof jsqr.default = typeof jsqr === 'function' ? jsqr : jsqr.default;

afterEach(async () => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  await cleanup();
});

/** Draws the element's SVG on a canvas (4 px per module) and reads it back with jsQR. */
async function decode(element: ZheliQrCode): Promise<{ text: string; version: number } | null> {
  const code = part<SVGSVGElement>(element, 'code');
  const side = code.viewBox.baseVal.width * 4;
  const source = new XMLSerializer().serializeToString(code);
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(source)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = side;
  canvas.height = side;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (context === null) throw new Error('No 2D context');
  context.drawImage(image, 0, 0, side, side);
  const pixels = context.getImageData(0, 0, side, side);
  const found = jsQR(pixels.data, side, side);
  if (found === null) return null;
  // The bytes as read, decoded as UTF-8 (fatal: a wrong byte fails rather than being replaced).
  const text = new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(found.binaryData));
  return { text, version: found.version };
}

/** The colour of the canvas pixel at the centre of the element's code. */
async function centrePixel(element: ZheliQrCode): Promise<number[]> {
  const code = part<SVGSVGElement>(element, 'code');
  const side = code.viewBox.baseVal.width * 4;
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(code))}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = side;
  canvas.height = side;
  const context = canvas.getContext('2d');
  if (context === null) throw new Error('No 2D context');
  context.drawImage(image, 0, 0, side, side);
  return [...context.getImageData(side / 2, side / 2, 1, 1).data];
}

function text(length: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~:/?#';
  return Array.from({ length }, (_, i) => alphabet[(i * 7 + (i >> 3)) % alphabet.length]).join('');
}

const base64url = (bytes: Uint8Array): string =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

/** A real ES256 compact JWS of exactly `length` characters, signed with a fresh key. */
async function jws(length: number): Promise<string> {
  const keys = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
    'sign',
    'verify',
  ]);
  const encoder = new TextEncoder();
  // A base64url part cannot be 4n + 1 characters long: a longer key id shifts the total.
  for (let kid = 0; kid < 3; kid++) {
    const header = base64url(
      encoder.encode(
        JSON.stringify({ alg: 'ES256', typ: 'zheli-code+jwt', kid: `k-2026-11${'a'.repeat(kid)}` }),
      ),
    );
    for (let pad = 0; pad < 400; pad++) {
      const claims = {
        iss: 'http://127.0.0.1:4010',
        sub: 'p-anji-driver',
        kind: 'appointment',
        ref: 'apt-7Hq2KfX9',
        status: 'green',
        iat: 1_795_000_000,
        exp: 1_795_090_000,
        jti: `j-${'x'.repeat(pad)}`,
      };
      const payload = base64url(encoder.encode(JSON.stringify(claims)));
      const signature = new Uint8Array(
        await crypto.subtle.sign(
          { name: 'ECDSA', hash: 'SHA-256' },
          keys.privateKey,
          encoder.encode(`${header}.${payload}`),
        ),
      );
      const token = `${header}.${payload}.${base64url(signature)}`;
      if (token.length === length) return token;
      if (token.length > length) break;
    }
  }
  throw new Error(`No JWS of ${length} characters`);
}

const logo = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#1a56c4"/><circle cx="5" cy="5" r="3" fill="#ffffff"/></svg>',
)}`;

describe('<zheli-qr-code>', () => {
  describe('decoding with an independent reader (jsQR)', () => {
    const levels: CorrectionLevel[] = ['L', 'M', 'Q', 'H'];
    const lengths = [1, 100, 500];
    for (const level of levels) {
      for (const length of lengths) {
        it(`decodes ${length} byte(s) at level ${level} back to the exact value`, async () => {
          const value = text(length);
          const qr = await fixture<ZheliQrCode>(
            html`<zheli-qr-code .value=${value} error-correction=${level}></zheli-qr-code>`,
          );
          expect((await decode(qr))?.text).toBe(value);
        });
      }
    }

    it('uses more modules at a higher correction level for the same value', async () => {
      const value = text(100);
      const versions: number[] = [];
      for (const level of levels) {
        const qr = await fixture<ZheliQrCode>(
          html`<zheli-qr-code .value=${value} error-correction=${level}></zheli-qr-code>`,
        );
        versions.push((await decode(qr))?.version ?? 0);
      }
      expect(versions[0]).toBeGreaterThan(0);
      expect(versions[3]).toBeGreaterThan(versions[0] ?? 0);
      expect([...versions].sort((a, b) => a - b)).toEqual(versions);
    });

    it('decodes Chinese text as UTF-8', async () => {
      const value = '浙里办·机动车检验预约：安吉县机动车检测站，2026年11月24日 09:00–09:30 🚗';
      const qr = await fixture<ZheliQrCode>(html`<zheli-qr-code .value=${value}></zheli-qr-code>`);
      expect((await decode(qr))?.text).toBe(value);
    });

    it('decodes a 500-character signed JWS', async () => {
      const token = await jws(500);
      expect(token).toHaveLength(500);
      const qr = await fixture<ZheliQrCode>(html`<zheli-qr-code .value=${token}></zheli-qr-code>`);
      expect((await decode(qr))?.text).toBe(token);
    });

    it('decodes with a centre logo drawn over the modules (raised to level H)', async () => {
      const token = await jws(500);
      const qr = await fixture<ZheliQrCode>(
        html`<zheli-qr-code .value=${token} error-correction="L" logo=${logo}></zheli-qr-code>`,
      );
      // The logo really is painted over the centre (its white dot), not silently dropped.
      const svgImage = part(qr, 'code').querySelector('image');
      expect(svgImage?.getAttribute('href')).toBe(logo);
      const [r, g, b] = await centrePixel(qr);
      expect([r, g, b]).toEqual([255, 255, 255]);
      expect((await decode(qr))?.text).toBe(token);
      const plain = await fixture<ZheliQrCode>(
        html`<zheli-qr-code .value=${token} error-correction="L"></zheli-qr-code>`,
      );
      expect(part<SVGSVGElement>(plain, 'code').viewBox.baseVal.width).toBeLessThan(
        part<SVGSVGElement>(qr, 'code').viewBox.baseVal.width,
      );
    });

    it('keeps the quiet zone it is given, 4 modules by default', async () => {
      const four = await fixture<ZheliQrCode>(html`<zheli-qr-code value="A"></zheli-qr-code>`);
      const box = part(four, 'code').getAttribute('viewBox');
      expect(box).toBe('-4 -4 29 29');
      const two = await fixture<ZheliQrCode>(
        html`<zheli-qr-code value="A" quiet-zone="2"></zheli-qr-code>`,
      );
      expect(part(two, 'code').getAttribute('viewBox')).toBe('-2 -2 25 25');
    });

    it('is SVG sized by its size attribute, larger in elder mode', async () => {
      const qr = await fixture<ZheliQrCode>(
        html`<zheli-qr-code value="A" size="160"></zheli-qr-code>`,
      );
      expect(part(qr, 'code').getAttribute('width')).toBe('160');
      expect(part(qr, 'code').getBoundingClientRect().width).toBe(160);
      const elder = await fixture<ZheliQrCode>(
        html`<zheli-qr-code value="A" size="160" mode="elder"></zheli-qr-code>`,
      );
      expect(part(elder, 'code').getBoundingClientRect().width).toBe(200);
    });

    it('draws a code in a small shadow tree: one path for the modules, no whitespace-only text', async () => {
      const url = `https://www.zjzwfw.gov.cn/item/${'a'.repeat(68)}`;
      const qr = await fixture<ZheliQrCode>(
        html`<zheli-qr-code value=${url} status="green"></zheli-qr-code>`,
      );
      const nodes: Node[] = [];
      const walker = document.createTreeWalker(qr.shadowRoot as ShadowRoot, NodeFilter.SHOW_ALL);
      for (let at = walker.nextNode(); at; at = walker.nextNode()) nodes.push(at);
      const code = part(qr, 'code');
      expect([...code.children].map((child) => child.localName)).toEqual(['rect', 'path']);
      expect(
        nodes.filter((node) => node.nodeType === Node.TEXT_NODE && node.textContent?.trim() === ''),
      ).toEqual([]);
      // The frame, the code, the status, copy, its live region and the content as text: 25
      // nodes with Lit's markers (there were 57, 26 of them whitespace between tags).
      expect(nodes.length).toBeLessThanOrEqual(25);
    });

    it('draws a plain code from one template: no nested template, no marker for one', async () => {
      const url = `https://www.zjzwfw.gov.cn/item/${'a'.repeat(68)}`;
      const qr = await fixture<ZheliQrCode>(html`<zheli-qr-code value=${url}></zheli-qr-code>`);
      // Every template a render prepares (and clones on first use): the result and those in it.
      const templates = (value: unknown): number =>
        value !== null && typeof value === 'object' && 'strings' in value && 'values' in value
          ? 1 + (value.values as unknown[]).reduce<number>((sum, v) => sum + templates(v), 0)
          : 0;
      expect(templates(qr.render())).toBe(1);
      const names: string[] = [];
      const walker = document.createTreeWalker(qr.shadowRoot as ShadowRoot, NodeFilter.SHOW_ALL);
      for (let at = walker.nextNode(); at; at = walker.nextNode()) names.push(at.nodeName);
      // The markers: Lit's own, then the places of a logo, a status, a countdown and scanning.
      expect(names).toEqual([
        '#comment',
        'DIV',
        'FIGURE',
        'svg',
        'rect',
        'path',
        '#comment',
        '#comment',
        '#comment',
        'DIV',
        'BUTTON',
        '#text',
        'P',
        '#comment',
        'DETAILS',
        'SUMMARY',
        '#text',
        'CODE',
        '#text',
      ]);
    });

    it('says the content is too long instead of throwing, and fires zheli-error', async () => {
      const errors: unknown[] = [];
      document.addEventListener('zheli-error', (event) => errors.push(event.detail.error), {
        once: true,
      });
      const qr = await fixture<ZheliQrCode>(
        html`<zheli-qr-code .value=${text(4000)} error-correction="H"></zheli-qr-code>`,
      );
      expect(textOf(qr)).toContain('内容过长');
      expect(parts(qr, 'code')).toHaveLength(0);
      expect(errors).toHaveLength(1);
    });
  });
});

/** A signed code as the platform returns it, issued `at` (ms) with the personal code's timing. */
function signed(overrides: Partial<SignedCode> & { at?: number } = {}): SignedCode {
  const { at = Date.now(), ...rest } = overrides;
  return {
    kind: 'personal',
    token: `eyJhbGciOiJFUzI1NiJ9.eyJqdGkiOiIke2F0fSJ9.sig-${at}`,
    status: 'green',
    issuedAt: new Date(at).toISOString(),
    expiresAt: new Date(at + 60_000).toISOString(),
    refreshAfter: new Date(at + 30_000).toISOString(),
    ...rest,
  };
}

/** An in-test client with the codes operations, recording each call. */
function fakeCodes(issue: (body: Schemas['IssueCodeRequest']) => Promise<SignedCode>) {
  const calls: string[] = [];
  const unused = () => Promise.reject(new Error('not used here'));
  const client: ZheliData = {
    services: { getMany: unused, search: unused },
    regions: { list: unused, get: unused },
    sites: {
      venueCode: async (siteId) => {
        calls.push(`venueCode ${siteId}`);
        return signed({ kind: 'venue', refreshAfter: null, token: `venue.${siteId}.sig` });
      },
    },
    codes: {
      issue: (body) => {
        calls.push(`issue ${body.kind}${body.appointmentId ? ` ${body.appointmentId}` : ''}`);
        return issue(body);
      },
      keys: async () => ({ keys: [] }),
    },
  };
  return { client, calls };
}

function signedInAuth(signedIn: boolean): ZheliAuth {
  return {
    signIn: async () => undefined,
    signOut: async () => undefined,
    getUser: async () => (signedIn ? { sub: 'p-1', claims: {} } : null),
  };
}

async function settle(element: ZheliQrCode): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await Promise.resolve();
    await element.updateComplete;
  }
}

describe('<zheli-qr-code> platform codes', () => {
  it('fetches a personal code, shows it with a countdown, and refreshes it at refreshAfter', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.setSystemTime(new Date('2026-11-23T10:12:03+08:00'));
    let issued = 0;
    const { client, calls } = fakeCodes(async () => {
      issued += 1;
      return signed({ token: `personal.${issued}.sig` });
    });
    const qr = await fixture<ZheliQrCode>(html`<zheli-qr-code kind="personal"></zheli-qr-code>`, {
      client,
      auth: signedInAuth(true),
    });
    await settle(qr);
    expect(calls).toEqual(['issue personal']);
    expect(part(qr, 'code').getAttribute('aria-label')).toBe('个人服务码（绿码：有效）');
    expect(textOf(part(qr, 'countdown'))).toBe('30 秒后自动刷新');
    expect(textOf(part(qr, 'payload'))).toContain('personal.1.sig');
    const refreshed: string[] = [];
    qr.addEventListener('zheli-code-refresh', (event) => refreshed.push(event.detail.code.token));

    await vi.advanceTimersByTimeAsync(10_000);
    await settle(qr);
    expect(textOf(part(qr, 'countdown'))).toBe('20 秒后自动刷新');
    expect(calls).toHaveLength(1);

    await vi.advanceTimersByTimeAsync(20_000);
    await settle(qr);
    expect(calls).toEqual(['issue personal', 'issue personal']);
    expect(refreshed).toEqual(['personal.2.sig']);
    expect(textOf(part(qr, 'payload'))).toContain('personal.2.sig');
    expect(textOf(part(qr, 'countdown'))).toBe('30 秒后自动刷新');
  });

  it('keeps a valid code while a refresh fails, then shows the expired state with a refresh button', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.setSystemTime(new Date('2026-11-23T10:12:03+08:00'));
    let failing = false;
    const { client, calls } = fakeCodes(async () => {
      if (failing) throw new Error('offline');
      return signed({ token: `personal.${calls.length}.sig` });
    });
    const errors: unknown[] = [];
    const qr = await fixture<ZheliQrCode>(html`<zheli-qr-code kind="personal"></zheli-qr-code>`, {
      client,
    });
    qr.addEventListener('zheli-error', (event) => errors.push(event.detail.error));
    await settle(qr);
    failing = true;
    await vi.advanceTimersByTimeAsync(31_000);
    await settle(qr);
    expect(errors).toHaveLength(1);
    expect(parts(qr, 'code')).toHaveLength(1);
    // Retries every 5 s, never more often, until the code expires at 60 s.
    await vi.advanceTimersByTimeAsync(28_500);
    await settle(qr);
    // The first load, then attempts at 30, 35, 40, 45, 50 and 55 s.
    expect(calls).toHaveLength(7);
    expect(parts(qr, 'code')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_000);
    await settle(qr);
    expect(parts(qr, 'code')).toHaveLength(0);
    expect(textOf(qr)).toContain('二维码已过期');
    // axe schedules its own timers: back to the real clock.
    vi.useRealTimers();
    expect(await axeViolations(qr)).toEqual([]);
    failing = false;
    await userEvent.click(part(qr, 'button'));
    await expect.poll(() => parts(qr, 'code').length).toBe(1);
  });

  it('fetches a venue code through sites.venueCode and a ticket through codes.issue', async () => {
    const { client, calls } = fakeCodes(async (body) =>
      signed({
        kind: 'appointment',
        refreshAfter: null,
        token: `ticket.${body.appointmentId}.sig`,
      }),
    );
    const venue = await fixture<ZheliQrCode>(
      html`<zheli-qr-code kind="venue" site-id="site-330523-inspection"></zheli-qr-code>`,
      { client },
    );
    await expect.poll(() => parts(venue, 'code').length).toBe(1);
    expect(part(venue, 'code').getAttribute('aria-label')).toBe('场所码（绿码：有效）');
    expect((await decode(venue))?.text).toBe('venue.site-330523-inspection.sig');
    const ticket = await fixture<ZheliQrCode>(
      html`<zheli-qr-code kind="appointment" appointment-id="apt-7Hq2KfX9"></zheli-qr-code>`,
      { client },
    );
    await expect.poll(() => parts(ticket, 'code').length).toBe(1);
    expect((await decode(ticket))?.text).toBe('ticket.apt-7Hq2KfX9.sig');
    expect(parts(ticket, 'countdown')).toHaveLength(0);
    expect(calls).toEqual(['venueCode site-330523-inspection', 'issue appointment apt-7Hq2KfX9']);
  });

  it('asks a signed-out person to sign in before showing a personal code', async () => {
    const { client, calls } = fakeCodes(async () => signed());
    let signedIn = false;
    const auth: ZheliAuth = {
      signIn: async () => {
        signedIn = true;
      },
      signOut: async () => undefined,
      getUser: async () => (signedIn ? { sub: 'p-1', claims: {} } : null),
    };
    const qr = await fixture<ZheliQrCode>(html`<zheli-qr-code kind="personal"></zheli-qr-code>`, {
      client,
      auth,
    });
    await expect.poll(() => textOf(qr)).toContain('登录后才能显示个人服务码');
    expect(calls).toEqual([]);
    expect(await axeViolations(qr)).toEqual([]);
    await userEvent.click(part(qr, 'button'));
    await expect.poll(() => parts(qr, 'code').length).toBe(1);
    expect(calls).toEqual(['issue personal']);
  });

  it('treats a 401 from the platform as signed out', async () => {
    const { client } = fakeCodes(() =>
      Promise.reject(
        Object.assign(new Error('unauthorized'), { name: 'ZheliApiError', status: 401 }),
      ),
    );
    const qr = await fixture<ZheliQrCode>(html`<zheli-qr-code kind="personal"></zheli-qr-code>`, {
      client,
    });
    await expect.poll(() => textOf(qr)).toContain('登录后才能显示个人服务码');
  });

  it('shows an error with a retry button and fires zheli-error when fetching fails', async () => {
    let fail = true;
    const { client } = fakeCodes(async () => {
      if (fail) throw new Error('503');
      return signed();
    });
    const errors: unknown[] = [];
    document.addEventListener('zheli-error', (event) => errors.push(event.detail.error), {
      once: true,
    });
    const qr = await fixture<ZheliQrCode>(html`<zheli-qr-code kind="personal"></zheli-qr-code>`, {
      client,
    });
    await expect.poll(() => textOf(qr)).toContain('加载失败');
    expect(errors).toHaveLength(1);
    expect(await axeViolations(qr)).toEqual([]);
    fail = false;
    await userEvent.click(part(qr, 'button'));
    await expect.poll(() => parts(qr, 'code').length).toBe(1);
  });

  it('explains what is missing without a client or without content', async () => {
    const unconfigured = await fixture<ZheliQrCode>(
      html`<zheli-qr-code kind="personal"></zheli-qr-code>`,
      {},
    );
    expect(textOf(unconfigured)).toContain('zheli-config');
    const empty = await fixture<ZheliQrCode>(html`<zheli-qr-code></zheli-qr-code>`);
    expect(textOf(empty)).toContain('value');
    expect(await axeViolations(empty)).toEqual([]);
  });
});

describe('<zheli-qr-code> keeping its size', () => {
  /** The element's box, rounded to the CSS pixel. */
  const box = (qr: ZheliQrCode) => {
    const { width, height } = qr.getBoundingClientRect();
    return { width: Math.round(width), height: Math.round(height) };
  };

  for (const elder of [false, true]) {
    it(`takes the shown code's size while it loads, fails and is retried${elder ? ', in elder mode' : ''}`, async () => {
      // Each fetch waits for the test to answer it, with a code or a failure.
      const answers: { resolve: (code: SignedCode) => void; reject: (error: Error) => void }[] = [];
      const { client } = fakeCodes(
        () => new Promise<SignedCode>((resolve, reject) => answers.push({ resolve, reject })),
      );
      const qr = await fixture<ZheliQrCode>(
        html`<zheli-qr-code kind="personal" mode=${elder ? 'elder' : 'standard'}></zheli-qr-code>`,
        { client, auth: signedInAuth(true) },
      );
      await expect.poll(() => answers.length).toBe(1);
      await expect.poll(() => textOf(part(qr, 'message'))).not.toBe('');
      const loading = box(qr);
      answers[0]?.reject(new Error('503'));
      await expect.poll(() => parts(qr, 'button').length).toBe(1);
      const failed = box(qr);
      await userEvent.click(part(qr, 'button'));
      await expect.poll(() => answers.length).toBe(2);
      answers[1]?.resolve(signed());
      await expect.poll(() => parts(qr, 'code').length).toBe(1);
      const shown = box(qr);
      expect({ loading, failed }).toEqual({ loading: shown, failed: shown });
      expect(await axeViolations(qr)).toEqual([]);
    });
  }

  it('takes the size of a venue code while it loads (no countdown), and exposes no parts twice', async () => {
    let answer: (code: SignedCode) => void = () => undefined;
    const { client } = fakeCodes(async () => signed());
    client.sites = {
      venueCode: () =>
        new Promise<SignedCode>((resolve) => {
          answer = resolve;
        }),
    };
    const qr = await fixture<ZheliQrCode>(
      html`<zheli-qr-code kind="venue" site-id="site-330523-inspection"></zheli-qr-code>`,
      { client },
    );
    await expect.poll(() => textOf(part(qr, 'message'))).not.toBe('');
    const loading = box(qr);
    // The reserved layout beneath the message is invisible and names no parts.
    expect(parts(qr, 'frame')).toHaveLength(0);
    expect(parts(qr, 'copy-button')).toHaveLength(0);
    answer(
      signed({ kind: 'venue', refreshAfter: null, token: 'venue.site-330523-inspection.sig' }),
    );
    await expect.poll(() => parts(qr, 'code').length).toBe(1);
    expect(box(qr)).toEqual(loading);
    expect(parts(qr, 'frame')).toHaveLength(1);
  });
});

describe('<zheli-qr-code> status', () => {
  it.each([
    ['green', '绿码：有效', '✓'],
    ['yellow', '黄码：请注意', '!'],
    ['red', '红码：不予通行', '✕'],
  ] as const)('names the %s status in words and colours the frame', async (status, label, icon) => {
    const { client } = fakeCodes(async () => signed({ status }));
    const qr = await fixture<ZheliQrCode>(html`<zheli-qr-code kind="personal"></zheli-qr-code>`, {
      client,
    });
    await expect.poll(() => parts(qr, 'status').length).toBe(1);
    expect(textOf(part(qr, 'status'))).toBe(`${icon} ${label}`);
    expect(part(qr, 'code').getAttribute('aria-label')).toBe(`个人服务码（${label}）`);
    const frame = getComputedStyle(part(qr, 'frame')).borderTopColor;
    const plain = await fixture<ZheliQrCode>(html`<zheli-qr-code value="x"></zheli-qr-code>`);
    expect(frame).not.toBe(getComputedStyle(part(plain, 'frame')).borderTopColor);
    expect(parts(plain, 'status')).toHaveLength(0);
    expect(await axeViolations(qr)).toEqual([]);
  });

  it('gives the three statuses three different frame colours', async () => {
    const colours = new Set<string>();
    for (const status of ['green', 'yellow', 'red'] as const) {
      const qr = await fixture<ZheliQrCode>(
        html`<zheli-qr-code value="x" status=${status}></zheli-qr-code>`,
      );
      colours.add(getComputedStyle(part(qr, 'frame')).borderTopColor);
    }
    expect(colours.size).toBe(3);
  });
});

describe('<zheli-qr-code> copying', () => {
  it('copies the content and confirms in a live region', async () => {
    const writes: string[] = [];
    vi.spyOn(navigator.clipboard, 'writeText').mockImplementation(async (value) => {
      writes.push(value);
    });
    const qr = await fixture<ZheliQrCode>(
      html`<zheli-qr-code value="浙里办 ticket 42"></zheli-qr-code>`,
    );
    expect(part(qr, 'copy-status').getAttribute('role')).toBe('status');
    expect(textOf(part(qr, 'copy-status'))).toBe('');
    await userEvent.click(part(qr, 'copy-button'));
    await expect.poll(() => textOf(part(qr, 'copy-status'))).toBe('已复制到剪贴板');
    expect(writes).toEqual(['浙里办 ticket 42']);
    expect(textOf(part(qr, 'payload'))).toContain('浙里办 ticket 42');
  });

  it('says so when the clipboard refuses, pointing at the text', async () => {
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new Error('denied'));
    const qr = await fixture<ZheliQrCode>(html`<zheli-qr-code value="abc"></zheli-qr-code>`);
    await userEvent.click(part(qr, 'copy-button'));
    await expect.poll(() => textOf(part(qr, 'copy-status'))).toContain('无法复制');
  });
});

describe('<zheli-qr-code> accessibility', () => {
  it.each(['zh-CN', 'zh-TW', 'en'] as const)(
    'has a localized image label and no axe violation in any state in %s, elder mode included',
    async (locale) => {
      await useLocale(locale);
      const labels = {
        'zh-CN': '个人服务码（黄码：请注意）',
        'zh-TW': '個人服務碼（黃碼：請注意）',
        en: 'Personal service code (Yellow: needs attention)',
      };
      for (const mode of ['standard', 'elder'] as const) {
        const { client } = fakeCodes(async () => signed({ status: 'yellow' }));
        const ready = await fixture<ZheliQrCode>(
          html`<zheli-qr-code kind="personal" mode=${mode}></zheli-qr-code>`,
          { client },
        );
        await expect.poll(() => parts(ready, 'code').length).toBe(1);
        expect(part(ready, 'code').getAttribute('aria-label')).toBe(labels[locale]);
        expect(await axeViolations(ready, mode === 'elder')).toEqual([]);

        const pending = new Promise<SignedCode>(() => {});
        const loading = await fixture<ZheliQrCode>(
          html`<zheli-qr-code kind="personal" mode=${mode}></zheli-qr-code>`,
          { client: fakeCodes(() => pending).client },
        );
        await expect.poll(() => parts(loading, 'message').length).toBe(1);
        expect(await axeViolations(loading, mode === 'elder')).toEqual([]);

        const failed = await fixture<ZheliQrCode>(
          html`<zheli-qr-code kind="personal" mode=${mode}></zheli-qr-code>`,
          { client: fakeCodes(() => Promise.reject(new Error('503'))).client },
        );
        await expect.poll(() => parts(failed, 'button').length).toBe(1);
        expect(await axeViolations(failed, mode === 'elder')).toEqual([]);

        const signedOut = await fixture<ZheliQrCode>(
          html`<zheli-qr-code kind="personal" mode=${mode}></zheli-qr-code>`,
          { client, auth: signedInAuth(false) },
        );
        await expect.poll(() => parts(signedOut, 'button').length).toBe(1);
        expect(await axeViolations(signedOut, mode === 'elder')).toEqual([]);

        const plain = await fixture<ZheliQrCode>(
          html`<zheli-qr-code value="hello" label="Wi-Fi" mode=${mode}></zheli-qr-code>`,
        );
        expect(part(plain, 'code').getAttribute('aria-label')).toBe('Wi-Fi');
        part(plain, 'payload').setAttribute('open', '');
        expect(await axeViolations(plain, mode === 'elder')).toEqual([]);
      }
    },
  );

  it('sets no inline style anywhere in its shadow tree, in any state (strict CSP)', async () => {
    const { client } = fakeCodes(async () => signed({ status: 'red' }));
    const elements = [
      await fixture<ZheliQrCode>(html`<zheli-qr-code kind="personal"></zheli-qr-code>`, {
        client,
      }),
      await fixture<ZheliQrCode>(
        html`<zheli-qr-code value="x" logo=${logo} mode="elder"></zheli-qr-code>`,
      ),
      await fixture<ZheliQrCode>(html`<zheli-qr-code kind="personal"></zheli-qr-code>`, {
        client: fakeCodes(() => Promise.reject(new Error('503'))).client,
      }),
    ];
    await expect.poll(() => parts(elements[0] as ZheliQrCode, 'code').length).toBe(1);
    await expect.poll(() => parts(elements[2] as ZheliQrCode, 'button').length).toBe(1);
    for (const element of elements) {
      const styled = [...(element.shadowRoot?.querySelectorAll('*') ?? [])].filter((node) =>
        node.hasAttribute('style'),
      );
      expect(styled).toEqual([]);
      expect(element.shadowRoot?.querySelectorAll('style')).toHaveLength(0);
    }
  });
});

describe('<zheli-qr-code> moving in the page', () => {
  it('fetches again when it is moved while its first fetch is under way', async () => {
    let release: (code: SignedCode) => void = () => {};
    const { client, calls } = fakeCodes(
      () =>
        new Promise<SignedCode>((resolve) => {
          release = resolve;
        }),
    );
    const qr = await fixture<ZheliQrCode>(html`<zheli-qr-code kind="personal"></zheli-qr-code>`, {
      client,
    });
    await expect.poll(() => calls.length).toBe(1);
    const parent = qr.parentElement;
    qr.remove();
    parent?.append(qr);
    await expect.poll(() => calls.length).toBe(2);
    release(signed({ token: 'personal.moved.sig' }));
    await expect.poll(() => parts(qr, 'code').length).toBe(1);
    expect(textOf(part(qr, 'payload'))).toContain('personal.moved.sig');
  });
});
