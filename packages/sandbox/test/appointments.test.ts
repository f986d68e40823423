import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { key, type TestApi, testApi, testNow } from './helpers.js';

let t: TestApi;
const inspection = 'svc-330523-vehicle-inspection-booking';
const station = 'site-anji-inspection-1';
/** The slot id at the Anji station on a day (`YYYYMMDD`) and time (`HHMM`). */
const slot = (day: string, time: string, site = 'anji-inspection-1') =>
  `slot-${site}-vehicle-inspection-booking-${day}${time}`;

beforeAll(async () => {
  t = await testApi();
});
afterAll(() => t.close());

function book(
  token: string,
  slotId: string,
  idempotencyKey = key(),
  extra: Record<string, unknown> = {},
) {
  return t.post('/v1/appointments', {
    token,
    headers: { 'Idempotency-Key': idempotencyKey },
    body: { serviceId: inspection, siteId: station, slotId, ...extra },
  });
}

async function remaining(slotId: string): Promise<number> {
  const { rows } = await t.db.query<{ n: number }>(
    'SELECT capacity - booked AS n FROM slots WHERE id = $1',
    [slotId],
  );
  return rows[0]?.n ?? -1;
}

describe('bookAppointment', () => {
  it('books a place and answers 201 with a Location and a ticket valid until the slot ends', async () => {
    const token = t.token('p-anji-driver', ['appointments']);
    const slotId = slot('20261124', '0900');
    const before = await remaining(slotId);
    const res = await book(token, slotId, key(), { note: '浙E·A1234 小型轿车' });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`/v1/appointments/${res.body.id}`);
    expect(res.body).toMatchObject({
      status: 'booked',
      service: { id: inspection, name: '机动车检验预约' },
      site: { id: station, regionCode: '330523' },
      slot: { id: slotId, start: '2026-11-24T09:00:00+08:00', end: '2026-11-24T09:30:00+08:00' },
      note: '浙E·A1234 小型轿车',
      cancelledAt: null,
    });
    expect(res.body.reference).toMatch(/^YY20261124-\d{4}$/);
    expect(res.body.ticket).toMatchObject({
      kind: 'appointment',
      expiresAt: '2026-11-24T09:30:00+08:00',
    });
    expect(await remaining(slotId)).toBe(before - 1);
  });

  it('answers 409 slot_full when no place is left', async () => {
    const slotId = slot('20261124', '0930');
    await t.db.query('UPDATE slots SET booked = capacity WHERE id = $1', [slotId]);
    const res = await book(t.token('p-xihu-elder', ['appointments']), slotId);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({
      code: 'slot_full',
      status: 409,
      instance: '/v1/appointments',
    });
  });

  it('answers 409 appointment_exists for a second booking of the service on the same day', async () => {
    const token = t.token('p-deqing-parent', ['appointments']);
    expect((await book(token, slot('20261126', '0900'))).status).toBe(201);
    const again = await book(token, slot('20261126', '1400'));
    expect(again.body.code).toBe('appointment_exists');
    expect((await book(token, slot('20261127', '0900'))).status).toBe(201); // another day is fine
  });

  it('answers 409 slot_unavailable for a past slot or one of another site', async () => {
    const token = t.token('p-linan-newborn', ['appointments']);
    const past = await book(token, slot('20261123', '0830'));
    expect(past.body.code).toBe('slot_unavailable');
    const otherSite = await book(token, slot('20261124', '0900', 'anji-inspection-2'));
    expect(otherSite.body.code).toBe('slot_unavailable');
  });

  it('answers 404 for an unknown slot, service or site', async () => {
    const token = t.token('p-linan-newborn', ['appointments']);
    expect((await book(token, 'slot-anji-inspection-1-nothing')).body.code).toBe('not_found');
    const service = await t.post('/v1/appointments', {
      token,
      headers: { 'Idempotency-Key': key() },
      body: { serviceId: 'svc-330523-nothing', siteId: station, slotId: slot('20261124', '1000') },
    });
    expect(service.status).toBe(404);
  });

  it('names every invalid body field, unknown ones included', async () => {
    const res = await t.post('/v1/appointments', {
      token: t.token('p-anji-driver', ['appointments']),
      headers: { 'Idempotency-Key': key() },
      body: { serviceId: 42, siteId: station, colour: 'red', note: 'x'.repeat(201) },
    });
    expect(res.status).toBe(400);
    const fields = res.body.errors
      .map((e: { field: string; code: string }) => `${e.field}:${e.code}`)
      .sort();
    expect(fields).toEqual([
      'body.colour:unknown',
      'body.note:maxLength',
      'body.serviceId:type',
      'body.slotId:required',
    ]);
  });

  it('refuses a body that is not JSON, or not sent as JSON', async () => {
    const token = t.token('p-anji-driver', ['appointments']);
    const broken = await t.post('/v1/appointments', {
      token,
      headers: { 'Idempotency-Key': key() },
      body: '{"serviceId":',
    });
    expect(broken.body.errors[0]).toMatchObject({ field: 'body', code: 'invalid' });
    const text = await t.post('/v1/appointments', {
      token,
      headers: { 'Idempotency-Key': key(), 'Content-Type': 'text/plain' },
      body: '{}',
    });
    expect(text.body.errors[0].field).toBe('header.Content-Type');
  });
});

