// Realistic Zhejiang data for the stories, built from the sandbox's curated seed files (the same
// regions, departments and service templates the local platform serves), shaped as the contract's
// schemas. Ids follow the sandbox's rules (`svc-<region>-<template>`), so a story's ids also work
// against `npm start`.
import type { Schemas } from '@zheli/contract';
import departmentsJson from '../../../packages/sandbox/data/departments.json' with { type: 'json' };
import regionsJson from '../../../packages/sandbox/data/regions.json' with { type: 'json' };
import templatesJson from '../../../packages/sandbox/data/service-templates.json' with {
  type: 'json',
};
import { evaluationLevels } from '../../../packages/sandbox/src/db/evaluation-levels.ts';

type Region = Schemas['Region'];
type Service = Schemas['ServiceSummary'];

interface RegionSeed {
  code: string;
  name: string;
  nameTw: string;
  nameEn: string;
  level: Schemas['RegionLevel'];
  parentCode: string | null;
}

interface TemplateSeed {
  key: string;
  name: string;
  nameTw: string;
  nameEn: string;
  summary: string;
  department: string;
  category: Schemas['CategoryId'];
  audience: Schemas['Audience'];
  levels: Schemas['RegionLevel'][];
  onlineLevel: Schemas['OnlineLevel'];
  maxVisits: number;
  promisedDays: number;
  fee: { amount: number; note: string | null };
  bookable: boolean;
  keywords: string[];
}

const regionSeeds: readonly RegionSeed[] = regionsJson as RegionSeed[];
const templates: readonly TemplateSeed[] = templatesJson as TemplateSeed[];
const departments = new Map(departmentsJson.map((d) => [d.id, d]));

const withChildren = new Set(regionSeeds.map((r) => r.parentCode));

/** Every region of the seed (province, 11 cities, their counties), as `GET /v1/regions` sends. */
export const regions: readonly Region[] = regionSeeds.map((r) => ({
  ...r,
  hasChildren: withChildren.has(r.code),
}));

const regionsByCode = new Map(regions.map((r) => [r.code, r]));

export function regionByCode(code: string): Region | undefined {
  return regionsByCode.get(code);
}

/** The region and its ancestors, the province first. */
export function regionPath(code: string): Region[] {
  const path: Region[] = [];
  for (
    let r = regionsByCode.get(code);
    r;
    r = r.parentCode ? regionsByCode.get(r.parentCode) : undefined
  ) {
    path.unshift(r);
  }
  return path;
}

export function childrenOf(code: string | undefined): Region[] {
  return regions.filter((r) => r.parentCode === (code ?? null));
}

/** A stable pseudo-random number in [0, 1) from a string (FNV-1a), for ratings and popularity. */
function hash(seed: string): number {
  let h = 2166136261;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619);
  return (h >>> 0) / 4294967296;
}

interface SearchableService extends Service {
  /** Lower-case text the mock search matches: names in three scripts, keywords, department. */
  readonly haystack: string;
  readonly popularity: number;
}

function serviceFor(template: TemplateSeed, region: Region): SearchableService {
  const id = `svc-${region.code}-${template.key}`;
  const dept = departments.get(template.department);
  const r = hash(id);
  const count = template.bookable ? Math.floor(2000 + r * 18_000) : Math.floor(20 + r * 4000);
  const departmentName = `${region.name}${dept?.name ?? ''}`;
  return {
    id,
    code: `${region.code}-${template.category.slice(0, 2).toUpperCase()}-${String(templates.indexOf(template) + 1).padStart(4, '0')}`,
    name: template.name,
    nameEn: template.nameEn,
    summary: template.summary,
    department: {
      id: `dept-${region.code}-${template.department}`,
      name: departmentName,
      nameEn: `${region.nameEn} ${dept?.nameEn ?? ''}`.trim(),
    },
    level: region.level,
    region: { code: region.code, name: region.name },
    audience: template.audience,
    category: template.category,
    onlineLevel: template.onlineLevel,
    maxVisits: template.maxVisits,
    promisedDays: template.promisedDays,
    fee: { amount: template.fee.amount, currency: 'CNY', note: template.fee.note },
    bookable: template.bookable,
    rating: { score: Math.round((4.2 + hash(`${id}#score`) * 0.8) * 10) / 10, count },
    popularity: count + (template.bookable ? 5000 : 0),
    haystack: [
      template.name,
      template.nameTw,
      template.nameEn,
      template.summary,
      ...template.keywords,
      departmentName,
    ]
      .join(' ')
      .toLowerCase(),
  };
}

