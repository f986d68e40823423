import {
  createRemoteJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  exportJWK,
  generateKeyPair,
  jwtVerify,
  SignJWT,
} from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  authorize,
  CookieJar,
  exchangeCode,
  type RunningIdentity,
  startIdentity,
  tokenRequest,
} from './test-support.js';

let run: RunningIdentity;
beforeAll(async () => {
  run = await startIdentity();
});
afterAll(async () => {
  await run.stop();
});

describe('discovery', () => {
  it('names the issuer as the server origin and advertises S256 only and the iss parameter', async () => {
    const response = await fetch(`${run.url}/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    const discovery = (await response.json()) as Record<string, unknown>;
    expect(discovery.issuer).toBe(run.url);
    expect(discovery.code_challenge_methods_supported).toEqual(['S256']);
    expect(discovery.authorization_response_iss_parameter_supported).toBe(true);
    expect(discovery.response_types_supported).toEqual(['code']);
    expect(discovery.authorization_endpoint).toBe(`${run.url}/oidc/auth`);
    expect(discovery.token_endpoint).toBe(`${run.url}/oidc/token`);
    expect(discovery.jwks_uri).toBe(`${run.url}/oidc/jwks`);
    expect(discovery.userinfo_endpoint).toBe(`${run.url}/oidc/me`);
    expect(discovery.end_session_endpoint).toBe(`${run.url}/oidc/session/end`);
    expect(discovery.revocation_endpoint).toBe(`${run.url}/oidc/token/revocation`);
    expect(discovery.id_token_signing_alg_values_supported).toEqual(['ES256', 'RS256']);
    expect(discovery.scopes_supported).toEqual([
      'openid',
      'offline_access',
      'profile',
      'phone',
      'identity',
      'appointments',
      'codes',
      'evaluations',
      'applications',
      'points',
      'points:record',
    ]);
  });

  it('advertises no DPoP, because the Open API does not check DPoP proofs', async () => {
    const discovery = (await (
      await fetch(`${run.url}/.well-known/openid-configuration`)
    ).json()) as Record<string, unknown>;
    expect(discovery).not.toHaveProperty('dpop_signing_alg_values_supported');
  });

  it('issues a Bearer token without cnf.jkt even when the client sends a DPoP proof', async () => {
    // The proof's iat comes from the provider's own clock: an ID token it has just issued.
    const { iat } = decodeJwt(
      (await exchangeCode(run.url, await authorize(run.url))).id_token ?? '',
    );
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const proof = await new SignJWT({
      htm: 'POST',
      htu: `${run.url}/oidc/token`,
      jti: crypto.randomUUID(),
      iat,
    })
      .setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk: await exportJWK(publicKey) })
      .sign(privateKey);
    const tokens = await exchangeCode(run.url, await authorize(run.url), { dpop: proof });
    expect(tokens.token_type).toBe('Bearer');
    expect(decodeJwt(tokens.access_token)).not.toHaveProperty('cnf');
  });

  it('publishes an ES256 and an RS256 public key and no private key material', async () => {
    const { keys } = (await (await fetch(`${run.url}/oidc/jwks`)).json()) as {
      keys: Record<string, unknown>[];
    };
    expect(keys.map((key) => key.alg).sort()).toEqual(['ES256', 'RS256']);
    for (const key of keys) {
      expect(key).not.toHaveProperty('d');
      expect(key.kid).toEqual(expect.any(String));
    }
  });

  it('claims the identity paths and nothing else', () => {
    const { handles } = run.identity;
    expect(handles('/.well-known/openid-configuration')).toBe(true);
    expect(handles('/oidc/token')).toBe(true);
    expect(handles('/interaction/abc')).toBe(true);
    expect(handles('/__sandbox/oidc-faults')).toBe(true);
    expect(handles('/v1/services')).toBe(false);
    expect(handles('/__sandbox/faults')).toBe(false);
    expect(handles('/oidcx')).toBe(false);
  });
});

describe('authorization code flow with PKCE', () => {
  it('signs a persona in and returns a code with state and iss, exchanged for a verifiable ID token', async () => {
    const flow = await authorize(run.url, { persona: 'p-xihu-elder' });
    expect(flow.callback.origin + flow.callback.pathname).toBe('http://127.0.0.1:5173/callback');
    expect(flow.callback.searchParams.get('state')).toBe(flow.state);
    expect(flow.callback.searchParams.get('iss')).toBe(run.url);
    expect(flow.callback.searchParams.get('code')).toEqual(expect.any(String));

    const tokens = await exchangeCode(run.url, flow);
    expect(tokens.token_type).toBe('Bearer');
    const jwks = createRemoteJWKSet(new URL(`${run.url}/oidc/jwks`));
    const { payload, protectedHeader } = await jwtVerify(tokens.id_token ?? '', jwks, {
      issuer: run.url,
      audience: 'county-site',
      algorithms: ['ES256'],
    });
    expect(protectedHeader.alg).toBe('ES256');
    expect(payload.sub).toBe('p-xihu-elder');
    expect(payload.nonce).toBe(flow.nonce);
    expect(payload.iat).toEqual(expect.any(Number));
    // profile and phone were granted: masked name and phone, no real-name claims.
    expect(payload.name).toBe('王*英');
    expect(payload.phone_number).toBe('138****2345');
    expect(payload.zoneinfo).toBe('Asia/Shanghai');
    expect(payload).not.toHaveProperty('real_name');
    expect(payload).not.toHaveProperty('id_number');
  });

  it('releases the real name and the masked ID number only with the identity scope', async () => {
    const flow = await authorize(run.url, {
      persona: 'p-xihu-elder',
      scope: 'openid profile identity',
    });
    const tokens = await exchangeCode(run.url, flow);
    const claims = decodeJwt(tokens.id_token ?? '');
    expect(claims.name).toBe('王*英');
    expect(claims.real_name).toBe('王丽英');
    expect(claims.id_number).toBe('330***********0027');
    expect(claims.verification_level).toBe(2);
  });

  it('issues an access token the Open API verifies, with the granted API scopes', async () => {
    const flow = await authorize(run.url, {
      scope: 'openid profile appointments codes offline_access',
    });
    const tokens = await exchangeCode(run.url, flow);
    expect(decodeProtectedHeader(tokens.access_token).typ).toBe('at+jwt');
    const info = await run.identity.verifyAccessToken(tokens.access_token);
    expect(info).toEqual({
      sub: 'p-anji-driver',
      scope: ['profile', 'appointments', 'codes'],
      clientId: 'county-site',
      exp: decodeJwt(tokens.access_token).exp,
    });
    expect(tokens.expires_in).toBe(900);
    expect(tokens.refresh_token).toEqual(expect.any(String));
  });

  it('refuses a public client that sends no PKCE challenge', async () => {
    const jar = new CookieJar();
    const query = new URLSearchParams({
      client_id: 'county-site',
      redirect_uri: 'http://127.0.0.1:5173/callback',
      response_type: 'code',
      scope: 'openid',
      state: 's1',
    });
    const response = await jar.fetch(`${run.url}/oidc/auth?${query}`);
    const location = new URL(response.headers.get('location') ?? '');
    expect(location.origin).toBe('http://127.0.0.1:5173');
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('error_description')).toMatch(/PKCE/);
    expect(location.searchParams.get('code')).toBeNull();
  });

  it('refuses the plain PKCE method', async () => {
    const query = new URLSearchParams({
      client_id: 'county-site',
      redirect_uri: 'http://127.0.0.1:5173/callback',
      response_type: 'code',
      scope: 'openid',
      code_challenge: 'a'.repeat(43),
      code_challenge_method: 'plain',
    });
    const response = await fetch(`${run.url}/oidc/auth?${query}`, { redirect: 'manual' });
    const location = new URL(response.headers.get('location') ?? '');
    expect(location.searchParams.get('error')).toBe('invalid_request');
  });

  it('refuses a code exchange with the wrong verifier', async () => {
    const flow = await authorize(run.url);
    const { status, body } = await tokenRequest(run.url, {
      grant_type: 'authorization_code',
      code: flow.callback.searchParams.get('code') ?? '',
      redirect_uri: flow.redirectUri,
      code_verifier: 'x'.repeat(43),
      client_id: 'county-site',
    });
    expect(status).toBe(400);
    expect(body.error).toBe('invalid_grant');
  });

  it('refuses an unregistered redirect URI without redirecting to it', async () => {
    for (const redirectUri of [
      'http://127.0.0.1:5173/elsewhere',
      'http://evil.example/callback',
      'http://127.0.0.1.evil.example/callback',
      'https://127.0.0.1/callback',
    ]) {
      const query = new URLSearchParams({
        client_id: 'county-site',
        redirect_uri: redirectUri,
        response_type: 'code',
        scope: 'openid',
        code_challenge: 'a'.repeat(43),
        code_challenge_method: 'S256',
      });
      const response = await fetch(`${run.url}/oidc/auth?${query}`, { redirect: 'manual' });
      expect(response.status).toBe(400);
      expect(response.headers.get('location')).toBeNull();
      expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(await response.text()).toContain('redirect_uri');
    }
  });

  it('accepts loopback redirect URIs on any port, for 127.0.0.1 and localhost', async () => {
    for (const redirectUri of [
      'http://127.0.0.1:1/callback',
      'http://127.0.0.1:65535/callback',
      'http://localhost:3000/callback',
      'http://127.0.0.1/callback',
    ]) {
      const flow = await authorize(run.url, { redirectUri });
      expect(flow.callback.href.startsWith(redirectUri)).toBe(true);
      const tokens = await exchangeCode(run.url, flow);
      expect(tokens.id_token).toEqual(expect.any(String));
    }
  });

  it('signs a confidential client in with client_secret_basic', async () => {
    const flow = await authorize(run.url, {
      clientId: 'partner-server',
      redirectUri: 'http://127.0.0.1:8080/auth/callback',
    });
    const { status, body } = await tokenRequest(
      run.url,
      {
        grant_type: 'authorization_code',
        code: flow.callback.searchParams.get('code') ?? '',
        redirect_uri: flow.redirectUri,
        code_verifier: flow.verifier,
        client_id: 'partner-server',
      },
      { secret: 'sandbox-secret' },
    );
    expect(status).toBe(200);
    expect(decodeJwt(String(body.id_token)).aud).toBe('partner-server');
  });

  it('answers CORS for registered loopback origins on any port and refuses others', async () => {
    const flow = await authorize(run.url);
    const allowed = await tokenRequest(
      run.url,
      {
        grant_type: 'authorization_code',
        code: flow.callback.searchParams.get('code') ?? '',
        redirect_uri: flow.redirectUri,
        code_verifier: flow.verifier,
        client_id: 'county-site',
      },
      { origin: 'http://127.0.0.1:5173' },
    );
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5173');

    const other = await authorize(run.url);
    const refused = await tokenRequest(
      run.url,
      {
        grant_type: 'authorization_code',
        code: other.callback.searchParams.get('code') ?? '',
        redirect_uri: other.redirectUri,
        code_verifier: other.verifier,
        client_id: 'county-site',
      },
      { origin: 'http://evil.example' },
    );
    expect(refused.status).toBe(400);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers an unknown persona header with an error page', async () => {
    const jar = new CookieJar();
    const first = await jar.fetch(
      `${run.url}/oidc/auth?${new URLSearchParams({
        client_id: 'county-site',
        redirect_uri: 'http://127.0.0.1:5173/callback',
        response_type: 'code',
        scope: 'openid',
        code_challenge: 'a'.repeat(43),
        code_challenge_method: 'S256',
      })}`,
    );
    const interaction = new URL(first.headers.get('location') ?? '', run.url);
    const page = await jar.fetch(interaction.href, { headers: { 'x-zheli-persona': 'p-nobody' } });
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('unknown_persona');
  });

  it('ends the session on RP-initiated logout and redirects to a loopback URI on any port', async () => {
    const flow = await authorize(run.url);
    const tokens = await exchangeCode(run.url, flow);
    const query = new URLSearchParams({
      id_token_hint: tokens.id_token ?? '',
      post_logout_redirect_uri: 'http://127.0.0.1:5173/',
      state: 'bye',
    });
    const confirm = await flow.jar.fetch(`${run.url}/oidc/session/end?${query}`);
    expect(confirm.status).toBe(200);
    expect(confirm.headers.get('content-security-policy')).toContain("default-src 'self'");
    const html = await confirm.text();
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const done = await flow.jar.fetch(`${run.url}/oidc/session/end/confirm`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ xsrf, logout: 'yes' }),
    });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('http://127.0.0.1:5173/?state=bye');
    // Signed out: the next authorization request needs a sign-in again.
    const again = await flow.jar.fetch(flow.authorizeUrl);
    expect(new URL(again.headers.get('location') ?? '', run.url).pathname).toMatch(
      /^\/interaction\//,
    );
  });

  it('revokes a refresh token at the revocation endpoint', async () => {
    const flow = await authorize(run.url);
    const tokens = await exchangeCode(run.url, flow);
    const revoked = await fetch(`${run.url}/oidc/token/revocation`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: tokens.refresh_token ?? '', client_id: 'county-site' }),
    });
    expect(revoked.status).toBe(200);
    const { status, body } = await tokenRequest(run.url, {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token ?? '',
      client_id: 'county-site',
    });
    expect(status).toBe(400);
    expect(body.error).toBe('invalid_grant');
  });
});

describe('verifyAccessToken', () => {
  it('rejects a token past its expiry on the clock that issued it, whatever the sandbox’s day', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2026-11-20T02:00:00Z'));
      // The sandbox's own clock set a day earlier: the token's lifetime is not read from it.
      const earlier = await startIdentity({ now: () => new Date('2026-11-19T02:00:00Z') });
      try {
        const token = await earlier.identity.mintAccessToken({
          sub: 'p-anji-driver',
          scope: ['appointments'],
          expiresIn: 60,
        });
        expect(await earlier.identity.verifyAccessToken(token)).not.toBeNull();
        vi.setSystemTime(new Date('2026-11-20T02:01:01Z'));
        expect(await earlier.identity.verifyAccessToken(token)).toBeNull();
      } finally {
        await earlier.stop();
      }
    } finally {
      vi.useRealTimers();
    }
  });

  it('rejects a token from another issuer, even one signed with the same kind of key', async () => {
    const other = await startIdentity();
    try {
      const foreign = await other.identity.mintAccessToken({
        sub: 'p-anji-driver',
        scope: ['appointments'],
      });
      expect(await other.identity.verifyAccessToken(foreign)).not.toBeNull();
      expect(await run.identity.verifyAccessToken(foreign)).toBeNull();
    } finally {
      await other.stop();
    }
    const { privateKey } = await generateKeyPair('ES256');
    const forged = await new SignJWT({ scope: 'appointments', client_id: 'county-site' })
      .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt' })
      .setIssuer(run.url)
      .setAudience(`${run.url}/v1`)
      .setSubject('p-anji-driver')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);
    expect(await run.identity.verifyAccessToken(forged)).toBeNull();
  });

  it('rejects a tampered token, an ID token and garbage', async () => {
    const flow = await authorize(run.url);
    const tokens = await exchangeCode(run.url, flow);
    const [header, payload, signature] = tokens.access_token.split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString());
    claims.scope = 'profile phone appointments identity';
    const tampered = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
    expect(await run.identity.verifyAccessToken(tampered)).toBeNull();
    // The ID token is signed by the same key but is not an access token for the API.
    expect(await run.identity.verifyAccessToken(tokens.id_token ?? '')).toBeNull();
    expect(await run.identity.verifyAccessToken('not-a-token')).toBeNull();
    expect(await run.identity.verifyAccessToken('')).toBeNull();
  });
});

describe('mintAccessToken', () => {
  it('mints a token in the same format as a real one, limited to API scopes', async () => {
    const token = await run.identity.mintAccessToken({
      sub: 'p-wuxing-business',
      scope: ['openid', 'profile', 'evaluations'],
      clientId: 'partner-server',
      expiresIn: 120,
    });
    const header = decodeProtectedHeader(token);
    expect(header).toMatchObject({ alg: 'ES256', typ: 'at+jwt' });
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({
      iss: run.url,
      aud: `${run.url}/v1`,
      sub: 'p-wuxing-business',
      client_id: 'partner-server',
      scope: 'profile evaluations',
    });
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(120);
    expect(await run.identity.verifyAccessToken(token)).toEqual({
      sub: 'p-wuxing-business',
      scope: ['profile', 'evaluations'],
      clientId: 'partner-server',
      exp: claims.exp,
    });
  });

  it('refuses unknown personas, clients and scopes', async () => {
    await expect(
      run.identity.mintAccessToken({ sub: 'p-nobody', scope: ['profile'] }),
    ).rejects.toThrow(/no persona/);
    await expect(
      run.identity.mintAccessToken({ sub: 'p-anji-driver', scope: ['profile'], clientId: 'x' }),
    ).rejects.toThrow(/no registered client/);
    await expect(
      run.identity.mintAccessToken({ sub: 'p-anji-driver', scope: ['admin'] }),
    ).rejects.toThrow(/unknown scope/);
  });
});
