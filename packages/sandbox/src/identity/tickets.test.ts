import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import {
  authorize,
  pkcePair,
  type RunningIdentity,
  refresh,
  startIdentity,
  tokenRequest,
} from './test-support.js';
import { ticketsPath, ticketTokenType, tokenExchangeGrant } from './tickets.js';

let run: RunningIdentity | undefined;
afterEach(async () => {
  await run?.stop();
  run = undefined;
});

/** A clock the test moves by hand. */
function manualClock(start = Date.parse('2026-05-20T01:00:00Z')) {
  let at = start;
  return {
    now: () => new Date(at),
    advance(seconds: number) {
      at += seconds * 1000;
    },
  };
}

async function issue(
  url: string,
  body: Record<string, unknown>,
  headers: Record<string, string> = { 'content-type': 'application/json', 'x-zheli-sandbox': '1' },
) {
  const response = await fetch(`${url}${ticketsPath}`, {
    method: 'POST',
    headers,
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function ticketFor(url: string, body: Record<string, unknown>): Promise<string> {
  const issued = await issue(url, body);
  if (issued.status !== 201) throw new Error(`ticket refused: ${JSON.stringify(issued.body)}`);
  return String(issued.body.ticket);
}

function exchange(
  url: string,
  clientId: string,
  ticket: string,
  extra: Record<string, string> = {},
) {
  return tokenRequest(
    url,
    {
      grant_type: tokenExchangeGrant,
      subject_token: ticket,
      subject_token_type: ticketTokenType,
      client_id: clientId,
      ...extra,
    },
    clientId === 'partner-server' ? { secret: 'sandbox-secret' } : {},
  );
}

const server = { persona: 'p-xihu-elder', client_id: 'partner-server' };

describe('ticket sign-in (token exchange)', () => {
  it('signs a confidential client in with its credentials: the same ID token as a code sign-in', async () => {
    run = await startIdentity();
    const scope = 'openid profile phone appointments offline_access';
    const ticket = await ticketFor(run.url, { ...server, scope });
    const { status, body } = await exchange(run.url, 'partner-server', ticket);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      token_type: 'Bearer',
      issued_token_type: 'urn:ietf:params:oauth:token-type:access_token',
      scope,
    });

    const jwks = createRemoteJWKSet(new URL(`${run.url}/oidc/jwks`));
    const { payload } = await jwtVerify(String(body.id_token), jwks, {
      issuer: run.url,
      audience: 'partner-server',
    });
    const flow = await authorize(run.url, {
      clientId: 'partner-server',
      redirectUri: 'http://127.0.0.1:8080/auth/callback',
      persona: 'p-xihu-elder',
      scope,
    });
    const code = flow.callback.searchParams.get('code') ?? '';
    const coded = await tokenRequest(
      run.url,
      {
        grant_type: 'authorization_code',
        code,
        redirect_uri: flow.redirectUri,
        code_verifier: flow.verifier,
        client_id: 'partner-server',
      },
      { secret: 'sandbox-secret' },
    );
    const byCode = decodeJwt(String(coded.body.id_token));
    const perFlow = ['iat', 'exp', 'nonce', 'at_hash', 'sid', 'auth_time', 'jti'];
    const strip = (claims: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(claims).filter(([name]) => !perFlow.includes(name)));
    expect(strip(payload)).toEqual(strip(byCode));
    expect(payload.sub).toBe('p-xihu-elder');
    expect(payload.name).toBe('王*英');

    const info = await run.identity.verifyAccessToken(String(body.access_token));
    expect(info).toMatchObject({ sub: 'p-xihu-elder', clientId: 'partner-server' });
    expect(info?.scope.sort()).toEqual(['appointments', 'phone', 'profile']);

    const renewed = await refresh(run.url, String(body.refresh_token), 'partner-server');
    expect(renewed.status).toBe(401);
    const basic = await tokenRequest(
      run.url,
      {
        grant_type: 'refresh_token',
        refresh_token: String(body.refresh_token),
        client_id: 'partner-server',
      },
      { secret: 'sandbox-secret' },
    );
    expect(basic.status).toBe(200);
    expect(decodeJwt(String(basic.body.id_token)).sub).toBe('p-xihu-elder');
  });

  it('signs a public client in only with the verifier of the ticket’s challenge', async () => {
    run = await startIdentity();
    const { verifier, challenge } = pkcePair();
    const body = { persona: 'p-anji-driver', client_id: 'county-site', scope: 'openid profile' };
    expect((await issue(run.url, body)).status).toBe(400);

    const wrong = await ticketFor(run.url, { ...body, code_challenge: challenge });
    const refused = await exchange(run.url, 'county-site', wrong, {
      code_verifier: pkcePair().verifier,
    });
    expect([refused.status, refused.body.error]).toEqual([400, 'invalid_grant']);
    // A wrong verifier used the ticket up: the right one cannot redeem it afterwards.
    const after = await exchange(run.url, 'county-site', wrong, { code_verifier: verifier });
    expect(after.body.error).toBe('invalid_grant');

    const ticket = await ticketFor(run.url, { ...body, code_challenge: challenge });
    const tokens = await exchange(run.url, 'county-site', ticket, { code_verifier: verifier });
    expect(tokens.status).toBe(200);
    expect(decodeJwt(String(tokens.body.id_token))).toMatchObject({
      sub: 'p-anji-driver',
      aud: 'county-site',
    });
    expect(tokens.body.refresh_token).toBeUndefined();
  });

  it('refuses a replayed ticket', async () => {
    run = await startIdentity();
    const ticket = await ticketFor(run.url, server);
    expect((await exchange(run.url, 'partner-server', ticket)).status).toBe(200);
    const replay = await exchange(run.url, 'partner-server', ticket);
    expect([replay.status, replay.body.error, replay.body.error_description]).toEqual([
      400,
      'invalid_grant',
      'grant request is invalid',
    ]);
  });

  it('refuses a ticket 60 seconds after it was issued, on the sandbox clock', async () => {
    const clock = manualClock();
    run = await startIdentity({ now: clock.now });
    const early = await ticketFor(run.url, server);
    const late = await ticketFor(run.url, server);
    clock.advance(59);
    expect((await exchange(run.url, 'partner-server', early)).status).toBe(200);
    clock.advance(1);
    const expired = await exchange(run.url, 'partner-server', late);
    expect([expired.status, expired.body.error]).toEqual([400, 'invalid_grant']);
  });

  it('refuses a ticket issued to another client, and it is used up', async () => {
    run = await startIdentity();
    const { verifier, challenge } = pkcePair();
    const ticket = await ticketFor(run.url, {
      persona: 'p-anji-driver',
      client_id: 'county-site',
      code_challenge: challenge,
    });
    const stolen = await exchange(run.url, 'partner-server', ticket, { code_verifier: verifier });
    expect([stolen.status, stolen.body.error]).toEqual([400, 'invalid_grant']);
    const owner = await exchange(run.url, 'county-site', ticket, { code_verifier: verifier });
    expect(owner.body.error).toBe('invalid_grant');
  });

  it('refuses a confidential client without its credentials, and another subject token type', async () => {
    run = await startIdentity();
    const ticket = await ticketFor(run.url, server);
    const anonymous = await tokenRequest(run.url, {
      grant_type: tokenExchangeGrant,
      subject_token: ticket,
      subject_token_type: ticketTokenType,
      client_id: 'partner-server',
    });
    expect([anonymous.status, anonymous.body.error]).toEqual([401, 'invalid_client']);
    const other = await exchange(run.url, 'partner-server', ticket, {
      subject_token_type: 'urn:ietf:params:oauth:token-type:access_token',
    });
    expect([other.status, other.body.error]).toEqual([400, 'invalid_request']);
  });
});

describe('the ticket control', () => {
  it('takes a write only as JSON with the sandbox header, for a known persona, client and scope', async () => {
    run = await startIdentity();
    expect((await issue(run.url, server, { 'content-type': 'application/json' })).status).toBe(403);
    expect((await issue(run.url, server, { 'x-zheli-sandbox': '1' })).status).toBe(415);
    expect((await issue(run.url, { ...server, persona: 'nobody' })).status).toBe(400);
    expect((await issue(run.url, { ...server, client_id: 'nobody' })).status).toBe(400);
    expect((await issue(run.url, { ...server, scope: 'profile' })).status).toBe(400);
    expect((await issue(run.url, { ...server, scope: 'openid admin' })).status).toBe(400);
    const issued = await issue(run.url, server);
    expect(issued).toMatchObject({
      status: 201,
      body: { expires_in: 60, client_id: 'partner-server', sub: 'p-xihu-elder' },
    });
  });
});