const catalogs = new Map<string, SearchableService[]>();

/**
 * The services offered in a region, as the sandbox seeds them: the region's own (county-level
 * templates in a county), its city's and the province's.
 */
export function servicesIn(code: string): SearchableService[] {
  const cached = catalogs.get(code);
  if (cached) return cached;
  const services = regionPath(code).flatMap((region) =>
    templates.filter((t) => t.levels.includes(region.level)).map((t) => serviceFor(t, region)),
  );
  catalogs.set(code, services);
  return services;
}

/** A service by id (`svc-<region>-<template>`), or `undefined`. */
export function serviceById(id: string): Service | undefined {
  const match = /^svc-(\d{6})-(.+)$/.exec(id);
  if (!match) return undefined;
  const [, code = '', key] = match;
  const region = regionsByCode.get(code);
  const template = templates.find((t) => t.key === key);
  if (!region || !template) return undefined;
  return summary(serviceFor(template, region));
}

/** Strips the mock's search fields: what the API sends. */
export function summary(service: SearchableService): Service {
  const { haystack: _haystack, popularity: _popularity, ...rest } = service;
  return rest;
}

/** Anji county (安吉县, Huzhou): the county of the `p-anji-driver` persona. */
export const anji = '330523';
/** 机动车检验预约 in Anji: the service QA books most. */
export const vehicleInspection = `svc-${anji}-vehicle-inspection-booking`;
/** The Dipu vehicle inspection station in Anji (sites.json `anji-inspection-1`). */
export const anjiInspectionSite = 'site-anji-inspection-1';

/** The Anji car owner persona (`p-anji-driver` in the sandbox). */
export const anjiDriver = { sub: 'p-anji-driver', claims: { name: '陈建国' } } as const;

/** A service with the longest names a county actually writes, to show wrapping. */
export const longService: Service = {
  ...(serviceById(vehicleInspection) as Service),
  id: `svc-${anji}-long-name`,
  name: '安吉县递铺街道、昌硕街道、灵峰街道及孝丰镇范围内机动车安全技术检验和环保定期检验合并预约（含新能源汽车及营运车辆）',
  summary:
    '本事项适用于在安吉县登记的非营运小型、微型载客汽车及营运车辆，车主可通过浙里办在线选择检测站和时段，到站后出示预约凭证即可检验，检验合格后电子检验合格标志同步推送至交管12123。',
  department: {
    id: `dept-${anji}-public_security`,
    name: '安吉县公安局交通警察大队车辆管理所（机动车登记服务站）',
    nameEn:
      'Vehicle Administration Office, Traffic Police Brigade, Anji County Public Security Bureau',
  },
};

/** The five evaluation levels with their reason tags, as `GET /v1/evaluations/tags` sends them. */
export const evaluationTags: Schemas['EvaluationTagList'] = {
  levels: evaluationLevels.map(({ score: _score, ...level }) => level),
};

/** The Anji car owner's vehicle inspection, handled in 26 minutes on 18 November (the seed's). */
export const handledMatter: Schemas['Matter'] = {
  caseNumber: '330523-20261118-000123',
  service: { id: vehicleInspection, name: '机动车检验预约', nameEn: 'Vehicle inspection booking' },
  status: 'handled',
  submittedAt: '2026-11-18T01:00:00Z',
  handledAt: '2026-11-18T01:26:00Z',
  evaluation: null,
};

/** A driving licence renewal still in progress: it cannot be rated yet. */
export const matterInProgress: Schemas['Matter'] = {
  caseNumber: '330523-20261121-000131',
  service: {
    id: `svc-${anji}-driving-licence-renewal`,
    name: '机动车驾驶证换证',
    nameEn: 'Driving licence renewal',
  },
  status: 'in_progress',
  submittedAt: '2026-11-21T02:10:00Z',
  handledAt: null,
  evaluation: null,
};

/** The same inspection, already rated 非常满意. */
export const ratedMatter: Schemas['Matter'] = {
  ...handledMatter,
  evaluation: {
    id: 'evl-seed0001',
    caseNumber: handledMatter.caseNumber,
    serviceId: vehicleInspection,
    level: 'very_satisfied',
    tags: ['fast', 'one_visit'],
    comment: '到站即检，半小时就办好了，工作人员很耐心。',
    createdAt: '2026-11-18T03:12:00Z',
  },
};

