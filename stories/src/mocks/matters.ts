// One-matter applications (一件事) in the stories: the newborn bundle's guide as the platform
// computes it (six services, materials merged), the mother's documents on file, and drafts and
// applications kept in memory, so a story can save, resume, submit and follow progress.
import type { Schemas } from '@zheli/contract';
import { HttpResponse } from 'msw';
import { handle, problem } from './api.js';

const department = (id: string, name: string, nameEn: string) => ({
  id: `dept-330112-${id}`,
  name,
  nameEn,
});
const health = department('health', '临安区卫生健康局', "Lin'an Health Commission");
const police = department('public_security', '杭州市公安局临安区分局', "Lin'an Public Security");
const insurance = department(
  'healthcare_security',
  '临安区医疗保障局',
  "Lin'an Healthcare Security",
);
const hr = department(
  'human_resources',
  '杭州市人力资源和社会保障局',
  'Hangzhou HR and Social Security',
);

const step = (
  position: number,
  id: string,
  name: string,
  nameEn: string,
  dept: Schemas['Department'],
  materials: string[],
  fields: string[],
): Schemas['BundleStep'] => ({
  position,
  service: { id: `svc-330112-${id}`, name, nameEn },
  department: dept,
  promisedDays: position === 1 ? 0 : 1,
  materials,
  fields,
});

/** 新生儿出生一件事 in Lin'an, as `GET /v1/bundles/bnd-birth/guide` answers. */
export const birthGuide: Schemas['BundleGuide'] = {
  bundleId: 'bnd-birth',
  name: '新生儿出生一件事',
  nameEn: 'Childbirth as one matter',
  promisedDays: 5,
  steps: [
    step(
      1,
      'birth-medical-certificate',
      '出生医学证明办理',
      'Medical birth certificate',
      health,
      ['parents-identity'],
      ['newbornName', 'newbornGender', 'newbornBirthDate'],
    ),
    step(
      2,
      'newborn-hukou',
      '新生儿入户',
      'Newborn hukou registration',
      police,
      ['birth-certificate', 'household-register', 'marriage-certificate'],
      ['newbornName', 'hukouWith'],
    ),
    step(
      3,
      'newborn-medical-insurance',
      '新生儿医保参保',
      'Newborn medical insurance',
      insurance,
      ['birth-certificate'],
      ['newbornName'],
    ),
    step(
      4,
      'social-security-card',
      '社会保障卡申领',
      'Social security card',
      hr,
      ['id-card', 'recent-id-photo'],
      ['newbornName', 'applicantPhone'],
    ),
  ],
  materials: [
    {
      key: 'parents-identity',
      name: '父母双方身份证明',
      nameEn: "Both parents' identity documents",
      required: true,
      form: 'electronic',
      prefilled: true,
      neededBy: ['svc-330112-birth-medical-certificate'],
    },
    {
      key: 'birth-certificate',
      name: '出生医学证明',
      nameEn: 'Medical birth certificate',
      required: true,
      form: 'electronic',
      prefilled: true,
      neededBy: ['svc-330112-newborn-hukou', 'svc-330112-newborn-medical-insurance'],
    },
    {
      key: 'household-register',
      name: '居民户口簿',
      nameEn: 'Household register (hukou booklet)',
      required: true,
      form: 'electronic',
      prefilled: true,
      neededBy: ['svc-330112-newborn-hukou'],
    },
    {
      key: 'marriage-certificate',
      name: '结婚证',
      nameEn: 'Marriage certificate',
      required: false,
      form: 'electronic',
      prefilled: true,
      neededBy: ['svc-330112-newborn-hukou'],
    },
    {
      key: 'id-card',
      name: '居民身份证',
      nameEn: 'Resident identity card',
      required: true,
      form: 'electronic',
      prefilled: true,
      neededBy: ['svc-330112-social-security-card'],
    },
    {
      key: 'recent-id-photo',
      name: '近期免冠证件照片（现场采集或回执）',
      nameEn: 'Recent ID photo (taken on site or photo receipt)',
      required: true,
      form: 'electronic',
      prefilled: false,
      neededBy: ['svc-330112-social-security-card'],
    },
  ],
  form: {
    type: 'object',
    properties: {
      newbornName: {
        type: 'string',
        title: '新生儿姓名',
        titleEn: "Newborn's name",
        description: '与出生医学证明一致',
        descriptionEn: 'As on the medical birth certificate',
        minLength: 1,
        maxLength: 20,
        neededBy: [],
      },
      newbornGender: {
        type: 'string',
        title: '新生儿性别',
        titleEn: "Newborn's sex",
        enum: ['male', 'female'],
        enumTitles: ['男', '女'],
        enumTitlesEn: ['Male', 'Female'],
        neededBy: [],
      },
      newbornBirthDate: {
        type: 'string',
        format: 'date',
        title: '出生日期',
        titleEn: 'Date of birth',
        neededBy: [],
      },
      hukouWith: {
        type: 'string',
        title: '随父或随母落户',
        titleEn: 'Registered with',
        enum: ['mother', 'father'],
        enumTitles: ['随母落户', '随父落户'],
        enumTitlesEn: ['The mother', 'The father'],
        neededBy: [],
      },
      applicantPhone: {
        type: 'string',
        format: 'tel',
        title: '联系电话',
        titleEn: 'Phone number',
        pattern: '^1[3-9][0-9]{9}$',
        minLength: 11,
        maxLength: 11,
        neededBy: [],
      },
    },
    required: ['newbornName', 'newbornGender', 'newbornBirthDate', 'hukouWith', 'applicantPhone'],
    order: ['newbornName', 'newbornGender', 'newbornBirthDate', 'hukouWith', 'applicantPhone'],
  },
};

