import {
  compactVerify,
  createLocalJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  type JSONWebKeySet,
} from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type IdTokenFaultKind,
  idTokenFaultKinds,
  wrongAudience,
  wrongIssuer,
  wrongNonce,
} from './faults.js';
import {
  authorize,
  crossOriginPreflight,
  exchangeCode,
  type FlowResult,
  type RunningIdentity,
  refresh,
  startIdentity,
  tokenRequest,
} from './test-support.js';

let run: RunningIdentity;
let jwks: JSONWebKeySet;
beforeAll(async () => {
  run = await startIdentity();
  jwks = (await (await fetch(`${run.url}/oidc/jwks`)).json()) as JSONWebKeySet;
});
afterAll(async () => {
  await run.stop();
});
afterEach(() => {
  run.identity.oidcFaults.clear();
});

type Check =
  | 'alg'
  | 'kid'
  | 'signature'
  | 'iss'
  | 'aud'
  | 'aud_present'
  | 'iat_present'
  | 'not_expired'
  | 'started'
  | 'nonce'
  | 'sub';

/**
 * Every property a relying party checks on an ID token, each its own check, arranged so that
 * one defect fails exactly one check: the signature is judged only when the algorithm is
 * acceptable and the key is known; `aud` only when present; the start time only from the
 * claims present.
 */
async function failedChecks(
  idToken: string,
  expected: { nonce: string; sub: string; clientId: string },
): Promise<Check[]> {
  const header = decodeProtectedHeader(idToken);
  const claims = decodeJwt(idToken);
  const now = Math.floor(Date.now() / 1000);
  const algOk = header.alg === 'ES256' || header.alg === 'RS256';
  const kidKnown = jwks.keys.some((key) => key.kid === header.kid && key.alg === header.alg);
  let signatureOk = true;
  if (algOk && kidKnown) {
    signatureOk = await compactVerify(idToken, createLocalJWKSet(jwks)).then(
      () => true,
      () => false,
    );
  }
  const checks: Record<Check, boolean> = {
    alg: algOk,
    kid: !algOk || kidKnown,
    signature: signatureOk,
    iss: claims.iss === run.url,
    aud: claims.aud === undefined || claims.aud === expected.clientId,
    aud_present: claims.aud !== undefined,
    iat_present: typeof claims.iat === 'number',
    not_expired: typeof claims.exp === 'number' && claims.exp > now,
    started: (claims.iat === undefined || claims.iat <= now) && (claims.nbf ?? 0) <= now,
    nonce: claims.nonce === expected.nonce,
    sub: claims.sub === expected.sub,
  };
  return (Object.keys(checks) as Check[]).filter((check) => !checks[check]);
}

const defectOf: Record<IdTokenFaultKind, Check[]> = {
  id_token_wrong_iss: ['iss'],
  id_token_wrong_aud: ['aud'],
  id_token_missing_aud: ['aud_present'],
  id_token_missing_iat: ['iat_present'],
  id_token_expired: ['not_expired'],
  id_token_not_yet_valid: ['started'],
  id_token_alg_none: ['alg'],
  id_token_bad_signature: ['signature'],
  id_token_unknown_kid: ['kid'],
  id_token_wrong_nonce: ['nonce'],
  id_token_other_sub: ['sub'],
};

const expectedFor = (flow: FlowResult) => ({
  nonce: flow.nonce,
  sub: 'p-anji-driver',
  clientId: 'county-site',
});

