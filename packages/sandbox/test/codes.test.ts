import {
  CompactSign,
  compactVerify,
  createLocalJWKSet,
  decodeProtectedHeader,
  generateKeyPair,
} from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { key, type TestApi, testApi, testIssuer, testNow } from './helpers.js';

let t: TestApi;
beforeAll(async () => {
  t = await testApi();
});
afterAll(() => t.close());

function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] as string, 'base64url').toString('utf8'));
}

async function bookTicket(sub: string, slotId: string) {
  const token = t.token(sub, ['appointments', 'codes']);
  const booked = await t.post('/v1/appointments', {
    token,
    headers: { 'Idempotency-Key': key() },
    body: {
      serviceId: 'svc-330523-vehicle-inspection-booking',
      siteId: 'site-anji-inspection-1',
      slotId,
    },
  });
  return { token, appointment: booked.body };
}

describe('issueCode', () => {
  it('issues a personal code valid 3 minutes, to refresh after 1', async () => {
    const token = t.token('p-xihu-elder', ['codes']);
    const res = await t.post('/v1/codes', { token, body: { kind: 'personal' } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      kind: 'personal',
      status: 'green',
      issuedAt: '2026-11-23T10:00:00+08:00',
      expiresAt: '2026-11-23T10:03:00+08:00',
      refreshAfter: '2026-11-23T10:01:00+08:00',
    });
    const header = decodeProtectedHeader(res.body.token);
    expect(header).toMatchObject({ alg: 'ES256', typ: 'zheli-code+jwt' });
    expect(claimsOf(res.body.token)).toMatchObject({
      iss: testIssuer,
      sub: 'p-xihu-elder',
      kind: 'personal',
      ref: null,
      status: 'green',
      iat: testNow.getTime() / 1000,
      exp: testNow.getTime() / 1000 + 180,
      jti: expect.stringMatching(/^cd-/),
    });
  });

  it('issues the ticket of one’s own booked appointment, valid until the slot ends', async () => {
    const { token, appointment } = await bookTicket(
      'p-anji-driver',
      'slot-anji-inspection-1-vehicle-inspection-booking-202611241500',
    );
    const res = await t.post('/v1/codes', {
      token,
      body: { kind: 'appointment', appointmentId: appointment.id },
    });
    expect(res.body).toMatchObject({
      kind: 'appointment',
      expiresAt: '2026-11-24T15:30:00+08:00',
      refreshAfter: null,
    });
    expect(claimsOf(res.body.token)).toMatchObject({ sub: 'p-anji-driver', ref: appointment.id });
  });

  it('answers 404 for someone else’s appointment and 400 without an appointment id', async () => {
    const { appointment } = await bookTicket(
      'p-deqing-parent',
      'slot-anji-inspection-1-vehicle-inspection-booking-202611241530',
    );
    const stranger = t.token('p-xihu-elder', ['codes']);
    const res = await t.post('/v1/codes', {
      token: stranger,
      body: { kind: 'appointment', appointmentId: appointment.id },
    });
    expect(res.status).toBe(404);
    const missing = await t.post('/v1/codes', { token: stranger, body: { kind: 'appointment' } });
    expect(missing.body.errors[0]).toMatchObject({ field: 'body.appointmentId', code: 'required' });
    const wrongKind = await t.post('/v1/codes', { token: stranger, body: { kind: 'venue' } });
    expect(wrongKind.body.errors[0]).toMatchObject({ field: 'body.kind', code: 'enum' });
    const noScope = await t.post('/v1/codes', {
      token: t.token('p-xihu-elder', ['profile']),
      body: { kind: 'personal' },
    });
    expect(noScope.status).toBe(403);
  });
});

describe('getVenueCode', () => {
  it('signs a venue code for a site, and 404 for an unknown site', async () => {
    const res = await t.get('/v1/sites/site-hangzhou-library/code');
    expect(res.body.kind).toBe('venue');
    expect(claimsOf(res.body.token)).toMatchObject({
      sub: 'site-hangzhou-library',
      ref: 'site-hangzhou-library',
    });
    expect((await t.get('/v1/sites/site-nowhere/code')).status).toBe(404);
  });
});