/** The mother's documents on file, masked. */
const documents: Schemas['Document'][] = [
  {
    id: 'doc-1',
    materialKey: 'id-card',
    name: '居民身份证',
    nameEn: 'Resident identity card',
    holder: '周*燕',
    number: '330***********0027',
    issuer: '杭州市临安区公安局',
    issuedOn: '2021-06-08',
    validUntil: '2041-06-08',
  },
  {
    id: 'doc-2',
    materialKey: 'marriage-certificate',
    name: '结婚证',
    nameEn: 'Marriage certificate',
    holder: '周*燕',
    number: 'J33*****0815',
    issuer: '杭州市临安区民政局',
    issuedOn: '2022-08-15',
    validUntil: null,
  },
];

/** Complete values of the form, for a draft at the review stage. */
export const completeValues = {
  newbornName: '吴语桐',
  newbornGender: 'female',
  newbornBirthDate: '2026-10-20',
  hukouWith: 'mother',
  applicantPhone: '13800000008',
};

/** An application with each step in `status` (the first `rejected` one with its reason). */
export function applicationWith(
  statuses: Schemas['ApplicationStepStatus'][],
): Schemas['BundleApplication'] {
  const steps = birthGuide.steps.map((item, index): Schemas['ApplicationStep'] => {
    const status = statuses[index] ?? 'accepted';
    return {
      position: item.position,
      service: item.service,
      department: item.department,
      caseNumber: `330112-20261123-00031${index}`,
      status,
      acceptedAt: '2026-11-23T10:00:00+08:00',
      completedAt: status === 'completed' ? '2026-11-24T10:00:00+08:00' : null,
      rejection:
        status === 'rejected'
          ? {
              reason: '缺少结婚证，请补正后重新提交。',
              reasonEn: 'Marriage certificate: missing. Provide it and resubmit this step.',
              materials: ['marriage-certificate'],
            }
          : null,
    };
  });
  const completed = steps.every((s) => s.status === 'completed');
  return {
    id: 'bap-Story00001',
    bundleId: 'bnd-birth',
    name: birthGuide.name,
    nameEn: birthGuide.nameEn,
    status: steps.some((s) => s.status === 'rejected')
      ? 'needs_correction'
      : completed
        ? 'completed'
        : 'in_progress',
    caseNumber: steps[0]?.caseNumber ?? '',
    submittedAt: '2026-11-23T10:00:00+08:00',
    completedAt: completed ? '2026-11-24T10:00:00+08:00' : null,
    steps,
  };
}

