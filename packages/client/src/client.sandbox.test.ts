// The client against the real sandbox (`@zheli/sandbox`) on an ephemeral port: every operation,
// every retry rule through the sandbox's fault injection, tokens, abort and batching. Each test
// starts its own sandbox (in memory) and stops it.

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { scopes } from '@zheli/contract';
import { type Sandbox, startSandbox } from '@zheli/sandbox';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type ClientOptions,
  createClient,
  NetworkError,
  TimeoutError,
  verifyCode,
  type ZheliApiError,
  ZheliResponseError,
} from './index.js';
import { points } from './points.js';
import { recommendationControls } from './recommendation-controls.js';
import { recordTimers } from './test-support.js';

const serviceId = 'svc-330523-vehicle-inspection-booking';
const siteId = 'site-anji-inspection-1';
const driver = 'p-anji-driver';
// Every scope a citizen app may hold: the village officers' `points:record` is not one.
const allScopes = scopes.filter((s) => s !== 'offline_access' && s !== 'points:record');

let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await startSandbox({ port: 0, memory: true });
});
afterEach(async () => {
  await sandbox.stop();
});

/** A fetch that records every request sent and the response headers received. */
function countingFetch() {
  const requests: Request[] = [];
  const replayed: (string | null)[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    requests.push(request.clone());
    const response = await globalThis.fetch(request);
    replayed.push(response.headers.get('idempotent-replayed'));
    return response;
  };
  return { requests, replayed, fetch };
}

/** A client for the sandbox, signed in as `sub` with `scope`, counting its requests. */
async function clientFor(
  sub?: string,
  options: Partial<ClientOptions> & { scope?: string[]; clientId?: string } = {},
) {
  const { scope = allScopes, clientId, ...clientOptions } = options;
  const counter = countingFetch();
  const token = sub
    ? await sandbox.mintAccessToken({ sub, scope, ...(clientId ? { clientId } : {}) })
    : undefined;
  const client = createClient({
    baseUrl: sandbox.url,
    fetch: counter.fetch,
    getAccessToken: async () => token,
    ...clientOptions,
  });
  return { client, ...counter, token };
}

type Client = Awaited<ReturnType<typeof clientFor>>['client'];

/** The first future slot with a place left at the Anji station, from the sandbox's calendar. */
async function openSlots(client: Client, count = 1) {
  const calendar = await client.sites.slots(siteId, { service: serviceId });
  const slots = calendar.days
    .flatMap((day) => day.slots)
    .filter((slot) => slot.remaining > 0 && Date.parse(slot.start) > Date.now());
  expect(slots.length).toBeGreaterThanOrEqual(count);
  return slots.slice(0, count);
}

const bookingFor = (slotId: string) => ({ serviceId, siteId, slotId, note: '浙E·A1234 小型轿车' });

