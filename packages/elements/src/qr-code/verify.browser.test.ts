import type { Schemas } from '@zheli/contract';
import { html } from 'lit';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fixture, parts } from '../../test/fixture.js';
import type { ZheliData } from '../internal/data.js';
import './define.js';
import type { ZheliQrCode } from './qr-code.js';

// A fixed instant for the page's clock (Date only: timers stay real), so the codes' issue and
// expiry times and the offline check of `exp` never depend on the day the test runs.
const at = new Date('2026-11-20T02:00:00Z');
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(at);
});
afterEach(() => {
  vi.useRealTimers();
});
afterEach(cleanup);

const issuer = 'http://127.0.0.1:4010';
const encoder = new TextEncoder();
const base64url = (bytes: Uint8Array): string =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

/** A signing key as the platform holds one, and its public half as the JWKS publishes it. */
async function signingKey(kid: string) {
  const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
    'sign',
    'verify',
  ]);
  const { x = '', y = '' } = await crypto.subtle.exportKey('jwk', pair.publicKey);
  const jwk = { kty: 'EC', crv: 'P-256', x, y, kid, alg: 'ES256', use: 'sig' };
  const sign = async (claims: Schemas['CodeClaims']): Promise<string> => {
    const header = base64url(
      encoder.encode(JSON.stringify({ alg: 'ES256', typ: 'zheli-code+jwt', kid })),
    );
    const payload = base64url(encoder.encode(JSON.stringify(claims)));
    const signature = await crypto.subtle.sign(
      { name: 'ECDSA', hash: 'SHA-256' },
      pair.privateKey,
      encoder.encode(`${header}.${payload}`),
    );
    return `${header}.${payload}.${base64url(new Uint8Array(signature))}`;
  };
  return { jwk, sign };
}

function claims(overrides: Partial<Schemas['CodeClaims']> = {}): Schemas['CodeClaims'] {
  const now = Math.floor(at.getTime() / 1000);
  return {
    iss: issuer,
    sub: 'p-anji-driver',
    kind: 'appointment',
    ref: 'apt-7Hq2KfX9',
    status: 'green',
    iat: now,
    exp: now + 3600,
    jti: 'j-1',
    ...overrides,
  };
}

function clientFor(token: string, jwks: Schemas['JsonWebKeySet'], keyCalls: string[]): ZheliData {
  const unused = () => Promise.reject(new Error('not used here'));
  return {
    services: { getMany: unused, search: unused },
    regions: { list: unused, get: unused },
    codes: {
      issue: async (body) => ({
        kind: body.kind,
        token,
        status: 'green',
        issuedAt: at.toISOString(),
        expiresAt: new Date(at.getTime() + 3_600_000).toISOString(),
        refreshAfter: null,
      }),
      keys: async () => {
        keyCalls.push('keys');
        return jwks;
      },
    },
  };
}

describe('<zheli-qr-code> verify()', () => {
  it("verifies the ticket shown offline with @zheli/client's verifyCode and the client's keys", async () => {
    const key = await signingKey('k-2026-11');
    const token = await key.sign(claims());
    const keyCalls: string[] = [];
    const qr = await fixture<ZheliQrCode>(
      html`<zheli-qr-code kind="appointment" appointment-id="apt-7Hq2KfX9"></zheli-qr-code>`,
      { client: clientFor(token, { keys: [key.jwk] }, keyCalls) },
    );
    await expect.poll(() => parts(qr, 'code').length).toBe(1);
    const result = await qr.verify({ issuer });
    expect(result).toEqual({
      valid: true,
      claims: claims({ iat: expect.any(Number), exp: expect.any(Number) }),
    });
    expect(keyCalls).toEqual(['keys']);
  });

  it('reports a forged signature, a wrong issuer and an expired code', async () => {
    const key = await signingKey('k-2026-11');
    const forger = await signingKey('k-2026-11');
    const keyCalls: string[] = [];
    const cases = [
      [await forger.sign(claims()), issuer, 'bad_signature'],
      [await key.sign(claims()), 'https://elsewhere.example', 'wrong_issuer'],
      [await key.sign(claims({ iat: 1_700_000_000, exp: 1_700_000_600 })), issuer, 'expired'],
    ] as const;
    for (const [token, expectedIssuer, reason] of cases) {
      const qr = await fixture<ZheliQrCode>(html`<zheli-qr-code .value=${token}></zheli-qr-code>`, {
        client: clientFor(token, { keys: [key.jwk] }, keyCalls),
      });
      expect(await qr.verify({ issuer: expectedIssuer })).toEqual({ valid: false, reason });
    }
  });
});