/** What the stories' platform holds: the draft and the applications, reset before each story. */
export const matterState = {
  draft: undefined as Schemas['BundleDraft'] | undefined,
  applications: [] as Schemas['BundleApplication'][],
  submissions: [] as (string | null)[],
  reset() {
    this.draft = undefined;
    this.applications = [];
    this.submissions = [];
  },
};

const signedOut = (request: Request) =>
  request.headers.get('authorization') ? undefined : problem(401, 'unauthenticated', '请先登录');

export const matterHandlers = [
  handle('get', '/v1/bundles/{bundleId}/guide', ({ params }) =>
    params.bundleId === 'bnd-birth'
      ? HttpResponse.json(birthGuide)
      : problem(404, 'not_found', '没有这个一件事'),
  ),
  handle(
    'get',
    '/v1/me/documents',
    ({ request }) => signedOut(request) ?? HttpResponse.json({ items: documents }),
  ),
  handle(
    'get',
    '/v1/me/bundle-drafts/{bundleId}',
    ({ request }) =>
      signedOut(request) ??
      (matterState.draft
        ? HttpResponse.json(matterState.draft)
        : problem(404, 'not_found', '没有草稿')),
  ),
  handle('put', '/v1/me/bundle-drafts/{bundleId}', async ({ request, params }) => {
    const refused = signedOut(request);
    if (refused) return refused;
    const body = await request.json();
    matterState.draft = {
      bundleId: params.bundleId,
      values: body.values,
      materials: body.materials ?? [],
      step: body.step ?? 0,
      updatedAt: '2026-11-23T10:00:00+08:00',
    };
    return HttpResponse.json(matterState.draft);
  }),
  handle(
    'get',
    '/v1/me/bundle-applications',
    ({ request }) =>
      signedOut(request) ??
      HttpResponse.json({ items: matterState.applications, nextCursor: null }),
  ),
  handle('post', '/v1/me/bundle-applications', async ({ request }) => {
    const refused = signedOut(request);
    if (refused) return refused;
    const key = request.headers.get('idempotency-key');
    matterState.submissions.push(key);
    const first = matterState.applications[0];
    if (first && matterState.submissions.indexOf(key) < matterState.submissions.length - 1) {
      return HttpResponse.json(first, { status: 201, headers: { 'Idempotent-Replayed': 'true' } });
    }
    const application = applicationWith([]);
    matterState.applications = [application];
    matterState.draft = undefined;
    return HttpResponse.json(application, { status: 201 });
  }),
  handle('get', '/v1/me/bundle-applications/{applicationId}', ({ request }) => {
    const application = matterState.applications[0];
    return (
      signedOut(request) ??
      (application ? HttpResponse.json(application) : problem(404, 'not_found', '没有这个申请'))
    );
  }),
  handle(
    'post',
    '/v1/me/bundle-applications/{applicationId}/steps/{serviceId}/resubmit',
    ({ request, params }) => {
      const refused = signedOut(request);
      if (refused) return refused;
      const application = matterState.applications[0];
      if (!application) return problem(404, 'not_found', '没有这个申请');
      const steps = application.steps.map((s) =>
        s.service.id === params.serviceId
          ? { ...s, status: 'accepted' as const, rejection: null }
          : s,
      );
      const updated = { ...application, status: 'in_progress' as const, steps };
      matterState.applications = [updated];
      return HttpResponse.json(updated);
    },
  ),
];