/**
 * The recommendations the platform makes to the signed-in person in the stories: one of each
 * kind, leading to a bundle, a booking and an application, with and without a deadline.
 */
export const recommendations: Schemas['Recommendation'][] = [
  {
    id: 'rec-vehicle-inspection-zea12345',
    kind: 'reminder',
    title: '您的车辆浙E·A12345将于2026-12-15检验到期',
    titleEn: 'Your vehicle 浙E·A12345 is due for inspection by 2026-12-15',
    reason: '机动车应在检验有效期届满前申请检验，可在线预约检测站时段，到站即检。',
    reasonEn:
      'Book an inspection station slot before the inspection expires: no queue at the station.',
    serviceId: 'svc-330523-vehicle-inspection-booking',
    bundleId: null,
    action: 'book',
    dueDate: '2026-12-15',
    uses: [{ category: 'vehicles', name: '车辆与驾驶证', nameEn: 'Vehicles and driving licence' }],
  },
  {
    id: 'rec-school-enrolment-c1',
    kind: 'bundle',
    title: '您的孩子将于2027年9月入学，可办理入学一件事',
    titleEn: 'Your child starts primary school in September 2027: enrol in one application',
    reason: '适龄儿童入学所需的户籍、住房、疫苗接种等证明可一次提交，多部门联办。',
    reasonEn:
      'The household, housing and vaccination records school enrolment needs go in one application.',
    serviceId: null,
    bundleId: 'bnd-school-enrollment',
    action: 'apply',
    dueDate: null,
    uses: [
      {
        category: 'household',
        name: '家庭成员与居住情况',
        nameEn: 'Household and living situation',
      },
    ],
  },
  {
    id: 'rec-old-age-allowance',
    kind: 'policy',
    title: '您符合高龄津贴申领条件',
    titleEn: 'You are eligible for the old-age allowance',
    reason: '年满80周岁的本省户籍老年人可按月领取高龄津贴。',
    reasonEn: 'Residents of the province aged 80 or over receive a monthly allowance.',
    serviceId: 'svc-330106-old-age-allowance',
    bundleId: null,
    action: 'apply',
    dueDate: null,
    uses: [{ category: 'age', name: '年龄', nameEn: 'Age' }],
  },
];

/** The data categories the rules of the stories' recommendations read, all granted at first. */
export const dataConsents: Schemas['DataConsent'][] = [
  {
    category: 'age',
    name: '年龄',
    nameEn: 'Age',
    purpose: '为达到年龄条件的您推荐养老津贴、优待证和健康服务。',
    purposeEn: 'To recommend allowances, cards and health services that depend on your age.',
    data: '身份证件上的出生日期。',
    dataEn: 'The birth date on your identity document.',
    rules: [{ id: 'rec-old-age-allowance', name: '高龄津贴', nameEn: 'Old-age allowance' }],
    granted: true,
    updatedAt: null,
  },
  {
    category: 'household',
    name: '家庭成员与居住情况',
    nameEn: 'Household and living situation',
    purpose: '在孩子出生、入学时推荐一件事联办，为独居老人推荐居家养老服务。',
    purposeEn:
      'To recommend one-matter applications when a child is born or starts school, and home care for people living alone.',
    data: '子女的姓名、出生日期和在学情况，是否独居。',
    dataEn: 'Your children’s names, birth dates and schooling; whether you live alone.',
    rules: [
      {
        id: 'rec-school-enrollment',
        name: '入学一件事',
        nameEn: 'School enrollment as one matter',
      },
    ],
    granted: true,
    updatedAt: null,
  },
  {
    category: 'vehicles',
    name: '车辆与驾驶证',
    nameEn: 'Vehicles and driving licence',
    purpose: '在车辆检验、驾驶证换证到期前提醒您。',
    purposeEn: 'To remind you before a vehicle inspection or licence renewal is due.',
    data: '名下车辆的号牌和检验有效期，驾驶证有效期。',
    dataEn: 'The plates and inspection dates of your vehicles, your licence’s expiry.',
    rules: [
      {
        id: 'rec-vehicle-inspection',
        name: '机动车检验提醒',
        nameEn: 'Vehicle inspection reminder',
      },
      {
        id: 'rec-driving-licence-renewal',
        name: '驾驶证换证提醒',
        nameEn: 'Licence renewal reminder',
      },
    ],
    granted: true,
    updatedAt: null,
  },
];