describe('<zheli-qr-code kind="venue"> scan to verify, inside the app', () => {
  type Host = Window & { ZWJSBridge?: { scan(): Promise<unknown> } };
  const host = window as Host;
  afterEach(() => {
    delete host.ZWJSBridge;
  });

  /** A venue code shown by the element, with the app's scanner answering `answers` in turn. */
  async function venue(answers: (() => Promise<unknown>)[]) {
    const key = await signingKey('k-2026-11');
    const shown = await key.sign(claims({ kind: 'venue', ref: 'site-330523-inspection' }));
    const keyCalls: string[] = [];
    const client = clientFor(shown, { keys: [key.jwk] }, keyCalls);
    const unused = () => Promise.reject(new Error('not used here'));
    client.sites = {
      venueCode: async () => ({
        kind: 'venue',
        token: shown,
        status: 'green',
        issuedAt: at.toISOString(),
        expiresAt: new Date(at.getTime() + 3_600_000).toISOString(),
        refreshAfter: null,
      }),
      list: unused,
      get: unused,
      slots: unused,
    };
    host.ZWJSBridge = { scan: () => (answers.shift() ?? unused)() };
    const qr = await fixture<ZheliQrCode>(
      html`<zheli-qr-code kind="venue" site-id="site-330523-inspection"></zheli-qr-code>`,
      { client },
    );
    await expect.poll(() => parts(qr, 'scan-button').length).toBe(1);
    const result = () => parts(qr, 'scan-result')[0]?.textContent?.trim();
    const scan = async () => {
      (parts(qr, 'scan-button')[0] as HTMLButtonElement).click();
      await expect.poll(() => result()).not.toMatch(/^$|正在核验/);
      return result();
    };
    return { key, scan, keyCalls, qr };
  }

  it('verifies a scanned venue code offline and says so in a live region', async () => {
    const forger = await signingKey('k-2026-11');
    const forged = await forger.sign(claims({ kind: 'venue', ref: 'site-fake' }));
    const answers: (() => Promise<unknown>)[] = [];
    const { key, scan, keyCalls, qr } = await venue(answers);
    const genuine = await key.sign(claims({ kind: 'venue', ref: 'site-330523-hall' }));
    const ticket = await key.sign(claims({ kind: 'appointment' }));
    answers.push(
      async () => ({ text: genuine }),
      async () => ({ text: forged }),
      async () => ({ text: ticket }),
      async () => ({ text: 'not a code' }),
    );
    expect(await scan()).toBe('核验通过：平台签发的有效场所码（site-330523-hall）。');
    expect(parts(qr, 'scan-result')[0]?.getAttribute('role')).toBe('status');
    expect(await scan()).toBe('核验未通过：这不是平台签发的有效场所码。');
    expect(await scan()).toBe('核验未通过：这不是平台签发的有效场所码。');
    expect(await scan()).toBe('核验未通过：这不是平台签发的有效场所码。');
    // The platform's keys are fetched once for every scan.
    expect(keyCalls).toEqual(['keys']);
  });

  it('says when the person cancelled the scanner, and when the app failed', async () => {
    const errors: unknown[] = [];
    const { scan, qr } = await venue([
      () => Promise.reject({ errorCode: 'USER_CANCEL', errorMessage: 'cancelled' }),
      () => Promise.reject({ errorCode: 'CAMERA_BROKEN', errorMessage: 'broken' }),
    ]);
    qr.addEventListener('zheli-error', (event) => errors.push(event.detail.error));
    expect(await scan()).toBe('已取消扫码。');
    expect(errors).toHaveLength(0);
    expect(await scan()).toBe('无法完成核验，请重试。');
    expect(errors).toHaveLength(1);
  });

  it('offers the scan for a venue code once the app’s bridge arrives, never for other codes', async () => {
    const key = await signingKey('k-2026-11');
    const token = await key.sign(claims());
    const keyCalls: string[] = [];
    const client = clientFor(token, { keys: [key.jwk] }, keyCalls);
    const unused = () => Promise.reject(new Error('not used here'));
    client.sites = {
      venueCode: async () => ({
        kind: 'venue',
        token,
        status: 'green',
        issuedAt: at.toISOString(),
        expiresAt: new Date(at.getTime() + 3_600_000).toISOString(),
        refreshAfter: null,
      }),
      list: unused,
      get: unused,
      slots: unused,
    };
    const ticket = await fixture<ZheliQrCode>(
      html`<zheli-qr-code kind="appointment" appointment-id="apt-7Hq2KfX9"></zheli-qr-code>`,
      { client },
    );
    const place = await fixture<ZheliQrCode>(
      html`<zheli-qr-code kind="venue" site-id="site-330523-inspection"></zheli-qr-code>`,
      { client },
    );
    await expect.poll(() => parts(place, 'code').length).toBe(1);
    await expect.poll(() => parts(ticket, 'code').length).toBe(1);
    expect(parts(place, 'scan-button')).toHaveLength(0);
    // The emulator's bridge arrives after the page started, and says so.
    host.ZWJSBridge = { scan: async () => ({ text: token }) };
    document.dispatchEvent(new Event('ZWJSBridgeReady'));
    await expect.poll(() => parts(place, 'scan-button').length).toBe(1);
    expect(parts(ticket, 'scan-button')).toHaveLength(0);
  });
});
