import type { Schemas } from '@zheli/contract';
import jsQR from 'jsqr';
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
      expect(part(plain, 'code').viewBox.baseVal.width).toBeLessThan(
        part(qr, 'code').viewBox.baseVal.width,
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
