import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPersonas } from '../src/personas.js';
import { rules } from '../src/recommend/rules.js';
import { type TestApi, testApi, testNow } from './helpers.js';

let t: TestApi;
beforeAll(async () => {
  t = await testApi();
});
afterAll(() => t.close());

const day = 24 * 3600 * 1000;

/** The ids of what `sub` is recommended now. */
async function listed(sub: string): Promise<string[]> {
  const res = await t.get('/v1/me/recommendations', { token: t.token(sub, ['profile']) });
  expect(res.status).toBe(200);
  return res.body.items.map((item: { id: string }) => item.id);
}

describe('personas', () => {
  /** The rule that made a recommendation, from its id (`rec-vehicle-inspection-{plateId}`). */
  const ruleOf = (id: string) =>
    rules.find((rule) => new RegExp(`^${rule.id.replace(/\{\w+\}/g, '.+')}$`).test(id))?.id;

  it('cover every rule on the sandbox’s clock, and the personas no rule applies to are recommended nothing', async () => {
    const personas = await loadPersonas();
    const covered = new Set<string>();
    const empty: string[] = [];
    for (const persona of personas) {
      const res = await t.get('/v1/me/recommendations', {
        token: t.token(persona.sub, ['profile']),
      });
      const ids: string[] = res.body.items.map((item: { id: string }) => item.id);
      // Each names the data its rule reads, so the person can see what a consent covers.
      for (const item of res.body.items) expect(item.uses.length, item.id).toBeGreaterThan(0);
      if (ids.length === 0) empty.push(persona.sub);
      for (const id of ids) covered.add(ruleOf(id) ?? `unknown ${id}`);
    }
    expect([...covered].sort()).toEqual(rules.map((rule) => rule.id).sort());
    // The foreign resident (renting without a provident fund, nothing else the rules read) and
    // the village officer of the points ledger, whose persona carries only the officer's role.
    expect(empty.sort()).toEqual(['p-foreign-resident', 'p-gaojiatang-officer']);
  });
});

