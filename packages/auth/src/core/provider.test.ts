import { SignJWT } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clientId, startTestIssuer, type TestIssuer } from '../../test/support/issuer.ts';
import { type AuthErrorReason, ZheliAuthError } from './errors.js';
import { Provider } from './provider.js';

let issuer: TestIssuer;
let provider: Provider;

function makeProvider(authority = issuer.url, clockSkewSeconds = 360): Provider {
  return new Provider({
    authority,
    clientId,
    clientAuth: { method: 'none' },
    fetch: (input, init) => fetch(input, init),
    timeoutMs: 5000,
    clockSkewSeconds,
    now: () => new Date(),
  });
}

beforeEach(async () => {
  issuer = await startTestIssuer();
  provider = makeProvider();
});
afterEach(() => issuer.stop());

async function rejection(promise: Promise<unknown>): Promise<ZheliAuthError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ZheliAuthError);
  return error as ZheliAuthError;
}

async function expectInvalid(token: Promise<string>, reason: AuthErrorReason, extra = {}) {
  const error = await rejection(provider.validateIdToken(await token, { nonce: 'n-1', ...extra }));
  expect({ code: error.code, reason: error.reason }).toEqual({ code: 'invalid_id_token', reason });
}

const now = () => Math.floor(Date.now() / 1000);

describe('ID token validation', () => {
  it('accepts a token signed by the issuer with the right claims', async () => {
    const claims = await provider.validateIdToken(await issuer.sign(), { nonce: 'n-1' });
    expect(claims.sub).toBe('p-anji-driver');
  });

  it('rejects alg none even when discovery lists it', () =>
    expectInvalid(
      Promise.resolve(
        `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(
          JSON.stringify({
            iss: issuer.url,
            sub: 's',
            aud: clientId,
            iat: now(),
            exp: now() + 60,
            nonce: 'n-1',
          }),
        ).toString('base64url')}.`,
      ),
      'alg',
    ));

  it('rejects an HMAC-signed token (the client has no secret to check it with)', () =>
    expectInvalid(
      new SignJWT({ iss: issuer.url, sub: 's', aud: clientId, iat: now(), exp: now() + 60 })
        .setProtectedHeader({ alg: 'HS256' })
        .sign(new TextEncoder().encode('x'.repeat(32))),
      'alg',
    ));

  it('rejects a bad signature', async () => {
    const token = await issuer.sign();
    const [h, p, s = ''] = token.split('.');
    const flipped = `${s.slice(0, -2)}${s.at(-2) === 'A' ? 'B' : 'A'}${s.at(-1)}`;
    await expectInvalid(Promise.resolve(`${h}.${p}.${flipped}`), 'signature');
  });

  it('rejects a tampered payload', async () => {
    const token = await issuer.sign();
    const [h, , s] = token.split('.');
    const payload = Buffer.from(
      JSON.stringify({
        iss: issuer.url,
        sub: 'p-someone-else',
        aud: clientId,
        iat: now(),
        exp: now() + 60,
        nonce: 'n-1',
      }),
    ).toString('base64url');
    await expectInvalid(Promise.resolve(`${h}.${payload}.${s}`), 'signature');
  });

  it('refetches the JWKS once for an unknown kid, then rejects', async () => {
    await provider.validateIdToken(await issuer.sign(), { nonce: 'n-1' });
    expect(issuer.jwksFetches).toBe(1);
    await expectInvalid(issuer.signWithUnpublishedKey(), 'kid');
    expect(issuer.jwksFetches).toBe(2);
  });

  it('accepts a token signed with a rotated-in key after one JWKS refetch', async () => {
    await provider.validateIdToken(await issuer.sign(), { nonce: 'n-1' });
    await issuer.rotate();
    const claims = await provider.validateIdToken(await issuer.sign(), { nonce: 'n-1' });
    expect(claims.sub).toBe('p-anji-driver');
    expect(issuer.jwksFetches).toBe(2);
  });

  it('rejects a wrong issuer', () =>
    expectInvalid(issuer.sign({ iss: 'https://evil.example' }), 'iss'));
  it('rejects a wrong audience', () => expectInvalid(issuer.sign({ aud: 'other-app' }), 'aud'));
  it('rejects a missing audience', () => expectInvalid(issuer.sign({ aud: undefined }), 'aud'));
  it('rejects a missing iat', () => expectInvalid(issuer.sign({ iat: undefined }), 'iat'));
  it('rejects a missing sub', () => expectInvalid(issuer.sign({ sub: undefined }), 'sub'));
  it('rejects an expired token', () => expectInvalid(issuer.sign({ exp: now() - 3600 }), 'exp'));
  it('rejects a token issued in the future beyond the leeway', () =>
    expectInvalid(issuer.sign({ iat: now() + 3600 }), 'iat'));
  it('rejects a token not yet valid', () =>
    expectInvalid(issuer.sign({ nbf: now() + 3600 }), 'nbf'));

  it('tolerates a clock five minutes off within the default leeway', async () => {
    const ahead = await issuer.sign({ iat: now() + 300, exp: now() + 600 });
    const behind = await issuer.sign({ iat: now() - 900, exp: now() - 300 + 30 });
    await expect(provider.validateIdToken(ahead, { nonce: 'n-1' })).resolves.toBeTruthy();
    await expect(provider.validateIdToken(behind, { nonce: 'n-1' })).resolves.toBeTruthy();
  });

  it('honours a configured leeway', async () => {
    provider = makeProvider(issuer.url, 0);
    await expectInvalid(issuer.sign({ exp: now() - 5 }), 'exp');
  });

  it('requires azp with several audiences, and azp must be this client', async () => {
    await expectInvalid(issuer.sign({ aud: [clientId, 'api'] }), 'azp');
    await expectInvalid(issuer.sign({ aud: [clientId, 'api'], azp: 'api' }), 'azp');
    const ok = await issuer.sign({ aud: [clientId, 'api'], azp: clientId });
    await expect(provider.validateIdToken(ok, { nonce: 'n-1' })).resolves.toBeTruthy();
  });

  it('rejects a wrong nonce with nonce_mismatch', async () => {
    const error = await rejection(
      provider.validateIdToken(await issuer.sign({ nonce: 'other' }), { nonce: 'n-1' }),
    );
    expect(error.code).toBe('nonce_mismatch');
  });

  it('rejects a refreshed token naming another subject', () =>
    expectInvalid(issuer.sign({ sub: 'p-xihu-elder' }), 'sub', { sub: 'p-anji-driver' }));
});

