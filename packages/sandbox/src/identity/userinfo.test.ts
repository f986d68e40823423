// The userinfo endpoint, driven by a standard relying-party library (openid-client) as a
// partner's app would use it, unmodified: discovery, code + PKCE, then fetchUserInfo.
import {
  allowInsecureRequests,
  authorizationCodeGrant,
  buildAuthorizationUrl,
  calculatePKCECodeChallenge,
  discovery,
  fetchUserInfo,
  None,
  randomPKCECodeVerifier,
  randomState,
} from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personaClaims } from './claims.js';
import {
  followToCallback,
  type RunningIdentity,
  startIdentity,
  testPersonas,
} from './test-support.js';

let run: RunningIdentity;
beforeAll(async () => {
  run = await startIdentity();
});
afterAll(async () => {
  await run.stop();
});

async function signIn(scope: string) {
  const config = await discovery(new URL(run.url), 'county-site', undefined, None(), {
    execute: [allowInsecureRequests],
  });
  const verifier = randomPKCECodeVerifier();
  const state = randomState();
  const authorizeUrl = buildAuthorizationUrl(config, {
    redirect_uri: 'http://127.0.0.1:5173/callback',
    scope,
    state,
    code_challenge: await calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  });
  const callback = await followToCallback(authorizeUrl.href);
  const tokens = await authorizationCodeGrant(config, callback, {
    pkceCodeVerifier: verifier,
    expectedState: state,
  });
  return { config, tokens };
}

describe('userinfo', () => {
  it("answers openid-client's fetchUserInfo with the persona's masked claims for the granted scopes", async () => {
    const { config, tokens } = await signIn('openid profile phone');
    const sub = tokens.claims()?.sub ?? '';
    expect(sub).toBe('p-anji-driver');
    const persona = testPersonas.find((p) => p.sub === sub);
    if (!persona) throw new Error('no test persona p-anji-driver');
    const claims = personaClaims(persona);
    const userinfo = await fetchUserInfo(config, tokens.access_token, sub);
    expect(userinfo).toEqual({
      sub,
      name: claims.name,
      locale: claims.locale,
      zoneinfo: 'Asia/Shanghai',
      region_code: claims.region_code,
      phone_number: claims.phone_number,
      phone_number_verified: true,
    });
    expect(userinfo.name).not.toBe(persona.name);
    expect(userinfo).not.toHaveProperty('real_name');
  });

  it('releases only sub without a claims scope, and refuses a token it did not issue', async () => {
    const { config, tokens } = await signIn('openid appointments');
    expect(await fetchUserInfo(config, tokens.access_token, 'p-anji-driver')).toEqual({
      sub: 'p-anji-driver',
    });
    const refused = await fetch(`${run.url}/oidc/me`, {
      headers: { authorization: 'Bearer not-a-token' },
    });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toMatch(/invalid_token/);
  });
});
