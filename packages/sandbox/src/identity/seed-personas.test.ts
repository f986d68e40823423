import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadClients, loadPersonas, type Persona } from '../personas.js';
import { authorize, exchangeCode, type RunningIdentity, startIdentity } from './test-support.js';

let run: RunningIdentity;
let personas: Persona[];
beforeAll(async () => {
  const [loaded, clients] = await Promise.all([loadPersonas(), loadClients()]);
  personas = loaded;
  run = await startIdentity({ personas, clients });
});
afterAll(async () => {
  await run.stop();
});

describe('the seed personas and clients', () => {
  it('sign every persona in through the header, with claims masked as the Open API masks them', async () => {
    expect(personas.length).toBeGreaterThanOrEqual(4);
    for (const persona of personas) {
      const flow = await authorize(run.url, {
        persona: persona.sub,
        scope: 'openid profile phone identity',
      });
      const tokens = await exchangeCode(run.url, flow);
      const claims = decodeJwt(tokens.id_token ?? '');
      expect(claims.sub).toBe(persona.sub);
      expect(claims.phone_number).toMatch(/^\d{3}\*{4}\d{4}$/);
      expect(claims.real_name).toBe(persona.name);
      if (persona.kind === 'person') {
        expect(claims.name).not.toBe(persona.name);
        expect(String(claims.name)).toMatch(/\*/);
      }
      if (persona.idNumber) expect(claims.id_number).toMatch(/^\d{3}\*{11}[\dX]{4}$/);
      if (persona.creditCode) expect(claims.credit_code).toMatch(/^\w{6}\*{12}$/);
      expect(await run.identity.verifyAccessToken(tokens.access_token)).toMatchObject({
        sub: persona.sub,
        scope: ['profile', 'phone', 'identity'],
      });
    }
  });

  it('accept the three registered clients on loopback ports', async () => {
    for (const [clientId, redirectUri] of [
      ['county-site', 'http://127.0.0.1:4173/callback'],
      ['partner-app', 'http://localhost:5173/callback'],
      ['partner-server', 'http://127.0.0.1:3000/auth/callback'],
    ] as const) {
      const flow = await authorize(run.url, { clientId, redirectUri });
      expect(flow.callback.searchParams.get('code'), clientId).toEqual(expect.any(String));
    }
  });
  it('offer local-dev, a development client that signs in on any page of a loopback host and no other', async () => {
    for (const redirectUri of [
      'http://127.0.0.1:5173/',
      'http://localhost:8080/booking.html',
      'http://[::1]:4173/deep/page',
    ]) {
      const flow = await authorize(run.url, { clientId: 'local-dev', redirectUri });
      expect(flow.callback.origin + flow.callback.pathname, redirectUri).toBe(redirectUri);
      const tokens = await exchangeCode(run.url, flow);
      expect(decodeJwt(tokens.id_token ?? '').aud).toBe('local-dev');
    }
    for (const redirectUri of [
      'http://evil.example/',
      'https://127.0.0.1:5173/',
      'http://127.0.0.2:5173/',
    ]) {
      const query = new URLSearchParams({
        client_id: 'local-dev',
        redirect_uri: redirectUri,
        response_type: 'code',
        scope: 'openid',
        code_challenge: 'a'.repeat(43),
        code_challenge_method: 'S256',
      });
      const response = await fetch(`${run.url}/oidc/auth?${query}`, { redirect: 'manual' });
      expect(response.status, redirectUri).toBe(400);
      expect(response.headers.get('location'), redirectUri).toBeNull();
    }
  });
});