describe('verifyCode', () => {
  async function verify(token: string) {
    return (await t.post('/v1/codes/verify', { body: { token } })).body;
  }

  it('accepts a valid code and returns its claims', async () => {
    const code = (await t.get('/v1/sites/site-hangzhou-library/code')).body;
    const result = await verify(code.token);
    expect(result).toMatchObject({
      valid: true,
      reason: null,
      claims: { kind: 'venue', iss: testIssuer },
    });
  });

  it('says why a code is invalid: expired, revoked, forged, unknown key, other issuer, malformed', async () => {
    const personal = (
      await t.post('/v1/codes', {
        token: t.token('p-xihu-elder', ['codes']),
        body: { kind: 'personal' },
      })
    ).body;
    t.setNow(() => new Date(testNow.getTime() + 181_000));
    try {
      expect(await verify(personal.token)).toEqual({
        valid: false,
        reason: 'expired',
        claims: null,
      });
    } finally {
      t.setNow(() => testNow);
    }

    const { token, appointment } = await bookTicket(
      'p-linan-newborn',
      'slot-anji-inspection-1-vehicle-inspection-booking-202611251000',
    );
    expect((await verify(appointment.ticket.token)).valid).toBe(true);
    await t.post(`/v1/appointments/${appointment.id}/cancel`, { token });
    expect((await verify(appointment.ticket.token)).reason).toBe('revoked');

    const [h, p, s] = personal.token.split('.');
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...claimsOf(personal.token), sub: 'p-other' })).toString('base64url')}.${s}`;
    expect((await verify(tampered)).reason).toBe('bad_signature');
    expect(p).toBeTruthy();

    const { privateKey } = await generateKeyPair('ES256');
    const sign = (claims: object, kid: string) =>
      new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
        .setProtectedHeader({ alg: 'ES256', kid, typ: 'zheli-code+jwt' })
        .sign(privateKey);
    expect((await verify(await sign(claimsOf(personal.token), 'code-unknown'))).reason).toBe(
      'unknown_key',
    );
    expect((await verify('not.a.code')).reason).toBe('malformed');
    expect((await verify('x')).reason).toBe('malformed');
    const empty = await t.post('/v1/codes/verify', { body: { token: '' } });
    expect(empty.body.errors[0]).toMatchObject({ field: 'body.token', code: 'minLength' });
  });

  it('revokes the ticket of the old slot after a reschedule', async () => {
    const { token, appointment } = await bookTicket(
      'p-yuhang-renter',
      'slot-anji-inspection-1-vehicle-inspection-booking-202611261000',
    );
    await t.post(`/v1/appointments/${appointment.id}/reschedule`, {
      token,
      headers: { 'Idempotency-Key': key() },
      body: { slotId: 'slot-anji-inspection-1-vehicle-inspection-booking-202611261030' },
    });
    expect((await verify(appointment.ticket.token)).reason).toBe('revoked');
    const fresh = await t.get(`/v1/appointments/${appointment.id}`, { token });
    expect((await verify(fresh.body.ticket.token)).valid).toBe(true);
  });
});

describe('getCodeKeys', () => {
  it('publishes the public keys with Cache-Control, enough to verify a code offline', async () => {
    const res = await t.get('/v1/codes/jwks');
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    expect(res.body.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(res.body.keys[0].d).toBeUndefined();
    const code = (
      await t.post('/v1/codes', {
        token: t.token('p-xihu-elder', ['codes']),
        body: { kind: 'personal' },
      })
    ).body;
    const { payload } = await compactVerify(code.token, createLocalJWKSet(res.body));
    expect(JSON.parse(new TextDecoder().decode(payload)).sub).toBe('p-xihu-elder');
  });

  it('keeps the old public key published after a rotation, so older codes still verify', async () => {
    const before = (
      await t.post('/v1/codes', {
        token: t.token('p-xihu-elder', ['codes']),
        body: { kind: 'personal' },
      })
    ).body;
    const { kid } = await t.codeKeys.rotate();
    const keys = (await t.get('/v1/codes/jwks')).body.keys.map((k: { kid: string }) => k.kid);
    expect(keys[0]).toBe(kid);
    expect(keys).toContain(decodeProtectedHeader(before.token).kid);
    expect((await t.post('/v1/codes/verify', { body: { token: before.token } })).body.valid).toBe(
      true,
    );
    const after = (
      await t.post('/v1/codes', {
        token: t.token('p-xihu-elder', ['codes']),
        body: { kind: 'personal' },
      })
    ).body;
    expect(decodeProtectedHeader(after.token).kid).toBe(kid);
  });
});