describe('every operation', () => {
  it('reads regions: the province, a city’s children, and a county with its path', async () => {
    const { client } = await clientFor();
    expect((await client.regions.list()).items.map((r) => r.code)).toEqual(['330000']);
    const huzhou = await client.regions.list({ parent: '330500' });
    expect(huzhou.items.map((r) => r.code)).toEqual(expect.arrayContaining(['330521', '330523']));
    const anji = await client.regions.get('330523');
    expect(anji.path.map((r) => r.code)).toEqual(['330000', '330500']);
    expect(anji.nameEn).toBe('Anji County');
  });

  it('reads categories, searches the catalog and pages through every result', async () => {
    const { client, requests } = await clientFor();
    const categories = await client.categories.list({ region: '330523' });
    expect(categories.items.find((c) => c.id === 'transport')?.serviceCount).toBeGreaterThan(0);
    const found = await client.services.search({ q: '机动车检验', region: '330523' });
    expect(found.items.map((s) => s.id)).toContain(serviceId);

    const page = await client.services.search({ region: '330523', limit: 50 });
    const before = requests.length;
    const ids: string[] = [];
    for await (const service of client.services.searchAll({ region: '330523', limit: 50 })) {
      ids.push(service.id);
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(page.total);
    expect(requests.length - before).toBe(Math.ceil(ids.length / 50));
    expect(requests.length - before).toBeGreaterThan(1);
  });

  it('gets a service with its materials, and answers 404 not_found for an unknown one', async () => {
    const { client } = await clientFor();
    const detail = await client.services.get(serviceId);
    expect(detail.materials.length).toBeGreaterThan(0);
    expect(detail.sites.map((s) => s.id)).toContain(siteId);
    const error = (await client.services
      .get('svc-330523-no-such-thing')
      .catch((e) => e)) as ZheliApiError;
    expect(error).toMatchObject({ name: 'ZheliApiError', status: 404, code: 'not_found' });
    expect(error.traceId).toBeTruthy();
  });

  it('batches 50 service cards mounting together into one request', async () => {
    const { client, requests } = await clientFor();
    const { items } = await client.services.search({ region: '330523', limit: 50 });
    expect(items).toHaveLength(50);
    const before = requests.length;
    const cards = await Promise.all(items.map((s) => client.services.summary(s.id)));
    const batches = requests.slice(before);
    expect(batches.map((r) => new URL(r.url).pathname)).toEqual(['/v1/services/batch']);
    expect(cards.map((c) => c?.id)).toEqual(items.map((s) => s.id));
    const mixed = await client.services.getMany([serviceId, 'svc-330523-no-such-thing']);
    expect(mixed.items.map((s) => s.id)).toEqual([serviceId]);
    expect(mixed.missing).toEqual(['svc-330523-no-such-thing']);
  });

  it('lists and gets bundles', async () => {
    const { client } = await clientFor();
    const all = [];
    for await (const bundle of client.bundles.listAll({ limit: 3 })) all.push(bundle);
    expect(all.length).toBeGreaterThanOrEqual(10);
    const first = all[0];
    if (!first) throw new Error('no bundle');
    const bundle = await client.bundles.get(first.id);
    expect(bundle.services.length).toBeGreaterThan(1);
  });

  it('lists sites, gets one, reads its slots and a venue’s code', async () => {
    const { client } = await clientFor();
    const sites = await client.sites.list({ service: serviceId });
    expect(sites.items.map((s) => s.id)).toContain(siteId);
    const site = await client.sites.get(siteId);
    expect(site.serviceIds).toContain(serviceId);
    const calendar = await client.sites.slots(siteId, { service: serviceId });
    expect(calendar.timeZone).toBe('Asia/Shanghai');
    expect(calendar.days.length).toBeGreaterThan(0);
    const venues = [];
    for await (const s of client.sites.listAll({ kind: 'venue' })) venues.push(s);
    const venue = venues[0];
    if (!venue) throw new Error('no venue site');
    const code = await client.sites.venueCode(venue.id);
    expect(code.kind).toBe('venue');
  });

  it('books, lists, gets, reschedules and cancels an appointment', async () => {
    const { client } = await clientFor(driver);
    const [slot, later] = await openSlots(client, 2);
    if (!slot || !later) throw new Error('no slots');
    const booked = await client.appointments.book(bookingFor(slot.id));
    expect(booked).toMatchObject({ status: 'booked', slot: { id: slot.id } });
    expect(booked.ticket?.kind).toBe('appointment');

    const mine = [];
    for await (const a of client.appointments.listAll({ status: 'booked' })) mine.push(a.id);
    expect(mine).toEqual([booked.id]);
    expect((await client.appointments.get(booked.id)).id).toBe(booked.id);

    const moved = await client.appointments.reschedule(booked.id, { slotId: later.id });
    expect(moved.slot.id).toBe(later.id);
    const cancelled = await client.appointments.cancel(booked.id, { reason: '时间有变' });
    expect(cancelled.status).toBe('cancelled');
    expect((await client.appointments.list({ status: 'booked' })).items).toEqual([]);
  });

  it('issues codes, verifies them online, and offline against the published keys', async () => {
    const { client } = await clientFor(driver);
    const [slot] = await openSlots(client);
    if (!slot) throw new Error('no slot');
    const booked = await client.appointments.book(bookingFor(slot.id));
    const ticket = await client.codes.issue({ kind: 'appointment', appointmentId: booked.id });
    const personal = await client.codes.issue({ kind: 'personal' });

    expect(await client.codes.verify(ticket.token)).toMatchObject({ valid: true, reason: null });
    const offline = { jwks: () => client.codes.keys(), issuer: sandbox.issuer };
    expect(await verifyCode(ticket.token, { ...offline, kind: 'appointment' })).toMatchObject({
      valid: true,
      claims: { kind: 'appointment', ref: booked.id, iss: sandbox.issuer },
    });
    expect(await verifyCode(personal.token, { ...offline, kind: 'appointment' })).toEqual({
      valid: false,
      reason: 'wrong_kind',
    });
    expect(
      await verifyCode(personal.token, {
        ...offline,
        now: () => new Date(Date.parse(personal.expiresAt) + 120_000),
      }),
    ).toEqual({ valid: false, reason: 'expired' });
    expect(await verifyCode(personal.token, { ...offline, issuer: 'https://other' })).toEqual({
      valid: false,
      reason: 'wrong_issuer',
    });
    const [header, payload, signature] = ticket.token.split('.');
    const flipped = `${signature?.startsWith('A') ? 'B' : 'A'}${signature?.slice(1)}`;
    expect(await verifyCode(`${header}.${payload}.${flipped}`, offline)).toMatchObject({
      valid: false,
      reason: 'bad_signature',
    });

    await client.appointments.cancel(booked.id);
    expect(await client.codes.verify(ticket.token)).toMatchObject({ valid: false });
  });

  it('reads evaluation tags, rates a handled matter once, and lists the evaluation', async () => {
    const { client: publicClient } = await clientFor();
    const { levels } = await publicClient.evaluations.tags();
    expect(levels).toHaveLength(5);
    const best = levels[0];
    if (!best) throw new Error('no levels');

    // Find a persona with a handled matter not rated yet.
    const subs = ['p-anji-driver', 'p-xihu-elder', 'p-deqing-parent', 'p-gaojiatang-villager'];
    for (const sub of subs) {
      const { client } = await clientFor(sub);
      const matters = [];
      for await (const m of client.me.mattersAll()) matters.push(m);
      const open = matters.find((m) => m.evaluation === null && m.status === 'handled');
      if (!open) continue;
      expect((await client.me.matter(open.caseNumber)).caseNumber).toBe(open.caseNumber);
      const evaluation = await client.evaluations.submit({
        caseNumber: open.caseNumber,
        level: best.level,
        tags: best.tags.slice(0, 1).map((t) => t.id),
        comment: '办理很快',
      });
      expect(evaluation.caseNumber).toBe(open.caseNumber);
      const again = (await client.evaluations
        .submit({ caseNumber: open.caseNumber, level: best.level })
        .catch((e) => e)) as ZheliApiError;
      expect(again.code).toBe('already_evaluated');
      const listed = [];
      for await (const e of client.evaluations.listAll()) listed.push(e.id);
      expect(listed).toContain(evaluation.id);
      expect((await client.evaluations.list()).items.length).toBeGreaterThan(0);
      return;
    }
    throw new Error(`none of ${subs.join(', ')} has an unrated handled matter`);
  });

  it('reads the profile, the recommendations and the discovery document', async () => {
    const { client } = await clientFor('p-xihu-elder');
    const profile = await client.me.profile();
    expect(profile.region.code).toBe('330106');
    expect((await client.me.recommendations()).items.length).toBeGreaterThan(0);
    const discovery = await client.identity.configuration();
    expect(discovery.issuer).toBe(sandbox.issuer);
  });

  it('dismisses, snoozes and restores a recommendation, and revokes and grants a data category', async () => {
    const { client } = await clientFor('p-xihu-elder', { scope: ['profile'] });
    const id = 'rec-old-age-allowance';
    const dismissed = await recommendationControls(client).dismissRecommendation(id, {
      reason: 'not_relevant',
    });
    expect(dismissed).toMatchObject({ recommendationId: id, state: 'dismissed' });
    expect((await client.me.recommendations()).items.map((r) => r.id)).not.toContain(id);
    const snoozed = await recommendationControls(client).snoozeRecommendation(id, { days: 30 });
    expect(snoozed).toMatchObject({ state: 'snoozed', reason: null });
    expect((await recommendationControls(client).restoreRecommendation(id)).id).toBe(id);
    expect((await client.me.recommendations()).items.map((r) => r.id)).toContain(id);

    const consents = await recommendationControls(client).dataConsents();
    expect(consents.items.find((c) => c.category === 'age')?.granted).toBe(true);
    expect(
      await recommendationControls(client).setDataConsent('age', { granted: false }),
    ).toMatchObject({
      category: 'age',
      granted: false,
    });
    const list = await client.me.recommendations();
    expect(list.items.map((r) => r.id)).not.toContain(id);
    expect(list.withheld?.map((w) => w.category)).toEqual(['age']);
    await recommendationControls(client).setDataConsent('age', { granted: true });
    expect((await client.me.recommendations()).items.map((r) => r.id)).toContain(id);
  });

  it('rejects a dismissal of a recommendation the person lacks with a typed 404', async () => {
    const { client } = await clientFor('p-anji-driver', { scope: ['profile'] });
    const error = await recommendationControls(client)
      .dismissRecommendation('rec-old-age-allowance', { reason: 'other' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ZheliApiError', status: 404, code: 'not_found' });
  });
});

describe('the village points ledger', () => {
  const village = 'vil-330523-gaojiatang';

  it('reads the rules, the balance and the ledger, and redeems for a code the shop verifies offline', async () => {
    const { client: shop } = await clientFor();
    const rules = await points(shop).rules(village);
    expect(rules.village.name).toBe('高家堂村');
    const rice = rules.rewards.find((r) => r.id === 'rwd-rice-5kg');
    expect(rice?.points).toBe(50);

    const { client, requests } = await clientFor('p-gaojiatang-villager', { scope: ['points'] });
    const mine = await points(client).mine();
    expect(mine.member.balance).toBe(1280);
    expect(mine.household.members.map((m) => m.name)).toEqual(['李*水', '沈*英']);
    const entries = [];
    for await (const entry of points(client).entriesAll({ of: 'household', limit: 3 })) {
      entries.push(entry);
    }
    expect(entries).toHaveLength(10);
    expect(entries.reduce((sum, e) => sum + e.points, 0)).toBe(mine.household.balance);

    const redeemed = await points(client).redeem({ rewardId: 'rwd-rice-5kg', quantity: 2 });
    expect(redeemed.balance).toBe(1180);
    const sent = requests.at(-1);
    expect(sent?.headers.get('idempotency-key')).toMatch(/^[0-9a-f-]{36}$/);
    // The shop's scanner: the keys it holds, no call to the platform per code.
    const keys = await shop.codes.keys();
    expect(
      await verifyCode(redeemed.code.token, {
        jwks: keys,
        issuer: sandbox.issuer,
        kind: 'redemption',
      }),
    ).toMatchObject({
      valid: true,
      claims: {
        kind: 'redemption',
        ref: redeemed.id,
        reward: 'rwd-rice-5kg',
        quantity: 2,
        points: 100,
      },
    });

    // Ten bottles of oil (800 points) once, not twice.
    expect((await points(client).redeem({ rewardId: 'rwd-oil-5l', quantity: 10 })).balance).toBe(
      380,
    );
    const refused = (await points(client)
      .redeem({ rewardId: 'rwd-oil-5l', quantity: 10 })
      .catch((e) => e)) as ZheliApiError;
    expect([refused.status, refused.code]).toEqual([409, 'insufficient_points']);
  });

  it('records points as an officer, and a citizen’s token is refused with 403', async () => {
    const { client: officer } = await clientFor('p-gaojiatang-officer', {
      scope: ['points:record'],
      clientId: 'village-officer',
    });
    const { items } = await points(officer).households(village);
    const member = items.find((h) => h.id === 'hh-gjt-035')?.members[0];
    if (!member) throw new Error('no member');
    expect(member.balance).toBe(0);
    const recorded = await points(officer).record(village, {
      memberId: member.id,
      ruleId: 'rule-volunteer',
      quantity: 2,
      note: '协助村晚布置 2 小时',
    });
    expect(recorded).toMatchObject({
      balance: 100,
      entry: { points: 100, recordedBy: { role: 'officer' } },
    });

    const { client: citizen } = await clientFor('p-gaojiatang-villager', {
      scope: ['openid', 'profile', 'points', 'codes'],
    });
    const refused = (await points(citizen)
      .record(village, { memberId: member.id, ruleId: 'rule-volunteer', quantity: 1 })
      .catch((e) => e)) as ZheliApiError;
    expect([refused.status, refused.code]).toEqual([403, 'insufficient_scope']);
  });
});

describe('retries through fault injection', () => {
  it('retries a 503 and returns the success that follows, after Retry-After', async () => {
    const { client, requests } = await clientFor();
    sandbox.faults.add({
      operationId: 'searchServices',
      kind: 'status',
      status: 503,
      retryAfter: 1,
    });
    const timers = recordTimers();
    try {
      const page = await client.services.search({ region: '330523' });
      expect(page.items.length).toBeGreaterThan(0);
    } finally {
      timers.restore();
    }
    expect(requests).toHaveLength(2);
    // The wait between the attempts was the sandbox's Retry-After: 1.
    expect(timers.delays).toContain(1000);
  });

  it('waits for Retry-After on a 429, then succeeds', async () => {
    const { client, requests } = await clientFor();
    sandbox.faults.add({ operationId: 'listRegions', kind: 'status', status: 429, retryAfter: 1 });
    const timers = recordTimers();
    try {
      await client.regions.list();
    } finally {
      timers.restore();
    }
    expect(timers.delays).toContain(1000);
    expect(requests).toHaveLength(2);
  });

  it('books exactly once when the connection drops after the booking was made', async () => {
    const { client, requests, replayed } = await clientFor(driver);
    const [slot] = await openSlots(client);
    if (!slot) throw new Error('no slot');
    const before = requests.length;
    sandbox.faults.add({ operationId: 'bookAppointment', kind: 'drop-after' });
    const booked = await client.appointments.book(bookingFor(slot.id));
    const posts = requests.slice(before);
    expect(posts).toHaveLength(2);
    expect(posts[0]?.headers.get('idempotency-key')).toBe(posts[1]?.headers.get('idempotency-key'));
    expect(replayed.at(-1)).toBe('true');
    const mine = (await client.appointments.list()).items;
    expect(mine.map((a) => a.id)).toEqual([booked.id]);
    const calendar = await client.sites.slots(siteId, { service: serviceId });
    const after = calendar.days.flatMap((d) => d.slots).find((s) => s.id === slot.id);
    expect(after?.remaining).toBe(slot.remaining - 1);
  });

  it('retries a booking refused with 503 under the same key, and books once', async () => {
    const { client, requests } = await clientFor(driver, { retry: { limit: 2, delay: () => 10 } });
    const [slot] = await openSlots(client);
    if (!slot) throw new Error('no slot');
    const before = requests.length;
    sandbox.faults.add({
      operationId: 'bookAppointment',
      kind: 'status',
      status: 503,
      retryAfter: 0,
    });
    await client.appointments.book(bookingFor(slot.id));
    const keys = requests.slice(before).map((r) => r.headers.get('idempotency-key'));
    expect(keys).toHaveLength(2);
    expect(new Set(keys).size).toBe(1);
    expect((await client.appointments.list()).items).toHaveLength(1);
  });

  it('retries a GET whose connection dropped before it was handled', async () => {
    const { client, requests } = await clientFor();
    sandbox.faults.add({ operationId: 'getService', kind: 'drop-before' });
    expect((await client.services.get(serviceId)).id).toBe(serviceId);
    expect(requests).toHaveLength(2);
  });

  it('does not retry a POST without an Idempotency-Key when its connection drops', async () => {
    const { client, requests } = await clientFor(driver);
    sandbox.faults.add({ operationId: 'issueCode', kind: 'drop-after' });
    const error = await client.codes.issue({ kind: 'personal' }).catch((e) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(requests).toHaveLength(1);
  });

  it('rejects a malformed body with ZheliResponseError, without retrying', async () => {
    const { client, requests } = await clientFor();
    sandbox.faults.add({ operationId: 'getService', kind: 'malformed' });
    const error = (await client.services.get(serviceId).catch((e) => e)) as ZheliResponseError;
    expect(error).toBeInstanceOf(ZheliResponseError);
    expect(error.missing).toContain('id');
    expect(error.missing).toContain('materials');
    expect(requests).toHaveLength(1);
  });

  it('gives up with the last 503 after the retry limit', async () => {
    const { client, requests } = await clientFor(undefined, {
      retry: { limit: 2, delay: () => 10 },
    });
    sandbox.faults.add({
      operationId: 'listRegions',
      kind: 'status',
      status: 503,
      retryAfter: 0,
      times: 5,
    });
    const error = (await client.regions.list().catch((e) => e)) as ZheliApiError;
    expect(error).toMatchObject({ status: 503, code: 'service_unavailable' });
    expect(requests).toHaveLength(3);
  });

  it('times out a slow attempt with TimeoutError', async () => {
    const { client } = await clientFor(undefined, { timeout: 200, retry: 0 });
    sandbox.faults.add({ operationId: 'listRegions', kind: 'delay', delayMs: 2000 });
    expect(await client.regions.list().catch((e) => e)).toBeInstanceOf(TimeoutError);
  });
});

describe('access tokens', () => {
  it('refreshes once after a 401 and replays with the fresh token', async () => {
    const fresh = await sandbox.mintAccessToken({ sub: driver, scope: ['appointments'] });
    const onUnauthorized = vi.fn(async () => fresh);
    const { client, requests } = await clientFor(undefined, {
      getAccessToken: async () => 'not-a-token-the-sandbox-issued',
      onUnauthorized,
    });
    expect((await client.appointments.list()).items).toEqual([]);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    expect(requests.map((r) => r.headers.get('authorization'))).toEqual([
      'Bearer not-a-token-the-sandbox-issued',
      `Bearer ${fresh}`,
    ]);
  });

  it('replays at most once: a refreshed token that is refused too rejects with the 401', async () => {
    const onUnauthorized = vi.fn(async () => 'still-not-valid');
    const { client, requests } = await clientFor(undefined, {
      getAccessToken: async () => 'not-valid',
      onUnauthorized,
    });
    const error = (await client.me.profile().catch((e) => e)) as ZheliApiError;
    expect(error).toMatchObject({ status: 401, code: 'unauthenticated' });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    expect(requests).toHaveLength(2);
  });

  it('answers 403 insufficient_scope without a refresh', async () => {
    const onUnauthorized = vi.fn(async () => undefined);
    const { client, requests } = await clientFor(driver, { scope: ['profile'], onUnauthorized });
    const error = (await client.appointments.list().catch((e) => e)) as ZheliApiError;
    expect(error).toMatchObject({ status: 403, code: 'insufficient_scope' });
    expect(onUnauthorized).not.toHaveBeenCalled();
    expect(requests).toHaveLength(1);
  });
});

describe('abort, sharing and idempotency', () => {
  it('aborts a slow request at once with the signal’s reason', async () => {
    const { client } = await clientFor();
    // Longer than the test may take: only the abort can end the wait.
    sandbox.faults.add({ operationId: 'searchServices', kind: 'delay', delayMs: 120_000 });
    const controller = new AbortController();
    const pending = client.services.search({}, { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    const error = await pending.catch((e) => e);
    expect(error.name).toBe('AbortError');
  });

  it('sends one booking for a double click', async () => {
    const { client, requests } = await clientFor(driver);
    const [slot] = await openSlots(client);
    if (!slot) throw new Error('no slot');
    const before = requests.length;
    const [a, b] = await Promise.all([
      client.appointments.book(bookingFor(slot.id)),
      client.appointments.book(bookingFor(slot.id)),
    ]);
    expect(a.id).toBe(b.id);
    expect(requests.length - before).toBe(1);
  });

  it('replays the first answer for a repeated key and refuses the key with another body', async () => {
    const { client } = await clientFor(driver);
    const [slot, other] = await openSlots(client, 2);
    if (!slot || !other) throw new Error('no slots');
    const idempotencyKey = `test-${Date.now()}`;
    const first = await client.appointments.book(bookingFor(slot.id), { idempotencyKey });
    const second = await client.appointments.book(bookingFor(slot.id), { idempotencyKey });
    expect(second.id).toBe(first.id);
    expect((await client.appointments.list()).items).toHaveLength(1);
    const conflict = (await client.appointments
      .book(bookingFor(other.id), { idempotencyKey })
      .catch((e) => e)) as ZheliApiError;
    expect(conflict).toMatchObject({ status: 422, code: 'idempotency_conflict' });
  });
});

describe('the Node example in the docs', () => {
  it('runs against the sandbox: pages, slots, a problem and an offline-verified venue code', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [
      new URL('../examples/node.mjs', import.meta.url).pathname,
      sandbox.url,
    ]);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^first: svc-/);
    expect(Number(lines[1]?.replace('bookable in Anji: ', ''))).toBeGreaterThan(0);
    expect(Number(lines[2]?.replace('free slots: ', ''))).toBeGreaterThan(0);
    expect(lines[3]).toMatch(/^error: 404 not_found \(trace .+\)$/);
    expect(lines[4]).toBe('venue code: valid, venue');
  });
});
