// One-matter applications (一件事办理) on real PGlite: the guide computed from the bundle's
// services (materials merged, the form from data), documents on file, drafts that resume in
// another session, one keyed submission, progress on the sandbox clock, and the correction path.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { key, type TestApi, testApi, testNow } from './helpers.js';

let t: TestApi;
let clock = testNow;
beforeAll(async () => {
  t = await testApi({ now: () => clock });
});
afterAll(() => t.close());

const hours = (n: number) => new Date(testNow.getTime() + n * 3600_000);
const scope = ['applications'];
const mother = 'p-linan-newborn';
const parent = 'p-deqing-parent';

/** A complete birth application for the mother in Lin'an. */
const birthValues = {
  newbornName: '吴语桐',
  newbornGender: 'female',
  newbornBirthDate: '2026-10-20',
  birthHospital: '杭州市临安区人民医院',
  hukouWith: 'mother',
  applicantPhone: '13800000008',
  cardDeliveryAddress: '杭州市临安区锦城街道钱王街100号',
  bankAccount: '6222021202041234567',
};
const birthBody = { bundleId: 'bnd-birth', values: birthValues, materials: ['recent-id-photo'] };

async function submit(sub: string, body: unknown, idempotencyKey = key()) {
  return t.post('/v1/me/bundle-applications', {
    token: t.token(sub, scope),
    body,
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}

async function rejectNext(rule: unknown) {
  return t.request('POST', '/__sandbox/step-rejections', {
    body: rule,
    headers: { 'X-Zheli-Sandbox': '1' },
  });
}

describe('getBundleGuide', () => {
  it('asks for a material several services need once, naming every step that needs it', async () => {
    const res = await t.get('/v1/bundles/bnd-school-enrollment/guide?region=330521');
    expect(res.status).toBe(200);
    const guide = res.body;
    expect(guide.steps).toHaveLength(6);
    // 居民户口簿 is asked by enrollment, the hukou check and the student-status registration.
    const hukou = guide.materials.filter((m: { key: string }) => m.key === 'household-register');
    expect(hukou).toHaveLength(1);
    expect(hukou[0]).toMatchObject({ name: '居民户口簿', required: true, prefilled: true });
    expect(hukou[0].neededBy).toEqual([
      'svc-330521-school-enrollment-registration',
      'svc-330521-enrollment-hukou-check',
      'svc-330521-student-status-registration',
    ]);
    // 11 materials across the six services, 7 distinct.
    const keys = guide.materials.map((m: { key: string }) => m.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toHaveLength(7);
    // Optional in enrollment, required by the property check: required once merged.
    expect(
      guide.materials.find((m: { key: string }) => m.key === 'real-estate-certificate'),
    ).toMatchObject({
      required: true,
    });
  });

  it('makes the form from the steps’ fields, each asked once, in the steps’ order', async () => {
    const { body } = await t.get('/v1/bundles/bnd-school-enrollment/guide');
    expect(body.form.type).toBe('object');
    expect(body.form.order).toEqual([
      'childName',
      'childIdNumber',
      'childGender',
      'guardianRelation',
      'applicantPhone',
      'homeAddress',
      'intendedSchool',
    ]);
    expect(body.form.required).not.toContain('intendedSchool');
    expect(body.form.properties.childName.neededBy).toHaveLength(4);
    expect(body.form.properties.guardianRelation).toMatchObject({
      type: 'string',
      enum: ['father', 'mother', 'grandparent', 'other_guardian'],
      enumTitles: ['父亲', '母亲', '祖父母或外祖父母', '其他监护人'],
    });
    expect(body.steps[4]).toMatchObject({
      fields: ['childName', 'childIdNumber'],
      materials: ['vaccination-record'],
    });
  });

  it('takes each step from the region: the social security card is Hangzhou’s, the rest Lin’an’s', async () => {
    const { body } = await t.get('/v1/bundles/bnd-birth/guide?region=330112');
    expect(body.name).toBe('新生儿出生一件事');
    expect(body.steps.map((s: { service: { id: string } }) => s.service.id)).toEqual([
      'svc-330112-birth-medical-certificate',
      'svc-330112-newborn-hukou',
      'svc-330112-newborn-medical-insurance',
      'svc-330100-social-security-card',
      'svc-330100-maternity-benefit',
      'svc-330112-childcare-subsidy',
    ]);
    // Five departments: health handles the birth certificate and the childcare subsidy.
    expect(
      new Set(body.steps.map((s: { department: { id: string } }) => s.department.id)).size,
    ).toBe(5);
    expect(
      body.materials.find((m: { key: string }) => m.key === 'birth-certificate').neededBy,
    ).toHaveLength(4);
  });

  it('answers 404 for an unknown bundle and 400 for an unknown region', async () => {
    expect((await t.get('/v1/bundles/bnd-nothing/guide')).status).toBe(404);
    const res = await t.get('/v1/bundles/bnd-birth/guide?region=339999');
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('query.region');
  });
});

describe('listMyDocuments', () => {
  it('lists the documents on file, masked, the child’s under the child’s name', async () => {
    const res = await t.get('/v1/me/documents', { token: t.token(mother, scope) });
    expect(res.status).toBe(200);
    const byKey = Object.fromEntries(
      res.body.items.map((d: { materialKey: string }) => [d.materialKey, d]),
    );
    expect(Object.keys(byKey).sort()).toEqual([
      'birth-certificate',
      'household-register',
      'id-card',
      'marriage-certificate',
      'vaccination-record',
    ]);
    expect(byKey['id-card']).toMatchObject({ holder: '周*燕', number: '330***********0027' });
    expect(byKey['birth-certificate'].holder).toBe('吴*桐');
    expect(JSON.stringify(res.body)).not.toContain('330112199506080027');
  });

  it('needs the applications scope', async () => {
    expect((await t.get('/v1/me/documents', { token: t.token(mother, ['profile']) })).status).toBe(
      403,
    );
    expect((await t.get('/v1/me/documents')).status).toBe(401);
  });
});

describe('drafts', () => {
  it('saves a draft in one session and resumes it in another, on another client', async () => {
    const path = '/v1/me/bundle-drafts/bnd-school-enrollment';
    expect((await t.get(path, { token: t.token(parent, scope) })).status).toBe(404);
    const saved = await t.request('PUT', path, {
      token: t.token(parent, scope, 'county-site'),
      body: { values: { childName: '陆子航', childGender: 'male', homeAddress: '' }, step: 2 },
    });
    expect(saved.status).toBe(200);
    const resumed = await t.get(path, { token: t.token(parent, scope, 'partner-app') });
    expect(resumed.body).toEqual({
      bundleId: 'bnd-school-enrollment',
      values: { childName: '陆子航', childGender: 'male', homeAddress: '' },
      materials: [],
      step: 2,
      updatedAt: '2026-11-23T10:00:00+08:00',
    });
    // Someone else has no draft of that bundle.
    expect((await t.get(path, { token: t.token(mother, scope) })).status).toBe(404);
  });

  it('checks a draft’s values against the form, but not that it is complete', async () => {
    const res = await t.request('PUT', '/v1/me/bundle-drafts/bnd-birth', {
      token: t.token(mother, scope),
      body: { values: { newbornGender: 'unknown', petName: 'x', birthWeightGrams: 100 } },
    });
    expect(res.status).toBe(400);
    expect(
      res.body.errors.map((e: { field: string; code: string }) => `${e.field} ${e.code}`),
    ).toEqual([
      'body.values.newbornGender enum',
      'body.values.petName unknown',
      'body.values.birthWeightGrams minimum',
    ]);
  });
});

describe('submitBundleApplication', () => {
  it('refuses missing fields and a required material that is neither on file nor provided', async () => {
    const res = await submit(mother, { bundleId: 'bnd-birth', values: { newbornName: '吴语桐' } });
    expect(res.status).toBe(400);
    const fields = res.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toContain('body.values.newbornGender');
    expect(fields).toContain('body.values.bankAccount');
    // The ID photo is the one required material the platform does not hold.
    expect(res.body.errors.filter((e: { field: string }) => e.field === 'body.materials')).toEqual([
      expect.objectContaining({
        code: 'required',
        message: expect.stringContaining('recent-id-photo'),
      }),
    ]);
  });

  it('submits once for every department; a retry with the same key replays it; the draft is gone', async () => {
    await t.request('PUT', '/v1/me/bundle-drafts/bnd-birth', {
      token: t.token(mother, scope),
      body: { values: { newbornName: '吴语桐' } },
    });
    const idempotencyKey = key();
    const first = await submit(mother, birthBody, idempotencyKey);
    expect(first.status).toBe(201);
    expect(first.headers.get('location')).toBe(`/v1/me/bundle-applications/${first.body.id}`);
    expect(first.body).toMatchObject({
      bundleId: 'bnd-birth',
      status: 'in_progress',
      completedAt: null,
    });
    expect(first.body.steps).toHaveLength(6);
    expect(first.body.steps.every((s: { status: string }) => s.status === 'accepted')).toBe(true);
    expect(new Set(first.body.steps.map((s: { caseNumber: string }) => s.caseNumber)).size).toBe(6);
    expect(first.body.caseNumber).toBe(first.body.steps[0].caseNumber);
    expect(first.body.steps[0].caseNumber).toMatch(/^330112-20261123-\d{6}$/);

    const again = await submit(mother, birthBody, idempotencyKey);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.id).toBe(first.body.id);
    const other = await submit(mother, { ...birthBody, materials: [] }, idempotencyKey);
    expect(other.status).toBe(422);
    const list = await t.get('/v1/me/bundle-applications?bundle=bnd-birth', {
      token: t.token(mother, scope),
    });
    expect(list.body.items.map((a: { id: string }) => a.id)).toEqual([first.body.id]);
    expect(
      (await t.get('/v1/me/bundle-drafts/bnd-birth', { token: t.token(mother, scope) })).status,
    ).toBe(404);
    // Someone else's application is not found.
    const path = `/v1/me/bundle-applications/${first.body.id}`;
    expect((await t.get(path, { token: t.token(parent, scope) })).status).toBe(404);
  });
});

describe('progress on the sandbox clock', () => {
  it('moves each department from accepted to processing to completed, then the matter can be rated', async () => {
    clock = testNow;
    const { body: created } = await submit(parent, {
      bundleId: 'bnd-school-enrollment',
      values: {
        childName: '陆子航',
        childIdNumber: '330521202007010158',
        childGender: 'male',
        guardianRelation: 'mother',
        applicantPhone: '13800000003',
        homeAddress: '德清县武康街道英溪南路58号',
      },
    });
    const path = `/v1/me/bundle-applications/${created.id}`;
    const statuses = async () =>
      (await t.get(path, { token: t.token(parent, scope) })).body.steps.map(
        (s: { status: string }) => s.status,
      );
    clock = hours(0.5);
    expect(await statuses()).toEqual(Array(6).fill('accepted'));
    clock = hours(1);
    expect(await statuses()).toEqual(Array(6).fill('processing'));
    clock = hours(24);
    // Promised days 5, 1, 1, 1, 0 (on the spot: a day at least), 5.
    expect(await statuses()).toEqual([
      'processing',
      'completed',
      'completed',
      'completed',
      'completed',
      'processing',
    ]);
    clock = hours(24 * 5);
    const done = (await t.get(path, { token: t.token(parent, scope) })).body;
    expect(done.status).toBe('completed');
    expect(done.completedAt).toBe('2026-11-28T10:00:00+08:00');
    // Each step is a handled matter (办件) of its own, rated with the evaluations it already has.
    const matter = await t.get(`/v1/me/matters/${done.caseNumber}`, {
      token: t.token(parent, ['evaluations']),
    });
    expect(matter.body).toMatchObject({
      status: 'handled',
      handledAt: '2026-11-28T10:00:00+08:00',
    });
    const rated = await t.post('/v1/evaluations', {
      token: t.token(parent, ['evaluations']),
      body: { caseNumber: done.caseNumber, level: 'very_satisfied' },
      headers: { 'Idempotency-Key': key() },
    });
    expect(rated.status).toBe(201);
    clock = testNow;
  });
});

describe('the correction path', () => {
  it('rejects the step the control names, takes its correction, and the next application is not rejected', async () => {
    clock = testNow;
    const rule = await rejectNext({
      bundleId: 'bnd-birth',
      position: 2,
      material: 'marriage-certificate',
    });
    expect(rule.status).toBe(201);
    const { body: created } = await submit(mother, birthBody);
    const path = `/v1/me/bundle-applications/${created.id}`;
    const hukou = 'svc-330112-newborn-hukou';
    clock = hours(1);
    const rejected = (await t.get(path, { token: t.token(mother, scope) })).body;
    expect(rejected.status).toBe('needs_correction');
    expect(rejected.steps[1]).toMatchObject({
      status: 'rejected',
      rejection: { reason: '缺少结婚证，请补正后重新提交。', materials: ['marriage-certificate'] },
    });
    expect(rejected.steps[0].status).toBe('processing');
    const matter = await t.get(`/v1/me/matters/${rejected.steps[1].caseNumber}`, {
      token: t.token(mother, ['evaluations']),
    });
    expect(matter.body.status).toBe('rejected');

    const resubmit = (serviceId: string, materials: string[]) =>
      t.post(`${path}/steps/${serviceId}/resubmit`, {
        token: t.token(mother, scope),
        body: { materials },
        headers: { 'Idempotency-Key': key() },
      });
    const without = await resubmit(hukou, ['recent-id-photo']);
    expect(without.status).toBe(400);
    expect(without.body.errors[0]).toMatchObject({ field: 'body.materials', code: 'required' });
    const notRejected = await resubmit('svc-330112-birth-medical-certificate', [
      'marriage-certificate',
    ]);
    expect(notRejected.status).toBe(409);
    expect(notRejected.body.code).toBe('step_not_rejected');

    clock = hours(2);
    const corrected = await resubmit(hukou, ['marriage-certificate']);
    expect(corrected.status).toBe(200);
    expect(corrected.body.status).toBe('in_progress');
    expect(corrected.body.steps[1]).toMatchObject({
      status: 'accepted',
      acceptedAt: '2026-11-23T12:00:00+08:00',
      rejection: null,
    });
    clock = hours(2 + 24);
    const moved = (await t.get(path, { token: t.token(mother, scope) })).body;
    expect(moved.steps[1].status).toBe('completed');

    // The rule was used up by that application.
    clock = testNow;
    const { body: next } = await submit(mother, birthBody);
    clock = hours(1);
    const fine = (
      await t.get(`/v1/me/bundle-applications/${next.id}`, { token: t.token(mother, scope) })
    ).body;
    expect(fine.steps.map((s: { status: string }) => s.status)).toEqual(
      Array(6).fill('processing'),
    );
    clock = testNow;
  });

  it('guards the control like the other sandbox controls, and checks its rules', async () => {
    const unmarked = await t.request('POST', '/__sandbox/step-rejections', {
      body: { bundleId: 'bnd-birth', position: 1 },
    });
    expect(unmarked.status).toBe(403);
    const bad = await rejectNext({ bundleId: 'bnd-birth', position: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('body.position');
    const listed = await t.request('GET', '/__sandbox/step-rejections');
    expect(listed.body).toEqual({ items: [] });
  });
});
