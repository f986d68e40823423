// The signed-in person: the masked profile and proactive recommendations (政策直达、服务直享).
import type { Schemas } from '@zheli/contract';
import type { Queryable } from '../../db/database.js';
import type { Persona } from '../../personas.js';
import { addDays, ageOn, daysBetween, shanghaiDate } from '../../time.js';
import { ApiError } from '../problems.js';
import { regionsOf } from '../rows.js';
import { type Handlers, principalOf } from '../types.js';

/** 王秀英 → 王*英, 李群 → 李*, Oliver Bennett → O***** Bennett. */
export function maskName(name: string): string {
  const words = name.trim().split(/\s+/);
  if (words.length > 1) {
    const last = words.at(-1) as string;
    return [
      ...words.slice(0, -1).map((w) => `${w[0]}${'*'.repeat(Math.max(0, w.length - 1))}`),
      last,
    ].join(' ');
  }
  const chars = [...name];
  if (chars.length <= 1) return name;
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars.at(-1)}`;
}

/** Keeps the first `head` and last `tail` characters. */
export function maskMiddle(value: string, head: number, tail: number): string {
  if (value.length <= head + tail) return '*'.repeat(value.length);
  return `${value.slice(0, head)}${'*'.repeat(value.length - head - tail)}${tail > 0 ? value.slice(-tail) : ''}`;
}

function personaOf(personas: Map<string, Persona>, sub: string): Persona {
  const persona = personas.get(sub);
  if (!persona) {
    throw new ApiError('unauthenticated', 'The token’s subject is not a known person.', {
      headers: { 'WWW-Authenticate': 'Bearer realm="zheli", error="invalid_token"' },
    });
  }
  return persona;
}

export const meHandlers: Pick<Handlers, 'getProfile' | 'listRecommendations'> = {
  async getProfile(ctx) {
    const principal = principalOf(ctx);
    const persona = personaOf(ctx.deps.personas, principal.sub);
    const regions = await regionsOf(ctx.deps.db);
    const region = regions.byCode.get(persona.regionCode);
    const scopes = new Set(principal.scope);
    const enterprise = persona.kind === 'enterprise';
    const profile: Schemas['Profile'] = {
      sub: persona.sub,
      kind: enterprise ? 'enterprise' : 'person',
      displayName: enterprise ? persona.name : maskName(persona.name),
      region: { code: persona.regionCode, name: region?.name ?? persona.regionCode },
      locale: persona.locale,
      enterprise:
        enterprise && persona.creditCode
          ? {
              creditCode: maskMiddle(persona.creditCode, 6, 0),
              legalRepresentative: maskName(persona.legalRepresentative ?? ''),
            }
          : null,
    };
    if (scopes.has('phone')) profile.phone = maskMiddle(persona.phone, 3, 4);
    if (scopes.has('identity')) {
      const passport = (persona.facts.passport as { number?: string } | undefined)?.number;
      profile.identity = {
        verified: true,
        level:
          typeof persona.facts.verificationLevel === 'number' ? persona.facts.verificationLevel : 2,
        name: maskName(enterprise ? (persona.legalRepresentative ?? persona.name) : persona.name),
        idNumber: maskMiddle(persona.idNumber ?? passport ?? '', 3, 4),
        age: !enterprise && persona.birthDate ? ageOn(persona.birthDate, ctx.now) : null,
      };
    }
    return { status: 200, body: profile };
  },

  async listRecommendations(ctx) {
    const principal = principalOf(ctx);
    const persona = personaOf(ctx.deps.personas, principal.sub);
    const regions = await regionsOf(ctx.deps.db);
    const chain = regions.chain(persona.regionCode).map((r) => r.code);
    const items = await recommend(ctx.deps.db, persona, chain, ctx.now);
    return { status: 200, body: { items } };
  },
};

type Recommendation = Schemas['Recommendation'];

interface Rule {
  id: string;
  /** Lower comes first. */
  rank: number;
  kind: Recommendation['kind'];
  action: Recommendation['action'];
  /** A template key (a service) or a bundle id. */
  service?: string;
  bundle?: string;
  title: string;
  titleEn: string;
  reason: string;
  reasonEn: string;
  dueDate?: string | null;
}

/** Days from today to `day` (negative when past). */
const until = (today: string, day: string) => daysBetween(today, day);

/**
 * The rules of proactive service: what the platform knows of the person (age, children,
 * vehicles, employment, enterprise facts) matched against policies and services. A rule whose
 * service is not offered in the person's region is left out.
 */
function rules(persona: Persona, now: Date): Rule[] {
  const f = persona.facts;
  const today = shanghaiDate(now);
  const year = Number(today.slice(0, 4));
  const out: Rule[] = [];
  const person = persona.kind === 'person';
  const age = person && persona.birthDate ? ageOn(persona.birthDate, now) : null;

  for (const v of f.vehicles ?? []) {
    const left = until(today, v.inspectionDue);
    if (left <= 60) {
      out.push({
        id: `rec-vehicle-inspection-${v.plate.replace(/[^A-Za-z0-9]/g, '').toLowerCase()}`,
        rank: 10 + Math.max(0, left) / 100,
        kind: 'reminder',
        action: 'book',
        service: 'vehicle-inspection-booking',
        title:
          left >= 0
            ? `您的车辆${v.plate}将于${v.inspectionDue}检验到期`
            : `您的车辆${v.plate}已超过检验有效期`,
        titleEn:
          left >= 0
            ? `Your vehicle ${v.plate} is due for inspection by ${v.inspectionDue}`
            : `Your vehicle ${v.plate} is overdue for inspection`,
        reason: '机动车应在检验有效期届满前申请检验，可在线预约检测站时段，到站即检。',
        reasonEn:
          'Book an inspection station slot before the inspection expires: no queue at the station.',
        dueDate: v.inspectionDue,
      });
    }
  }
  const licence = f.drivingLicence as { validUntil?: string } | undefined;
  if (licence?.validUntil && until(today, licence.validUntil) <= 90) {
    out.push({
      id: 'rec-driving-licence-renewal',
      rank: 12,
      kind: 'reminder',
      action: 'apply',
      service: 'driving-licence-renewal',
      title: `您的驾驶证将于${licence.validUntil}到期，可在线换证`,
      titleEn: `Your driving licence expires on ${licence.validUntil}: renew it online`,
      reason: '驾驶证有效期满前90日内可申请换证，全程网办。',
      reasonEn: 'A driving licence can be renewed online within 90 days before it expires.',
      dueDate: licence.validUntil,
    });
  }
  const endorsement = (f.hkMacauPermit as { endorsementExpires?: string } | undefined)
    ?.endorsementExpires;
  if (endorsement && until(today, endorsement) <= 60) {
    out.push({
      id: 'rec-hk-macau-endorsement',
      rank: 13,
      kind: 'reminder',
      action: 'apply',
      service: 'hk-macau-endorsement',
      title: `您的往来港澳通行证签注将于${endorsement}到期`,
      titleEn: `Your Hong Kong and Macao travel endorsement expires on ${endorsement}`,
      reason: '签注到期前可在线申请再次签注，无需前往窗口。',
      reasonEn: 'Apply for a new endorsement online before it expires, with no visit.',
      dueDate: endorsement,
    });
  }
  if (age !== null && age >= 80 && f.receivesOldAgeAllowance !== true) {
    out.push({
      id: 'rec-old-age-allowance',
      rank: 20,
      kind: 'policy',
      action: 'apply',
      service: 'old-age-allowance',
      title: '您符合高龄津贴申领条件',
      titleEn: 'You are eligible for the old-age allowance',
      reason: '年满80周岁的本省户籍老年人可按月领取高龄津贴。',
      reasonEn: 'Residents of the province aged 80 or over receive a monthly allowance.',
    });
  }
  if (age !== null && age >= 70 && f.livesAlone === true) {
    out.push({
      id: 'rec-home-care-subsidy',
      rank: 22,
      kind: 'policy',
      action: 'apply',
      service: 'home-care-subsidy',
      title: '独居老人可申请居家养老服务补贴',
      titleEn: 'Older people living alone can receive a home care subsidy',
      reason: '70周岁以上独居老年人可申请居家养老服务补贴，由服务机构上门服务。',
      reasonEn: 'People over 70 who live alone can get home care visits paid by a subsidy.',
    });
  }
  if (age !== null && age >= 60) {
    out.push({
      id: 'rec-senior-preferential-card',
      rank: 40,
      kind: 'service',
      action: 'apply',
      service: 'senior-preferential-card',
      title: '办理老年人优待证，享受公共服务优待',
      titleEn: 'Get a senior preferential card for discounts on public services',
      reason: '60周岁以上老年人可在线申领优待证。',
      reasonEn: 'People aged 60 or over can apply online.',
    });
  }
  if (age !== null && age >= 65 && f.familyDoctorSigned === false) {
    out.push({
      id: 'rec-family-doctor',
      rank: 42,
      kind: 'service',
      action: 'apply',
      service: 'family-doctor-signing',
      title: '签约家庭医生，享受上门和慢病随访服务',
      titleEn: 'Sign up with a family doctor for home visits and chronic care',
      reason: '65周岁以上老年人可免费签约家庭医生。',
      reasonEn: 'People aged 65 or over can sign up with a family doctor for free.',
    });
  }
  for (const child of f.children ?? []) {
    const born = child.birthDate;
    if (Number(born.slice(0, 4)) === year - 6) {
      out.push({
        id: 'rec-school-enrollment',
        rank: 15,
        kind: 'bundle',
        action: 'apply',
        bundle: 'bnd-school-enrollment',
        title: `${child.name}今年满6周岁，可办理入学一件事`,
        titleEn: `${child.name} turns six this year: enroll for school as one matter`,
        reason: '适龄儿童入学报名，户籍、房产、社保信息由系统自动核验，不用再跑。',
        reasonEn: 'Household, property and insurance records are checked automatically: no visits.',
      });
    }
    if (daysBetween(born, today) >= 0 && daysBetween(born, today) <= 365) {
      out.push({
        id: 'rec-birth',
        rank: 14,
        kind: 'bundle',
        action: 'apply',
        bundle: 'bnd-birth',
        title: '宝宝出生啦！出生一件事一次办好',
        titleEn: 'Your baby is born: register everything as one matter',
        reason: '出生医学证明、户口登记、医保参保、社保卡一次申请，联办办结。',
        reasonEn:
          'Birth certificate, household registration, insurance and social security card at once.',
        dueDate: addDays(born, 90),
      });
    }
    if (
      (child as { inSchool?: boolean }).inSchool &&
      (f.minimumLivingAllowance === false || f.lowIncomeFamily)
    ) {
      out.push({
        id: 'rec-student-financial-aid',
        rank: 32,
        kind: 'policy',
        action: 'apply',
        service: 'student-financial-aid',
        title: `${child.name}可申请家庭经济困难学生资助`,
        titleEn: `${child.name} may receive student financial aid`,
        reason: '低收入家庭在校学生可申请资助，数据共享免开证明。',
        reasonEn: 'Students from low-income households can apply; no certificates needed.',
      });
    }
  }
  if (typeof f.unemployedSince === 'string') {
    out.push({
      id: 'rec-unemployment-benefit',
      rank: 16,
      kind: 'policy',
      action: 'apply',
      service: 'unemployment-benefit',
      title: '您可申领失业保险金',
      titleEn: 'You can claim unemployment insurance benefits',
      reason: '参保缴费满1年、非本人意愿中断就业的，可按月领取失业保险金。',
      reasonEn: 'With a year of contributions and involuntary job loss, benefits are paid monthly.',
    });
    out.push({
      id: 'rec-job-loss',
      rank: 17,
      kind: 'bundle',
      action: 'apply',
      bundle: 'bnd-job-loss',
      title: '失业一件事：登记、保险金、培训补贴一次办',
      titleEn: 'Job loss as one matter: registration, benefits and training at once',
      reason: '失业登记后可同时申请失业保险金和职业技能培训补贴。',
      reasonEn: 'Registering also applies for benefits and training subsidies.',
    });
  }
  if (persona.kind === 'enterprise' && (f.smallMicro === true || typeof f.loanNeed === 'number')) {
    out.push({
      id: 'rec-small-business-loan',
      rank: 18,
      kind: 'service',
      action: 'apply',
      service: 'small-business-loan',
      title: '小微企业贷款：线上申请，政府性融资担保增信',
      titleEn: 'Small business loan: apply online, backed by a government guarantee',
      reason: '根据企业纳税和社保数据，可线上申请小微企业信用贷款。',
      reasonEn: 'Tax and social insurance data qualify the enterprise for an online credit loan.',
    });
  }
  if (
    persona.kind === 'enterprise' &&
    typeof f.establishedOn === 'string' &&
    daysBetween(f.establishedOn as string, today) <= 365 &&
    f.socialInsuranceRegistered === false
  ) {
    out.push({
      id: 'rec-enterprise-startup',
      rank: 19,
      kind: 'bundle',
      action: 'apply',
      bundle: 'bnd-enterprise-startup',
      title: '新开办企业：单位参保、公积金、发票一次办',
      titleEn: 'New enterprise: insurance, housing fund and invoices as one matter',
      reason: '企业开办一件事，一日办结。',
      reasonEn: 'Starting a business as one matter, done in a day.',
    });
  }
  if (f.entityType === 'individual_business' && f.annualReportFiled === false) {
    out.push({
      id: 'rec-annual-report',
      rank: 21,
      kind: 'reminder',
      action: 'apply',
      service: 'enterprise-annual-report',
      title: '请在6月30日前报送年度报告',
      titleEn: 'File the annual report by 30 June',
      reason: '市场主体应于每年1月1日至6月30日报送上一年度年度报告。',
      reasonEn: 'Market entities file last year’s annual report between 1 January and 30 June.',
      dueDate: `${today.slice(5) > '06-30' ? year + 1 : year}-06-30`,
    });
  }
  if (
    f.renting === true &&
    typeof f.providentFundBalance === 'number' &&
    f.providentFundBalance > 0
  ) {
    out.push({
      id: 'rec-provident-fund-rent',
      rank: 30,
      kind: 'service',
      action: 'apply',
      service: 'provident-fund-withdrawal-rent',
      title: '租房可按月提取住房公积金',
      titleEn: 'Withdraw from your housing provident fund to pay the rent',
      reason: '无自有住房的租房职工可提取公积金支付房租。',
      reasonEn: 'Employees renting without a home of their own can withdraw monthly.',
    });
  }
  if (
    typeof f.graduatedOn === 'string' &&
    daysBetween(f.graduatedOn, today) <= 5 * 365 &&
    f.graduateAllowanceClaimed === false
  ) {
    out.push({
      id: 'rec-graduate-living-subsidy',
      rank: 31,
      kind: 'policy',
      action: 'apply',
      service: 'graduate-living-subsidy',
      title: '您可申领高校毕业生生活补贴',
      titleEn: 'You can claim the graduate living allowance',
      reason: '毕业5年内来本地就业的高校毕业生可申领生活补贴。',
      reasonEn: 'Graduates working here within five years of graduating can claim it.',
    });
  }
  if (f.buyingSecondHandHome === true) {
    out.push({
      id: 'rec-second-hand-house-transfer',
      rank: 23,
      kind: 'bundle',
      action: 'apply',
      bundle: 'bnd-second-hand-house-transfer',
      title: '二手房转移登记一件事：过户、缴税、水电气一次办',
      titleEn: 'Second-hand home transfer: title, tax and utilities as one matter',
      reason: '不动产登记、契税和水电气过户联办。',
      reasonEn: 'Registration, deed tax and utility transfers are handled together.',
    });
  }
  const disability = f.disability as { certificate?: boolean } | undefined;
  if (disability?.certificate && f.receivesDisabilitySubsidies === false) {
    out.push({
      id: 'rec-disability-two-subsidies',
      rank: 24,
      kind: 'policy',
      action: 'apply',
      service: 'disability-two-subsidies',
      title: '您可申请残疾人两项补贴',
      titleEn: 'You can apply for the two disability subsidies',
      reason: '困难残疾人生活补贴和重度残疾人护理补贴，数据共享免证明。',
      reasonEn:
        'Living and nursing subsidies for people with disabilities; no certificates needed.',
    });
  }
  if (
    f.veteran === true &&
    typeof f.dischargedOn === 'string' &&
    daysBetween(f.dischargedOn, today) <= 365 &&
    f.reported === false
  ) {
    out.push({
      id: 'rec-veteran-discharge',
      rank: 16,
      kind: 'bundle',
      action: 'apply',
      bundle: 'bnd-veteran-discharge',
      title: '退役军人报到：户口、保险、优待证一次办',
      titleEn: 'Leaving the military: registration, insurance and benefits as one matter',
      reason: '退役后请及时报到，联办户口登记、保险接续和优待证申领。',
      reasonEn:
        'Report after discharge; household registration, insurance and cards are handled together.',
      dueDate: addDays(f.dischargedOn, 30),
    });
  }
  if (
    typeof f.retirementDate === 'string' &&
    Math.abs(daysBetween(today, f.retirementDate)) <= 90
  ) {
    out.push({
      id: 'rec-retirement',
      rank: 15,
      kind: 'bundle',
      action: 'apply',
      bundle: 'bnd-retirement',
      title: '退休一件事：养老金、医保待遇、公积金提取一次办',
      titleEn: 'Retirement as one matter: pension, medical benefits and provident fund',
      reason: '达到退休年龄后，养老金申领和相关待遇联办。',
      reasonEn:
        'On reaching retirement age, the pension and related benefits are handled together.',
      dueDate: f.retirementDate,
    });
  }
  if (
    typeof f.monthlyIncomePerCapita === 'number' &&
    f.minimumLivingAllowance === false &&
    f.monthlyIncomePerCapita < 120_000
  ) {
    out.push({
      id: 'rec-minimum-living-allowance',
      rank: 20,
      kind: 'policy',
      action: 'apply',
      service: 'minimum-living-allowance',
      title: '您的家庭可能符合最低生活保障条件',
      titleEn: 'Your household may qualify for the minimum living allowance',
      reason: '家庭人均月收入低于当地低保标准的，可申请最低生活保障。',
      reasonEn: 'Households whose income per person is below the local standard can apply.',
    });
  }
  if (typeof f.creditPoints === 'number' && f.creditPoints > 0) {
    out.push({
      id: 'rec-credit-points',
      rank: 50,
      kind: 'service',
      action: 'view',
      service: 'village-credit-points-redeem',
      title: `您有${f.creditPoints}信治积分，可到积分超市兑换`,
      titleEn: `You have ${f.creditPoints} credit points to spend at the points shop`,
      reason: '积分可按月在村积分超市兑换生活用品。',
      reasonEn: 'Points can be exchanged for daily goods at the village points shop every month.',
    });
  }
  return out.sort((a, b) => a.rank - b.rank);
}

async function recommend(
  db: Queryable,
  persona: Persona,
  chain: string[],
  now: Date,
): Promise<Recommendation[]> {
  const candidates = rules(persona, now);
  const templates = [...new Set(candidates.flatMap((r) => (r.service ? [r.service] : [])))];
  const bundles = [...new Set(candidates.flatMap((r) => (r.bundle ? [r.bundle] : [])))];
  const { rows: services } = await db.query<{ template_key: string; id: string }>(
    `SELECT DISTINCT ON (template_key) template_key, id FROM services
      WHERE template_key = ANY($1::text[]) AND region_code = ANY($2::text[])
      ORDER BY template_key, array_position($2::text[], region_code), seq`,
    [templates, chain],
  );
  const { rows: knownBundles } = await db.query<{ id: string }>(
    'SELECT id FROM bundles WHERE id = ANY($1::text[])',
    [bundles],
  );
  const serviceFor = new Map(services.map((s) => [s.template_key, s.id]));
  const bundleIds = new Set(knownBundles.map((b) => b.id));
  const seen = new Set<string>();
  return candidates.flatMap((r): Recommendation[] => {
    if (seen.has(r.id)) return [];
    seen.add(r.id);
    const serviceId = r.service ? serviceFor.get(r.service) : undefined;
    if (r.service && !serviceId) return [];
    if (r.bundle && !bundleIds.has(r.bundle)) return [];
    return [
      {
        id: r.id,
        kind: r.kind,
        title: r.title,
        titleEn: r.titleEn,
        reason: r.reason,
        reasonEn: r.reasonEn,
        serviceId: serviceId ?? null,
        bundleId: r.bundle ?? null,
        action: r.action,
        dueDate: r.dueDate ?? null,
      },
    ];
  });
}
