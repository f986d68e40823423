import { CompactSign, exportJWK, generateKeyPair } from 'jose';
import { describe, expect, it, vi } from 'vitest';
import { type CodeClaims, type JsonWebKeySet, verifyCode } from './index.js';

const issuer = 'http://127.0.0.1:4010';
const issuedAt = Date.parse('2026-11-23T10:00:00+08:00') / 1000;
const at = (seconds: number) => () => new Date((issuedAt + seconds) * 1000);

async function keyPair(kid: string) {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid, use: 'sig', alg: 'ES256' };
  return { privateKey, jwk: jwk as JsonWebKeySet['keys'][number] };
}

const current = await keyPair('code-2026-11');
const other = await keyPair('code-2026-11');
const next = await keyPair('code-2026-12');
const jwks: JsonWebKeySet = { keys: [current.jwk] };

const claims = (extra: Partial<Record<keyof CodeClaims, unknown>> = {}) => ({
  iss: issuer,
  sub: 'p-anji-driver',
  kind: 'appointment',
  ref: 'apt-7Hq2KfX9',
  status: 'green',
  iat: issuedAt,
  exp: issuedAt + 3600,
  jti: 'cd-5b1f0e2a',
  ...extra,
});

async function sign(
  payload: unknown,
  { key = current, header = {} }: { key?: typeof current; header?: Record<string, unknown> } = {},
) {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: 'ES256', typ: 'zheli-code+jwt', kid: key.jwk.kid, ...header })
    .sign(key.privateKey);
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('verifyCode', () => {
  it('accepts a code signed by a published key and returns its claims', async () => {
    const result = await verifyCode(await sign(claims()), { jwks, issuer, now: at(60) });
    expect(result).toEqual({ valid: true, claims: claims() });
  });

  it('reports bad_signature for a code signed by another key under the same kid', async () => {
    const token = await sign(claims(), { key: other });
    expect(await verifyCode(token, { jwks, issuer, now: at(60) })).toEqual({
      valid: false,
      reason: 'bad_signature',
    });
  });

  it('reports bad_signature for a code whose payload was altered after signing', async () => {
    const [header, , signature] = (await sign(claims())).split('.');
    const forged = `${header}.${b64(claims({ sub: 'p-someone-else' }))}.${signature}`;
    expect(await verifyCode(forged, { jwks, issuer, now: at(60) })).toMatchObject({
      reason: 'bad_signature',
    });
  });

  it('reports bad_signature for alg none and other algorithms the platform does not use', async () => {
    const unsigned = `${b64({ alg: 'none', typ: 'zheli-code+jwt', kid: 'code-2026-11' })}.${b64(claims())}.`;
    expect(await verifyCode(unsigned, { jwks, issuer, now: at(60) })).toMatchObject({
      reason: 'bad_signature',
    });
  });

  it('reports unknown_key for a kid the key set does not hold', async () => {
    const token = await sign(claims(), { key: next });
    expect(await verifyCode(token, { jwks, issuer, now: at(60) })).toMatchObject({
      valid: false,
      reason: 'unknown_key',
    });
  });

  it('reports wrong_issuer for a code from another issuer', async () => {
    const token = await sign(claims({ iss: 'https://evil.example' }));
    expect(await verifyCode(token, { jwks, issuer, now: at(60) })).toMatchObject({
      reason: 'wrong_issuer',
    });
  });

  it('reports wrong_kind when the code is not of an accepted kind', async () => {
    const token = await sign(claims({ kind: 'personal' }));
    expect(
      await verifyCode(token, { jwks, issuer, kind: 'appointment', now: at(60) }),
    ).toMatchObject({ reason: 'wrong_kind' });
    expect(
      await verifyCode(token, { jwks, issuer, kind: ['venue', 'personal'], now: at(60) }),
    ).toMatchObject({ valid: true });
  });

  it('judges expiry by the injected clock, with the tolerance', async () => {
    const token = await sign(claims());
    const verify = (seconds: number, clockTolerance?: number) =>
      verifyCode(token, { jwks, issuer, now: at(seconds), clockTolerance });
    expect(await verify(3600 + 59)).toMatchObject({ valid: true });
    expect(await verify(3600 + 60)).toMatchObject({ valid: false, reason: 'expired' });
    expect(await verify(3600, 0)).toMatchObject({ reason: 'expired' });
    expect(await verify(3599, 0)).toMatchObject({ valid: true });
  });

  it('reports not_yet_valid for a code issued later than the clock says', async () => {
    const token = await sign(claims());
    expect(await verifyCode(token, { jwks, issuer, now: at(-61) })).toMatchObject({
      reason: 'not_yet_valid',
    });
    expect(await verifyCode(token, { jwks, issuer, now: at(-59) })).toMatchObject({
      valid: true,
    });
  });

  it('reports malformed for text that is not a compact JWS, a wrong typ, or missing claims', async () => {
    const options = { jwks, issuer, now: at(60) };
    expect(await verifyCode('not a code', options)).toMatchObject({ reason: 'malformed' });
    expect(await verifyCode('', options)).toMatchObject({ reason: 'malformed' });
    expect(
      await verifyCode(await sign(claims(), { header: { typ: 'JWT' } }), options),
    ).toMatchObject({ reason: 'malformed' });
    const { jti: _, ...withoutJti } = claims();
    expect(await verifyCode(await sign(withoutJti), options)).toMatchObject({
      reason: 'malformed',
    });
    expect(await verifyCode(await sign(claims({ exp: '2027' })), options)).toMatchObject({
      reason: 'malformed',
    });
    expect(await verifyCode(await sign([1, 2]), options)).toMatchObject({ reason: 'malformed' });
  });

  describe('with a key set fetched on demand', () => {
    it('fetches the keys once and reuses them while younger than maxKeyAge', async () => {
      const fetchKeys = vi.fn(async () => jwks);
      const token = await sign(claims());
      const options = { jwks: fetchKeys, issuer, maxKeyAge: 600 };
      await verifyCode(token, { ...options, now: at(0) });
      await verifyCode(token, { ...options, now: at(600) });
      expect(fetchKeys).toHaveBeenCalledTimes(1);
      expect(await verifyCode(token, { ...options, now: at(601) })).toMatchObject({ valid: true });
      expect(fetchKeys).toHaveBeenCalledTimes(2);
    });

    it('fetches the keys again once when a code names a key it does not hold (rotation)', async () => {
      let published: JsonWebKeySet = jwks;
      const fetchKeys = vi.fn(async () => published);
      const options = { jwks: fetchKeys, issuer };
      expect(await verifyCode(await sign(claims()), { ...options, now: at(0) })).toMatchObject({
        valid: true,
      });
      published = { keys: [current.jwk, next.jwk] };
      const rotated = await sign(claims(), { key: next });
      expect(await verifyCode(rotated, { ...options, now: at(60) })).toMatchObject({
        valid: true,
      });
      expect(fetchKeys).toHaveBeenCalledTimes(2);
    });

    it('does not fetch again for every unknown kid within the cooldown', async () => {
      const fetchKeys = vi.fn(async () => jwks);
      const options = { jwks: fetchKeys, issuer };
      const unknown = await sign(claims(), { key: next });
      await verifyCode(await sign(claims()), { ...options, now: at(0) });
      for (const seconds of [1, 2, 3]) {
        expect(await verifyCode(unknown, { ...options, now: at(seconds) })).toMatchObject({
          reason: 'unknown_key',
        });
      }
      expect(fetchKeys).toHaveBeenCalledTimes(1);
    });

    it('keeps verifying with the keys it holds when a later fetch fails', async () => {
      const fetchKeys = vi
        .fn<() => Promise<JsonWebKeySet>>()
        .mockResolvedValueOnce(jwks)
        .mockRejectedValue(new TypeError('fetch failed'));
      const token = await sign(claims());
      const options = { jwks: fetchKeys, issuer, maxKeyAge: 60 };
      await verifyCode(token, { ...options, now: at(0) });
      expect(await verifyCode(token, { ...options, now: at(120) })).toMatchObject({
        valid: true,
      });
      expect(fetchKeys).toHaveBeenCalledTimes(2);
    });

    it('rejects when the first fetch fails: without keys nothing can be verified', async () => {
      const fetchKeys = async (): Promise<JsonWebKeySet> =>
        Promise.reject(new TypeError('fetch failed'));
      await expect(verifyCode(await sign(claims()), { jwks: fetchKeys, issuer })).rejects.toThrow(
        'fetch failed',
      );
    });
  });
});
