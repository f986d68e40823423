import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { key, type TestApi, testApi } from './helpers.js';

let t: TestApi;
beforeAll(async () => {
  t = await testApi();
});
afterAll(() => t.close());

describe('getProfile', () => {
  it('masks the name and shows the phone and identity only with their scopes', async () => {
    const plain = await t.get('/v1/me', { token: t.token('p-xihu-elder', ['profile']) });
    expect(plain.body).toEqual({
      sub: 'p-xihu-elder',
      kind: 'person',
      displayName: '王*英',
      region: { code: '330106', name: '西湖区' },
      locale: 'zh-CN',
      enterprise: null,
    });
    const full = await t.get('/v1/me', {
      token: t.token('p-xihu-elder', ['profile', 'phone', 'identity']),
    });
    expect(full.body.phone).toBe('138****0001');
    expect(full.body.identity).toEqual({
      verified: true,
      level: 2,
      name: '王*英',
      idNumber: '330***********0027',
      age: 81,
    });
  });

  it('shows an enterprise by its full name with its masked credit code', async () => {
    const res = await t.get('/v1/me', {
      token: t.token('p-wuxing-business', ['profile', 'identity']),
    });
    expect(res.body).toMatchObject({
      kind: 'enterprise',
      displayName: '湖州禾悦童装有限公司',
      enterprise: { creditCode: '913305************', legalRepresentative: '李*' },
      identity: { age: null, name: '李*' },
    });
  });

  it('needs the profile scope', async () => {
    expect((await t.get('/v1/me', { token: t.token('p-xihu-elder', ['phone']) })).status).toBe(403);
    expect((await t.get('/v1/me')).status).toBe(401);
  });
});

describe('listRecommendations', () => {
  const ids = async (sub: string) =>
    (await t.get('/v1/me/recommendations', { token: t.token(sub, ['profile']) })).body.items;

  it('proposes the old-age allowance to someone over 80, in their own district', async () => {
    const items = await ids('p-xihu-elder');
    expect(items[0]).toMatchObject({
      id: 'rec-old-age-allowance',
      kind: 'policy',
      action: 'apply',
      serviceId: 'svc-330106-old-age-allowance',
      bundleId: null,
    });
  });

  it('reminds a driver whose inspection is due within 60 days to book it', async () => {
    const [first] = await ids('p-anji-driver');
    expect(first).toMatchObject({
      kind: 'reminder',
      action: 'book',
      serviceId: 'svc-330523-vehicle-inspection-booking',
      dueDate: '2026-12-15',
    });
  });

  it('proposes school enrollment for a child turning six, birth for a newborn, and more', async () => {
    const school = (await ids('p-deqing-parent')).find(
      (r: { id: string }) => r.id === 'rec-school-enrollment',
    );
    // The reason says which rule matched, with the person's own facts.
    expect(school.reason).toContain('您的孩子陆子航于2020-07-01出生，2026年满6周岁');
    expect(school.reasonEn).toContain('Your child 陆子航, born on 2020-07-01, turns six in 2026');
    const birth = (await ids('p-linan-newborn')).find((r: { id: string }) => r.id === 'rec-birth');
    expect(birth).toMatchObject({ kind: 'bundle', bundleId: 'bnd-birth', serviceId: null });
    expect((await ids('p-qujiang-jobseeker')).map((r: { id: string }) => r.id)).toContain(
      'rec-unemployment-benefit',
    );
    const loan = (await ids('p-wuxing-business')).find(
      (r: { id: string }) => r.id === 'rec-small-business-loan',
    );
    expect(loan.serviceId).toBe('svc-330500-small-business-loan'); // a city service, Huzhou's
    expect((await ids('p-yuhang-renter')).map((r: { id: string }) => r.id)).toContain(
      'rec-provident-fund-rent',
    );
  });

  it('needs the profile scope', async () => {
    const res = await t.get('/v1/me/recommendations', {
      token: t.token('p-xihu-elder', ['evaluations']),
    });
    expect(res.status).toBe(403);
  });

  it('proposes nothing age-related to someone younger', async () => {
    const items = await ids('p-yuhang-renter');
    expect(items.map((r: { id: string }) => r.id)).not.toContain('rec-old-age-allowance');
  });
});