describe('discovery and the authorization response issuer', () => {
  it('rejects a discovery document whose issuer is not the authority', async () => {
    issuer.discovery.issuer = 'http://127.0.0.1:1';
    const error = await rejection(provider.metadata());
    expect({ code: error.code, reason: error.reason }).toEqual({
      code: 'issuer_mismatch',
      reason: 'discovery',
    });
  });

  it('does not treat a trailing slash as the same issuer', async () => {
    const error = await rejection(makeProvider(`${issuer.url}/`).metadata());
    expect(error.code).toBe('issuer_mismatch');
  });

  it('rejects a wrong iss response parameter and a missing one the provider promised', async () => {
    const wrong = await rejection(
      provider.checkIssParameter(new URLSearchParams({ code: 'c', iss: 'https://evil.example' })),
    );
    expect(wrong.reason).toBe('iss_parameter_wrong');
    const missing = await rejection(provider.checkIssParameter(new URLSearchParams({ code: 'c' })));
    expect(missing.reason).toBe('iss_parameter_missing');
    await expect(
      provider.checkIssParameter(new URLSearchParams({ code: 'c', iss: issuer.url })),
    ).resolves.toBeUndefined();
  });

  it('accepts a missing iss parameter when the provider does not promise one', async () => {
    issuer.discovery.authorization_response_iss_parameter_supported = false;
    await expect(
      provider.checkIssParameter(new URLSearchParams({ code: 'c' })),
    ).resolves.toBeUndefined();
  });
});