describe('authorization', () => {
  it('answers 401 with a Bearer challenge without a token or with an invalid one', async () => {
    const none = await t.get('/v1/appointments');
    expect(none.status).toBe(401);
    expect(none.body.code).toBe('unauthenticated');
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="zheli"');
    const bad = await t.get('/v1/appointments', { token: 'not-a-token' });
    expect(bad.headers.get('www-authenticate')).toContain('error="invalid_token"');
  });

  it('answers 403 insufficient_scope naming the scope the operation needs', async () => {
    const res = await t.get('/v1/appointments', { token: t.token('p-anji-driver', ['profile']) });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('insufficient_scope');
    expect(res.headers.get('www-authenticate')).toContain('scope="appointments"');
  });

  it('derives every operation’s security from the contract', async () => {
    const { getContract } = await import('../src/api/contract.js');
    const secured = getContract()
      .operations.filter((o) => o.security)
      .map((o) => `${o.operationId}:${o.security?.flat().join(',')}`);
    expect(secured.sort()).toEqual(
      [
        'bookAppointment:appointments',
        'cancelAppointment:appointments',
        'getAppointment:appointments',
        'getMyMatter:evaluations',
        'getProfile:profile',
        'issueCode:codes',
        'listMyAppointments:appointments',
        'listMyEvaluations:evaluations',
        'listMyMatters:evaluations',
        'listRecommendations:profile',
        'rescheduleAppointment:appointments',
        'submitEvaluation:evaluations',
        'dismissRecommendation:profile',
        'listDataConsents:profile',
        'restoreRecommendation:profile',
        'setDataConsent:profile',
        'snoozeRecommendation:profile',
        'getBundleApplication:applications',
        'getBundleDraft:applications',
        'listMyBundleApplications:applications',
        'listMyDocuments:applications',
        'resubmitBundleStep:applications',
        'saveBundleDraft:applications',
        'submitBundleApplication:applications',
        'getMyPoints:points',
        'listMyPointEntries:points',
        'listPointHouseholds:points:record',
        'recordPoints:points:record',
        'redeemPoints:points',
      ].sort(),
    );
  });
});

describe('idempotency', () => {
  it('replays the first response for a retry with the same key and body', async () => {
    const token = t.token('p-yuhang-renter', ['appointments']);
    const k = key();
    const slotId = slot('20261124', '1100');
    const first = await book(token, slotId, k);
    const before = await remaining(slotId);
    const retry = await book(token, slotId, k);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.headers.get('location')).toBe(first.headers.get('location'));
    expect(retry.body).toEqual(first.body);
    expect(await remaining(slotId)).toBe(before); // no second place taken
    expect(first.headers.get('idempotent-replayed')).toBeNull();
  });

  it('replays an error too', async () => {
    const token = t.token('p-taiwan-reader', ['appointments']);
    const slotId = slot('20261124', '1130');
    await t.db.query('UPDATE slots SET booked = capacity WHERE id = $1', [slotId]);
    const k = key();
    const first = await book(token, slotId, k);
    expect(first.body.code).toBe('slot_full');
    await t.db.query('UPDATE slots SET booked = 0 WHERE id = $1', [slotId]);
    const retry = await book(token, slotId, k);
    expect(retry.status).toBe(409);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(first.body);
  });

  it('answers 422 idempotency_conflict for the same key with another body', async () => {
    const token = t.token('p-gongshu-retiree', ['appointments']);
    const k = key();
    expect((await book(token, slot('20261124', '1300'), k)).status).toBe(201);
    const other = await book(token, slot('20261124', '1330'), k);
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('idempotency_conflict');
  });

  it('answers 409 idempotency_in_progress while the first request with the key is running', async () => {
    const token = t.token('p-chunan-low-income', ['appointments']);
    const k = key();
    const slotId = slot('20261124', '1400');
    // The first request has claimed the key and not finished (its row is 'in_progress').
    const { requestHash } = await import('../src/api/idempotency.js');
    const body = { serviceId: inspection, siteId: station, slotId };
    await t.db.query(
      `INSERT INTO idempotency_keys (client_id, sub, key, request_hash, state, created_at)
       VALUES ('partner-app', 'p-chunan-low-income', $1, $2, 'in_progress', $3)`,
      [k, requestHash('POST', '/v1/appointments', body), testNow],
    );
    const res = await book(token, slotId, k);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('idempotency_in_progress');
    expect(res.headers.get('retry-after')).toBe('1');
  });

  it('scopes keys to the client and the person', async () => {
    const k = key();
    expect(
      (await book(t.token('p-foreign-resident', ['appointments']), slot('20261124', '1500'), k))
        .status,
    ).toBe(201);
    const otherPerson = await book(
      t.token('p-qujiang-jobseeker', ['appointments']),
      slot('20261124', '1530'),
      k,
    );
    expect(otherPerson.status).toBe(201);
    expect(otherPerson.headers.get('idempotent-replayed')).toBeNull();
  });

  it('forgets a key after 24 hours', async () => {
    const token = t.token('p-disabled-veteran', ['appointments']);
    const k = key();
    const first = await book(token, slot('20261124', '1600'), k);
    t.setNow(() => new Date(testNow.getTime() + 24 * 3600 * 1000 + 1000));
    try {
      const later = await book(token, slot('20261125', '1600'), k);
      expect(later.status).toBe(201);
      expect(later.body.id).not.toBe(first.body.id);
    } finally {
      t.setNow(() => testNow);
    }
  });

  it('needs an Idempotency-Key on booking, and a well-formed one', async () => {
    const token = t.token('p-anji-driver', ['appointments']);
    const none = await t.post('/v1/appointments', {
      token,
      body: { serviceId: inspection, siteId: station, slotId: slot('20261124', '1000') },
    });
    expect(none.status).toBe(400);
    expect(none.body.code).toBe('idempotency_key_required');
    const bad = await book(token, slot('20261124', '1000'), 'short');
    expect(bad.body.errors[0]).toMatchObject({
      field: 'header.Idempotency-Key',
      code: 'minLength',
    });
  });
});