describe('evaluations', () => {
  const driver = () => t.token('p-anji-driver', ['evaluations']);

  it('lists the five levels best first, each with its tags in three languages', async () => {
    const res = await t.get('/v1/evaluations/tags');
    expect(res.body.levels.map((l: { level: string }) => l.level)).toEqual([
      'very_satisfied',
      'satisfied',
      'basically_satisfied',
      'dissatisfied',
      'very_dissatisfied',
    ]);
    expect(res.body.levels[0].tags[0]).toEqual({
      id: 'fast',
      name: '办理快',
      nameTw: '辦理快',
      nameEn: 'Quick',
    });
  });

  it('lists the driver’s handled matters, newest first, the inspection not yet rated', async () => {
    const res = await t.get('/v1/me/matters', { token: driver() });
    expect(res.body.items[0]).toMatchObject({
      caseNumber: '330523-20261118-000123',
      service: { id: 'svc-330523-vehicle-inspection-booking' },
      status: 'handled',
      evaluation: null,
    });
    expect(res.body.items.some((m: { evaluation: unknown }) => m.evaluation !== null)).toBe(true);
  });

  it('rates a matter once, updates the service’s score, and refuses a second rating', async () => {
    const before = (await t.get('/v1/services/svc-330523-vehicle-inspection-booking')).body.rating
      .count;
    const body = {
      caseNumber: '330523-20261118-000123',
      level: 'very_satisfied',
      tags: ['fast', 'courteous'],
      comment: '半小时就办好了。',
    };
    const res = await t.post('/v1/evaluations', {
      token: driver(),
      headers: { 'Idempotency-Key': key() },
      body,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      caseNumber: body.caseNumber,
      level: 'very_satisfied',
      tags: ['fast', 'courteous'],
    });
    expect(res.body.id).toMatch(/^evl-/);
    expect(
      (await t.get('/v1/services/svc-330523-vehicle-inspection-booking')).body.rating.count,
    ).toBe(before + 1);
    const again = await t.post('/v1/evaluations', {
      token: driver(),
      headers: { 'Idempotency-Key': key() },
      body,
    });
    expect(again.body.code).toBe('already_evaluated');
    const matter = await t.get('/v1/me/matters/330523-20261118-000123', { token: driver() });
    expect(matter.body.evaluation.id).toBe(res.body.id);
    const mine = await t.get('/v1/evaluations', { token: driver() });
    expect(mine.body.items[0].id).toBe(res.body.id);
  });

  it('refuses tags of another level, naming the tag', async () => {
    const [matter] = (
      await t.get('/v1/me/matters', { token: t.token('p-xihu-elder', ['evaluations']) })
    ).body.items;
    const res = await t.post('/v1/evaluations', {
      token: t.token('p-xihu-elder', ['evaluations']),
      headers: { 'Idempotency-Key': key() },
      body: { caseNumber: matter.caseNumber, level: 'satisfied', tags: ['fast', 'improper_fees'] },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ field: 'body.tags[1]', code: 'enum' }),
    ]);
  });

  it('answers 404 for someone else’s matter, to read or to rate', async () => {
    const stranger = t.token('p-xihu-elder', ['evaluations']);
    expect((await t.get('/v1/me/matters/330523-20261118-000123', { token: stranger })).status).toBe(
      404,
    );
    const res = await t.post('/v1/evaluations', {
      token: stranger,
      headers: { 'Idempotency-Key': key() },
      body: { caseNumber: '330523-20261118-000123', level: 'dissatisfied' },
    });
    expect(res.status).toBe(404);
    expect((await t.get('/v1/me/matters/123', { token: stranger })).body.errors[0].field).toBe(
      'path.caseNumber',
    );
  });

  it('answers 422 for a key reused with another evaluation', async () => {
    const token = t.token('p-yuhang-renter', ['evaluations']);
    const [matter] = (await t.get('/v1/me/matters', { token })).body.items.filter(
      (m: { evaluation: unknown }) => m.evaluation === null,
    );
    const k = key();
    const rate = (level: string) =>
      t.post('/v1/evaluations', {
        token,
        headers: { 'Idempotency-Key': k },
        body: { caseNumber: matter.caseNumber, level },
      });
    expect((await rate('satisfied')).status).toBe(201);
    const replay = await rate('satisfied');
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect((await rate('dissatisfied')).body.code).toBe('idempotency_conflict');
  });

  it('needs an Idempotency-Key and the evaluations scope', async () => {
    const noKey = await t.post('/v1/evaluations', {
      token: driver(),
      body: { caseNumber: '330523-20261118-000123', level: 'satisfied' },
    });
    expect(noKey.body.code).toBe('idempotency_key_required');
    expect(
      (await t.get('/v1/evaluations', { token: t.token('p-anji-driver', ['profile']) })).status,
    ).toBe(403);
  });
});
