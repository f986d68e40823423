import type { Schemas } from '@zheli/contract';
import { html } from 'lit';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fixture, parts } from '../../test/fixture.js';
import type { ZheliData } from '../internal/data.js';
import './define.js';
import type { ZheliQrCode } from './qr-code.js';

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
  const now = Math.floor(Date.now() / 1000);
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
        issuedAt: new Date().toISOString(),
        expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
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