describe('reading appointments', () => {
  it('lists only the person’s own appointments, newest slot first, by status', async () => {
    const token = t.token('p-yinzhou-new-veteran', ['appointments']);
    const a = await book(token, slot('20261201', '0900'));
    const b = await book(token, slot('20261202', '0900'));
    await t.post(`/v1/appointments/${a.body.id}/cancel`, { token });
    const all = await t.get('/v1/appointments', { token });
    expect(all.body.items.map((x: { id: string }) => x.id)).toEqual([b.body.id, a.body.id]);
    const booked = await t.get('/v1/appointments?status=booked', { token });
    expect(booked.body.items.map((x: { id: string }) => x.id)).toEqual([b.body.id]);
    const paged = await t.get('/v1/appointments?limit=1', { token });
    expect(paged.body.nextCursor).toEqual(expect.any(String));
  });

  it('gets one’s own appointment with a fresh ticket, and 404 for someone else’s', async () => {
    const owner = t.token('p-linping-homebuyer', ['appointments']);
    const booked = await book(owner, slot('20261203', '0900'));
    const mine = await t.get(`/v1/appointments/${booked.body.id}`, { token: owner });
    expect(mine.body.ticket.kind).toBe('appointment');
    const stranger = t.token('p-xihu-elder', ['appointments']);
    const theirs = await t.get(`/v1/appointments/${booked.body.id}`, { token: stranger });
    expect(theirs.status).toBe(404);
    expect(theirs.body.code).toBe('not_found');
    const cancel = await t.post(`/v1/appointments/${booked.body.id}/cancel`, { token: stranger });
    expect(cancel.status).toBe(404);
    expect((await t.get('/v1/appointments/apt-nothing1', { token: owner })).status).toBe(404);
  });
});

