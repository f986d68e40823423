// The client's one-matter application methods against the real sandbox on an ephemeral port, on
// an injected clock: the guide, documents on file, a draft saved by one client and resumed by
// another, one submission through a dropped connection, progress, and the correction path.
import { type Sandbox, startSandbox } from '@zheli/sandbox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { applications } from './applications.js';
import { createClient, type ZheliApiError } from './index.js';

const mother = 'p-linan-newborn';
const start = new Date('2026-11-23T02:00:00Z');
let clock = start;
let sandbox: Sandbox;
// One sandbox for the file (its start is the slow part); each test starts on the same clock.
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, memory: true, now: () => clock });
});
beforeEach(() => {
  clock = start;
});
afterAll(async () => {
  await sandbox?.stop();
});

async function clientFor(sub: string) {
  const token = await sandbox.mintAccessToken({ sub, scope: ['openid', 'applications'] });
  const sent: Request[] = [];
  const client = createClient({
    baseUrl: sandbox.url,
    // Stamped and checked on the process clock: the sandbox's clock moving by weeks leaves it valid.
    getAccessToken: async () => token,
    fetch: async (input, init) => {
      const request = new Request(input, init);
      sent.push(request.clone());
      return globalThis.fetch(request);
    },
  });
  return { client, sent };
}

const values = {
  newbornName: '吴语桐',
  newbornGender: 'female',
  newbornBirthDate: '2026-10-20',
  birthHospital: '杭州市临安区人民医院',
  hukouWith: 'mother',
  applicantPhone: '13800000008',
  cardDeliveryAddress: '杭州市临安区锦城街道钱王街100号',
  bankAccount: '6222021202041234567',
};

describe('applications', () => {
  it('reads the guide and the documents, and resumes a draft saved by another client', async () => {
    const { client } = await clientFor(mother);
    const guide = await applications(client).guide('bnd-birth', { region: '330112' });
    expect(guide.steps).toHaveLength(6);
    expect(guide.form.order).toContain('newbornName');
    const documents = await applications(client).documents();
    expect(documents.items.map((d) => d.materialKey)).toContain('marriage-certificate');
    const missing = await applications(client)
      .draft('bnd-birth')
      .catch((e: ZheliApiError) => e);
    expect((missing as ZheliApiError).status).toBe(404);
    await applications(client).saveDraft('bnd-birth', {
      values: { newbornName: '吴语桐' },
      step: 1,
    });
    const { client: other } = await clientFor(mother);
    expect(await applications(other).draft('bnd-birth')).toMatchObject({
      values: { newbornName: '吴语桐' },
      step: 1,
    });
  });

  it('submits once when the connection drops after the application was made', async () => {
    const { client, sent } = await clientFor(mother);
    sandbox.faults.add({ operationId: 'submitBundleApplication', kind: 'drop-after' });
    const created = await applications(client).submit({
      bundleId: 'bnd-birth',
      values,
      materials: ['recent-id-photo'],
    });
    const posts = sent.filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(2);
    expect(posts[0]?.headers.get('idempotency-key')).toBe(posts[1]?.headers.get('idempotency-key'));
    const all = [];
    for await (const application of applications(client).listAll({ bundle: 'bnd-birth' })) {
      all.push(application.id);
    }
    expect(all).toEqual([created.id]);
  });

  it('follows progress on the sandbox clock and corrects a rejected step', async () => {
    const { client } = await clientFor(mother);
    sandbox.stepRejections.add({
      bundleId: 'bnd-birth',
      position: 2,
      material: 'marriage-certificate',
    });
    const created = await applications(client).submit({
      bundleId: 'bnd-birth',
      values,
      materials: ['recent-id-photo'],
    });
    clock = new Date(start.getTime() + 3600_000);
    const rejected = await applications(client).get(created.id);
    expect(rejected.status).toBe('needs_correction');
    const step = rejected.steps[1];
    if (!step) throw new Error('no second step');
    const corrected = await applications(client).resubmitStep(created.id, step.service.id, {
      materials: ['marriage-certificate'],
    });
    expect(corrected.steps[1]?.status).toBe('accepted');
    clock = new Date(start.getTime() + 30 * 24 * 3600_000);
    expect((await applications(client).get(created.id)).status).toBe('completed');
  });
});