async function postFault(body: unknown) {
  return fetch(`${run.url}/__sandbox/oidc-faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-zheli-sandbox': '1' },
    body: JSON.stringify(body),
  });
}

/** Signs in and exchanges the code; with other_sub, also refreshes (where it applies). */
async function idTokenAfter(kind: IdTokenFaultKind, flow: FlowResult) {
  const tokens = await exchangeCode(run.url, flow);
  if (kind !== 'id_token_other_sub') return { codeToken: tokens.id_token ?? '', tokens };
  const renewed = await refresh(run.url, tokens.refresh_token ?? '');
  return { codeToken: tokens.id_token ?? '', refreshToken: String(renewed.body.id_token), tokens };
}

describe('a clean flow', () => {
  it('passes every check, so each fault below is the only defect', async () => {
    const flow = await authorize(run.url);
    const tokens = await exchangeCode(run.url, flow);
    expect(await failedChecks(tokens.id_token ?? '', expectedFor(flow))).toEqual([]);
    const renewed = await refresh(run.url, tokens.refresh_token ?? '');
    expect(await failedChecks(String(renewed.body.id_token), expectedFor(flow))).toEqual([]);
  });
});

describe.each([
  ['the HTTP endpoint', 'http'],
  ['the zheli_fault parameter', 'param'],
  ['identity.oidcFaults', 'api'],
] as const)('ID token faults set through %s', (_label, via) => {
  it.each(idTokenFaultKinds)('%s produces exactly its defect', async (kind) => {
    let params: Record<string, string> = {};
    if (via === 'http') expect((await postFault({ kind })).status).toBe(201);
    if (via === 'api') run.identity.oidcFaults.add({ kind });
    if (via === 'param') params = { zheli_fault: kind };
    const flow = await authorize(run.url, { params });
    const expected = expectedFor(flow);
    const { codeToken, refreshToken } = await idTokenAfter(kind, flow);
    if (kind === 'id_token_other_sub') {
      // Applies to the ID token of the refresh-token grant; the first ID token is clean.
      expect(await failedChecks(codeToken, expected)).toEqual([]);
      expect(await failedChecks(refreshToken ?? '', expected)).toEqual(['sub']);
      expect(decodeJwt(refreshToken ?? '').sub).toBe('p-xihu-elder');
    } else {
      expect(await failedChecks(codeToken, expected)).toEqual(defectOf[kind]);
    }
    expect(run.identity.oidcFaults.list()).toEqual([]);
  });
});

describe('the exact defects', () => {
  it('uses the documented wrong values and keeps the header otherwise', async () => {
    const values: Partial<Record<IdTokenFaultKind, (token: string) => void>> = {
      id_token_wrong_iss: (t) => expect(decodeJwt(t).iss).toBe(wrongIssuer),
      id_token_wrong_aud: (t) => expect(decodeJwt(t).aud).toBe(wrongAudience),
      id_token_wrong_nonce: (t) => expect(decodeJwt(t).nonce).toBe(wrongNonce),
      id_token_alg_none: (t) => {
        expect(decodeProtectedHeader(t)).toEqual({ alg: 'none' });
        expect(t.endsWith('.')).toBe(true);
      },
      id_token_unknown_kid: (t) => {
        const header = decodeProtectedHeader(t);
        expect(header.alg).toBe('ES256');
        expect(header.kid).toMatch(/^unknown-/);
      },
      id_token_expired: (t) => {
        const { exp = 0, iat = 0 } = decodeJwt(t);
        expect(exp).toBeLessThan(Date.now() / 1000 - 3000);
        expect(iat).toBeLessThan(exp);
      },
      id_token_not_yet_valid: (t) => {
        const { nbf = 0, iat = 0, exp = 0 } = decodeJwt(t);
        expect(nbf).toBeGreaterThan(Date.now() / 1000 + 3000);
        expect(iat).toBe(nbf);
        expect(exp).toBeGreaterThan(nbf);
      },
    };
    for (const [kind, check] of Object.entries(values)) {
      const flow = await authorize(run.url, { params: { zheli_fault: kind } });
      const tokens = await exchangeCode(run.url, flow);
      check(tokens.id_token ?? '');
      // The access token is never touched.
      expect(await run.identity.verifyAccessToken(tokens.access_token)).not.toBeNull();
    }
  });
});

describe('authorization response faults', () => {
  it.each(['http', 'param'] as const)(
    'iss_param_wrong puts a wrong iss in the response (%s)',
    async (via) => {
      if (via === 'http') await postFault({ kind: 'iss_param_wrong' });
      const flow = await authorize(run.url, {
        params: via === 'param' ? { zheli_fault: 'iss_param_wrong' } : {},
      });
      const params = flow.callback.searchParams;
      expect(params.get('iss')).toBe(wrongIssuer);
      expect(params.get('state')).toBe(flow.state);
      // Nothing else is wrong: the code is redeemable.
      const tokens = await exchangeCode(run.url, flow);
      expect(await failedChecks(tokens.id_token ?? '', expectedFor(flow))).toEqual([]);
    },
  );

  it.each(['http', 'param'] as const)('iss_param_missing leaves iss out (%s)', async (via) => {
    if (via === 'http') await postFault({ kind: 'iss_param_missing' });
    const flow = await authorize(run.url, {
      params: via === 'param' ? { zheli_fault: 'iss_param_missing' } : {},
    });
    const params = flow.callback.searchParams;
    expect(params.has('iss')).toBe(false);
    expect(params.get('state')).toBe(flow.state);
    expect(params.get('code')).toEqual(expect.any(String));
    await expect(exchangeCode(run.url, flow)).resolves.toMatchObject({ token_type: 'Bearer' });
  });

  it.each(['http', 'param'] as const)(
    'access_denied answers with the error, state and iss (%s)',
    async (via) => {
      if (via === 'http') await postFault({ kind: 'access_denied' });
      const flow = await authorize(run.url, {
        params: via === 'param' ? { zheli_fault: 'access_denied' } : {},
      });
      const params = flow.callback.searchParams;
      expect(params.get('error')).toBe('access_denied');
      expect(params.get('state')).toBe(flow.state);
      expect(params.get('iss')).toBe(run.url);
      expect(params.has('code')).toBe(false);
    },
  );

  it('applies the fault to the fragment with response_mode=fragment', async () => {
    await postFault({ kind: 'iss_param_missing' });
    const flow = await authorize(run.url, { params: { response_mode: 'fragment' } });
    const fragment = new URLSearchParams(flow.callback.hash.slice(1));
    expect(fragment.get('code')).toEqual(expect.any(String));
    expect(fragment.has('iss')).toBe(false);
  });
});

describe('the fault switch', () => {
  it('is off by default and a fault hits only as many flows as its times', async () => {
    expect(await (await fetch(`${run.url}/__sandbox/oidc-faults`)).json()).toEqual([]);
    const created = await postFault({ kind: 'iss_param_missing', times: 2 });
    expect(created.status).toBe(201);
    expect(await created.json()).toEqual([{ kind: 'iss_param_missing', times: 2 }]);
    const hits = [];
    for (let i = 0; i < 3; i += 1) {
      const flow = await authorize(run.url);
      hits.push(flow.callback.searchParams.has('iss'));
    }
    expect(hits).toEqual([false, false, true]);
  });

  it('lists and clears faults over HTTP', async () => {
    await postFault({ kind: 'id_token_expired', times: 3 });
    await postFault({ kind: 'access_denied' });
    const listed = await (await fetch(`${run.url}/__sandbox/oidc-faults`)).json();
    expect(listed).toEqual([
      { kind: 'id_token_expired', times: 3 },
      { kind: 'access_denied', times: 1 },
    ]);
    const cleared = await fetch(`${run.url}/__sandbox/oidc-faults`, {
      method: 'DELETE',
      headers: { 'content-type': 'application/json', 'x-zheli-sandbox': '1' },
    });
    expect(cleared.status).toBe(204);
    expect(run.identity.oidcFaults.list()).toEqual([]);
    const flow = await authorize(run.url);
    expect(flow.callback.searchParams.get('code')).toEqual(expect.any(String));
  });

  it('keeps an ID token fault for the token endpoint while a flow passes the authorization response', async () => {
    await postFault({ kind: 'id_token_wrong_aud' });
    const flow = await authorize(run.url);
    // The authorization response is untouched...
    expect(flow.callback.searchParams.get('iss')).toBe(run.url);
    expect(run.identity.oidcFaults.list()).toHaveLength(1);
    // ...the token response carries the defect.
    const tokens = await exchangeCode(run.url, flow);
    expect(await failedChecks(tokens.id_token ?? '', expectedFor(flow))).toEqual(['aud']);
  });

  it('refuses unknown kinds and bad counts', async () => {
    for (const body of [{ kind: 'id_token_wrong' }, { kind: 'access_denied', times: 0 }, {}]) {
      const response = await postFault(body);
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
    }
    expect(() => run.identity.oidcFaults.add({ kind: 'nope' })).toThrow(/Unknown OIDC fault/);
    const notJson = await fetch(`${run.url}/__sandbox/oidc-faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-zheli-sandbox': '1' },
      body: '{',
    });
    expect(notJson.status).toBe(400);
    expect(run.identity.oidcFaults.list()).toEqual([]);
  });

  it('refuses a text/plain write, as a no-cors POST or a form from another page sends it, with 415', async () => {
    const response = await fetch(`${run.url}/__sandbox/oidc-faults`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'x-zheli-sandbox': '1' },
      body: JSON.stringify({ kind: 'id_token_bad_signature' }),
    });
    expect(response.status).toBe(415);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(run.identity.oidcFaults.list()).toEqual([]);
  });

  it('refuses a JSON write without the X-Zheli-Sandbox header with 403', async () => {
    const response = await fetch(`${run.url}/__sandbox/oidc-faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'id_token_bad_signature' }),
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ status: 403 });
    run.identity.oidcFaults.add({ kind: 'access_denied' });
    const cleared = await fetch(`${run.url}/__sandbox/oidc-faults`, { method: 'DELETE' });
    expect(cleared.status).toBe(415);
    expect(run.identity.oidcFaults.list()).toHaveLength(1);
  });

  it('answers no CORS preflight, so another origin cannot send the header', async () => {
    const response = await crossOriginPreflight(`${run.url}/__sandbox/oidc-faults`);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('access-control-allow-headers')).toBeNull();
  });

  it('refuses an unknown zheli_fault on the authorization request', async () => {
    const flow = await authorize(run.url, { params: { zheli_fault: 'everything' } });
    expect(flow.callback.searchParams.get('error')).toBe('invalid_request');
    expect(flow.callback.searchParams.get('error_description')).toMatch(/zheli_fault/);
  });

  it('does not consume a global ID token fault with a per-flow one', async () => {
    await postFault({ kind: 'id_token_missing_iat' });
    const flow = await authorize(run.url, { params: { zheli_fault: 'id_token_wrong_nonce' } });
    const tokens = await exchangeCode(run.url, flow);
    expect(await failedChecks(tokens.id_token ?? '', expectedFor(flow))).toEqual(['nonce']);
    expect(run.identity.oidcFaults.list()).toEqual([{ kind: 'id_token_missing_iat', times: 1 }]);
  });

  it('applies a global other_sub only to a refresh, not to a code exchange', async () => {
    run.identity.oidcFaults.add({ kind: 'id_token_other_sub' });
    const flow = await authorize(run.url);
    const tokens = await exchangeCode(run.url, flow);
    expect(await failedChecks(tokens.id_token ?? '', expectedFor(flow))).toEqual([]);
    const renewed = await tokenRequest(run.url, {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token ?? '',
      client_id: 'county-site',
    });
    expect(await failedChecks(String(renewed.body.id_token), expectedFor(flow))).toEqual(['sub']);
  });
});