describe('cancelAppointment', () => {
  it('frees the place, drops the ticket, and is safe to repeat', async () => {
    const token = t.token('p-wuxing-business', ['appointments']);
    const slotId = slot('20261204', '0900');
    const booked = await book(token, slotId);
    const before = await remaining(slotId);
    const res = await t.post(`/v1/appointments/${booked.body.id}/cancel`, {
      token,
      body: { reason: '时间有变' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'cancelled',
      ticket: null,
      cancelledAt: '2026-11-23T10:00:00+08:00',
    });
    expect(await remaining(slotId)).toBe(before + 1);
    const again = await t.post(`/v1/appointments/${booked.body.id}/cancel`, { token });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(res.body);
    expect(await remaining(slotId)).toBe(before + 1);
  });

  it('answers 409 appointment_not_cancellable once the slot has begun', async () => {
    const token = t.token('p-deqing-startup', ['appointments']);
    const booked = await book(token, slot('20261124', '0830'));
    t.setNow(() => new Date('2026-11-24T00:35:00Z')); // 08:35 in Shanghai
    try {
      const res = await t.post(`/v1/appointments/${booked.body.id}/cancel`, { token });
      expect(res.body.code).toBe('appointment_not_cancellable');
    } finally {
      t.setNow(() => testNow);
    }
  });

  it('replays a cancellation sent with an Idempotency-Key', async () => {
    const token = t.token('p-yiwu-trader', ['appointments']);
    const booked = await book(token, slot('20261205', '0900'));
    const k = key();
    const first = await t.post(`/v1/appointments/${booked.body.id}/cancel`, {
      token,
      headers: { 'Idempotency-Key': k },
    });
    const retry = await t.post(`/v1/appointments/${booked.body.id}/cancel`, {
      token,
      headers: { 'Idempotency-Key': k },
    });
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(first.body);
  });
});

describe('rescheduleAppointment', () => {
  it('moves to the new slot and frees the old one in one transaction, with a new ticket', async () => {
    const token = t.token('p-xihu-elder', ['appointments']);
    const from = slot('20261207', '0900');
    const to = slot('20261208', '1000', 'anji-inspection-2');
    const booked = await book(token, from);
    const [fromBefore, toBefore] = [await remaining(from), await remaining(to)];
    const res = await t.post(`/v1/appointments/${booked.body.id}/reschedule`, {
      token,
      headers: { 'Idempotency-Key': key() },
      body: { slotId: to },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      slot: { id: to },
      site: { id: 'site-anji-inspection-2' },
      status: 'booked',
    });
    expect(res.body.ticket.expiresAt).toBe('2026-12-08T10:30:00+08:00');
    expect(await remaining(from)).toBe(fromBefore + 1);
    expect(await remaining(to)).toBe(toBefore - 1);
  });

  it('keeps the old slot when the new one is full', async () => {
    const token = t.token('p-anji-driver', ['appointments']);
    const from = slot('20261209', '0900');
    const to = slot('20261209', '0930');
    const booked = await book(token, from);
    await t.db.query('UPDATE slots SET booked = capacity WHERE id = $1', [to]);
    const before = await remaining(from);
    const res = await t.post(`/v1/appointments/${booked.body.id}/reschedule`, {
      token,
      headers: { 'Idempotency-Key': key() },
      body: { slotId: to },
    });
    expect(res.body.code).toBe('slot_full');
    expect(await remaining(from)).toBe(before);
    expect((await t.get(`/v1/appointments/${booked.body.id}`, { token })).body.slot.id).toBe(from);
  });

  it('answers 422 for a reused key with another slot, and 404 for someone else’s appointment', async () => {
    const token = t.token('p-linan-newborn', ['appointments']);
    const booked = await book(token, slot('20261214', '0900'));
    const k = key();
    const move = (slotId: string, as = token) =>
      t.post(`/v1/appointments/${booked.body.id}/reschedule`, {
        token: as,
        headers: { 'Idempotency-Key': k },
        body: { slotId },
      });
    expect((await move(slot('20261214', '1000'))).status).toBe(200);
    expect((await move(slot('20261214', '1030'))).body.code).toBe('idempotency_conflict');
    const stranger = await t.post(`/v1/appointments/${booked.body.id}/reschedule`, {
      token: t.token('p-xihu-elder', ['appointments']),
      headers: { 'Idempotency-Key': key() },
      body: { slotId: slot('20261214', '1100') },
    });
    expect(stranger.status).toBe(404);
  });

  it('refuses a cancelled appointment, a slot of another service, and a missing key', async () => {
    const token = t.token('p-gaojiatang-villager', ['appointments']);
    const booked = await book(token, slot('20261210', '0900'));
    const wrongService = await t.post(`/v1/appointments/${booked.body.id}/reschedule`, {
      token,
      headers: { 'Idempotency-Key': key() },
      body: { slotId: 'slot-anji-inspection-1-new-car-registration-202612100900' },
    });
    expect(wrongService.body.code).toBe('slot_unavailable');
    const noKey = await t.post(`/v1/appointments/${booked.body.id}/reschedule`, {
      token,
      body: { slotId: slot('20261210', '1000') },
    });
    expect(noKey.body.code).toBe('idempotency_key_required');
    await t.post(`/v1/appointments/${booked.body.id}/cancel`, { token });
    const cancelled = await t.post(`/v1/appointments/${booked.body.id}/reschedule`, {
      token,
      headers: { 'Idempotency-Key': key() },
      body: { slotId: slot('20261210', '1000') },
    });
    expect(cancelled.body.code).toBe('appointment_not_cancellable');
  });
});

describe('the capacity backstop', () => {
  it('refuses any write that would overbook a slot', async () => {
    const slotId = slot('20261211', '0900');
    await expect(
      t.db.query('UPDATE slots SET booked = capacity + 1 WHERE id = $1', [slotId]),
    ).rejects.toThrow(/slots_booked_within_capacity/);
  });
});