describe('dismissRecommendation', () => {
  it('hides the recommendation with its reason until it is restored', async () => {
    const token = t.token('p-xihu-elder', ['profile']);
    const path = '/v1/me/recommendations/rec-old-age-allowance';
    const res = await t.post(`${path}/dismiss`, { token, body: { reason: 'already_done' } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      recommendationId: 'rec-old-age-allowance',
      state: 'dismissed',
      reason: 'already_done',
      until: null,
      createdAt: '2026-11-23T10:00:00+08:00',
    });
    expect(await listed('p-xihu-elder')).not.toContain('rec-old-age-allowance');
    // Another person's list is theirs alone.
    expect(await listed('p-gongshu-retiree')).not.toContain('rec-old-age-allowance');

    const restored = await t.post(`${path}/restore`, { token });
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ id: 'rec-old-age-allowance', kind: 'policy' });
    expect(await listed('p-xihu-elder')).toContain('rec-old-age-allowance');
    expect((await t.post(`${path}/restore`, { token })).status).toBe(404);
  });

  it('answers 404 for a recommendation the person does not have, 400 for an unknown reason', async () => {
    const token = t.token('p-anji-driver', ['profile']);
    const other = await t.post('/v1/me/recommendations/rec-old-age-allowance/dismiss', {
      token,
      body: { reason: 'other' },
    });
    expect(other.status).toBe(404);
    expect(other.body.code).toBe('not_found');
    const bad = await t.post('/v1/me/recommendations/rec-driving-licence-renewal/dismiss', {
      token,
      body: { reason: 'bored' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('validation_failed');
  });

  it('needs the profile scope', async () => {
    const path = '/v1/me/recommendations/rec-old-age-allowance/dismiss';
    const body = { reason: 'other' };
    expect((await t.post(path, { body })).status).toBe(401);
    const token = t.token('p-xihu-elder', ['phone']);
    expect((await t.post(path, { token, body })).status).toBe(403);
    const allowed = t.token('p-xihu-elder', ['profile']);
    expect((await t.post(path, { token: allowed, body })).status).toBe(200);
    await t.post('/v1/me/recommendations/rec-old-age-allowance/restore', { token: allowed });
  });
});

describe('snoozeRecommendation', () => {
  it('hides the recommendation for the days chosen on the sandbox’s clock, then lists it again', async () => {
    const token = t.token('p-yuhang-renter', ['profile']);
    const id = 'rec-provident-fund-rent';
    const res = await t.post(`/v1/me/recommendations/${id}/snooze`, { token, body: { days: 7 } });
    expect(res.body).toEqual({
      recommendationId: id,
      state: 'snoozed',
      reason: null,
      until: '2026-11-30T10:00:00+08:00',
      createdAt: '2026-11-23T10:00:00+08:00',
    });
    expect(await listed('p-yuhang-renter')).not.toContain(id);
    try {
      t.setNow(() => new Date(testNow.getTime() + 7 * day - 1000));
      expect(await listed('p-yuhang-renter')).not.toContain(id);
      t.setNow(() => new Date(testNow.getTime() + 7 * day));
      expect(await listed('p-yuhang-renter')).toContain(id);
    } finally {
      t.setNow(() => testNow);
    }
  });

  it('refuses a number of days other than 7 or 30', async () => {
    const token = t.token('p-yuhang-renter', ['profile']);
    const res = await t.post('/v1/me/recommendations/rec-provident-fund-rent/snooze', {
      token,
      body: { days: 3 },
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['body.days']);
  });
});

describe('data consents', () => {
  it('lists every category with its purpose, scope and rules, all granted at first', async () => {
    const res = await t.get('/v1/me/data-consents', {
      token: t.token('p-deqing-parent', ['profile']),
    });
    expect(res.status).toBe(200);
    const vehicles = res.body.items.find((c: { category: string }) => c.category === 'vehicles');
    expect(vehicles).toMatchObject({
      name: '车辆与驾驶证',
      granted: true,
      updatedAt: null,
      rules: [
        { id: 'rec-vehicle-inspection', name: '机动车检验提醒' },
        { id: 'rec-driving-licence-renewal', name: '驾驶证换证提醒' },
      ],
    });
    // Every rule is listed under each category it reads.
    const listedRules = new Set(
      res.body.items.flatMap((c: { rules: { id: string }[] }) => c.rules.map((r) => r.id)),
    );
    expect(listedRules.size).toBe(rules.length);
  });

  it('stops every rule that reads a revoked category, says so, and runs them again once granted', async () => {
    const token = t.token('p-anji-driver', ['profile']);
    const before = await t.get('/v1/me/recommendations', { token });
    expect(before.body.withheld).toEqual([]);
    const inspection = before.body.items.find((i: { id: string }) =>
      i.id.startsWith('rec-vehicle-inspection'),
    );
    expect(inspection.uses).toEqual([
      { category: 'vehicles', name: '车辆与驾驶证', nameEn: 'Vehicles and driving licence' },
    ]);

    const revoked = await t.post('/v1/me/data-consents/vehicles', {
      token,
      body: { granted: false },
    });
    expect(revoked.body).toMatchObject({
      category: 'vehicles',
      granted: false,
      updatedAt: '2026-11-23T10:00:00+08:00',
    });
    const after = await t.get('/v1/me/recommendations', { token });
    expect(
      after.body.items.filter((i: { uses: { category: string }[] }) =>
        i.uses.some((u) => u.category === 'vehicles'),
      ),
    ).toEqual([]);
    expect(after.body.withheld).toEqual([
      {
        category: 'vehicles',
        name: '车辆与驾驶证',
        nameEn: 'Vehicles and driving licence',
        rules: 2,
      },
    ]);
    // A recommendation that needs the category cannot be dismissed meanwhile: it does not exist.
    const dismiss = await t.post(`/v1/me/recommendations/${inspection.id}/dismiss`, {
      token,
      body: { reason: 'other' },
    });
    expect(dismiss.status).toBe(404);

    await t.post('/v1/me/data-consents/vehicles', { token, body: { granted: true } });
    const again = await t.get('/v1/me/recommendations', { token });
    expect(again.body.items.map((i: { id: string }) => i.id)).toEqual(
      before.body.items.map((i: { id: string }) => i.id),
    );
    expect(again.body.withheld).toEqual([]);
  });

  it('refuses an unknown category', async () => {
    const res = await t.post('/v1/me/data-consents/shoe-size', {
      token: t.token('p-anji-driver', ['profile']),
      body: { granted: false },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['path.category']);
  });
});
