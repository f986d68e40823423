// The rules of proactive service (政策直达、服务直享) as a table: what each recommendation says,
// where it leads and when it applies. The recommender (recommend.ts) only reads this table.
// Longer than 400 lines because it is data: one row per rule, each with its words and condition.
import type { Schemas } from '@zheli/contract';
import type { Persona } from '../personas.js';
import { addDays, daysBetween } from '../time.js';

type Recommendation = Schemas['Recommendation'];
type DataCategory = Schemas['DataCategory'];

/** What a rule is matched against: the person, their facts, and the day it is in Shanghai. */
export interface Circumstances {
  persona: Persona;
  facts: Persona['facts'];
  /** `YYYY-MM-DD` in Asia/Shanghai. */
  today: string;
  /** Age in whole years today; `null` for an enterprise or an unknown birth date. */
  age: number | null;
}

/** One recommendation a rule makes: the values its templates need, and what differs per match. */
interface Match {
  /** Values for the `{name}` placeholders of the rule's id and wording. */
  values?: Readonly<Record<string, string | number>>;
  /** The key of the rule's `variants` whose wording replaces the rule's own. */
  variant?: string;
  /** Added to the rule's rank (an earlier deadline, a higher place). */
  rankOffset?: number;
  /** A deadline, `YYYY-MM-DD`. */
  dueDate?: string;
}

/** What a recommendation says, in Chinese and English; `{name}` is filled from the match. */
interface Wording {
  title: string;
  titleEn: string;
  reason: string;
  reasonEn: string;
}

/** Where a recommendation leads: a service (by template key) or a bundle (by id). */
type Target = { service: string; bundle?: never } | { bundle: string; service?: never };

export type Rule = Target &
  Wording & {
    /** The recommendation's id; `{name}` is filled from the match. */
    id: string;
    /** The rule's name, in Chinese and English, as the consents list it. */
    name: string;
    nameEn: string;
    /** The data categories its condition reads: revoking one's consent stops the rule. */
    uses: readonly DataCategory[];
    /** Lower comes first. */
    rank: number;
    kind: Recommendation['kind'];
    action: Recommendation['action'];
    /** Other wording a match can choose (`Match.variant`). */
    variants?: Readonly<Record<string, Partial<Wording>>>;
    /** The recommendations the rule makes: none when it does not apply, one per item otherwise. */
    matches: (c: Circumstances) => Match[];
  };

/** One match when `condition` holds, none otherwise. */
const when = (condition: boolean, match: Match = {}): Match[] => (condition ? [match] : []);

/** Days from today to `day` (negative when past). */
const until = (today: string, day: string) => daysBetween(today, day);

const year = (today: string) => Number(today.slice(0, 4));

/**
 * Every rule, in the order ties of rank are listed. A rule whose service or bundle is not
 * offered in the person's region is left out by the recommender; of rules with the same id
 * (one per child), the first after ranking is kept.
 */
export const rules: readonly Rule[] = [
  {
    id: 'rec-vehicle-inspection-{plateId}',
    name: '机动车检验提醒',
    nameEn: 'Vehicle inspection reminder',
    uses: ['vehicles'],
    rank: 10,
    kind: 'reminder',
    action: 'book',
    service: 'vehicle-inspection-booking',
    title: '您的车辆{plate}将于{due}检验到期',
    titleEn: 'Your vehicle {plate} is due for inspection by {due}',
    reason: '机动车应在检验有效期届满前申请检验，可在线预约检测站时段，到站即检。',
    reasonEn:
      'Book an inspection station slot before the inspection expires: no queue at the station.',
    variants: {
      overdue: {
        title: '您的车辆{plate}已超过检验有效期',
        titleEn: 'Your vehicle {plate} is overdue for inspection',
      },
    },
    matches: ({ facts, today }) =>
      (facts.vehicles ?? []).flatMap((v) => {
        const left = until(today, v.inspectionDue);
        return when(left <= 60, {
          values: {
            plate: v.plate,
            plateId: v.plate.replace(/[^A-Za-z0-9]/g, '').toLowerCase(),
            due: v.inspectionDue,
          },
          ...(left < 0 ? { variant: 'overdue' } : {}),
          rankOffset: Math.max(0, left) / 100,
          dueDate: v.inspectionDue,
        });
      }),
  },
  {
    id: 'rec-driving-licence-renewal',
    name: '驾驶证换证提醒',
    nameEn: 'Driving licence renewal reminder',
    uses: ['vehicles'],
    rank: 12,
    kind: 'reminder',
    action: 'apply',
    service: 'driving-licence-renewal',
    title: '您的驾驶证将于{due}到期，可在线换证',
    titleEn: 'Your driving licence expires on {due}: renew it online',
    reason: '驾驶证有效期满前90日内可申请换证，全程网办。',
    reasonEn: 'A driving licence can be renewed online within 90 days before it expires.',
    matches: ({ facts, today }) => {
      const due = (facts.drivingLicence as { validUntil?: string } | undefined)?.validUntil;
      return due ? when(until(today, due) <= 90, { values: { due }, dueDate: due }) : [];
    },
  },
  {
    id: 'rec-hk-macau-endorsement',
    name: '港澳签注提醒',
    nameEn: 'Hong Kong and Macao endorsement reminder',
    uses: ['travel-documents'],
    rank: 13,
    kind: 'reminder',
    action: 'apply',
    service: 'hk-macau-endorsement',
    title: '您的往来港澳通行证签注将于{due}到期',
    titleEn: 'Your Hong Kong and Macao travel endorsement expires on {due}',
    reason: '签注到期前可在线申请再次签注，无需前往窗口。',
    reasonEn: 'Apply for a new endorsement online before it expires, with no visit.',
    matches: ({ facts, today }) => {
      const due = (facts.hkMacauPermit as { endorsementExpires?: string } | undefined)
        ?.endorsementExpires;
      return due ? when(until(today, due) <= 60, { values: { due }, dueDate: due }) : [];
    },
  },
  {
    id: 'rec-old-age-allowance',
    name: '高龄津贴',
    nameEn: 'Old-age allowance',
    uses: ['age'],
    rank: 20,
    kind: 'policy',
    action: 'apply',
    service: 'old-age-allowance',
    title: '您符合高龄津贴申领条件',
    titleEn: 'You are eligible for the old-age allowance',
    reason: '年满80周岁的本省户籍老年人可按月领取高龄津贴。',
    reasonEn: 'Residents of the province aged 80 or over receive a monthly allowance.',
    matches: ({ age, facts }) =>
      when(age !== null && age >= 80 && facts.receivesOldAgeAllowance !== true),
  },
  {
    id: 'rec-home-care-subsidy',
    name: '居家养老服务补贴',
    nameEn: 'Home care subsidy',
    uses: ['age', 'household'],
    rank: 22,
    kind: 'policy',
    action: 'apply',
    service: 'home-care-subsidy',
    title: '独居老人可申请居家养老服务补贴',
    titleEn: 'Older people living alone can receive a home care subsidy',
    reason: '70周岁以上独居老年人可申请居家养老服务补贴，由服务机构上门服务。',
    reasonEn: 'People over 70 who live alone can get home care visits paid by a subsidy.',
    matches: ({ age, facts }) => when(age !== null && age >= 70 && facts.livesAlone === true),
  },
  {
    id: 'rec-senior-preferential-card',
    name: '老年人优待证',
    nameEn: 'Senior preferential card',
    uses: ['age'],
    rank: 40,
    kind: 'service',
    action: 'apply',
    service: 'senior-preferential-card',
    title: '办理老年人优待证，享受公共服务优待',
    titleEn: 'Get a senior preferential card for discounts on public services',
    reason: '60周岁以上老年人可在线申领优待证。',
    reasonEn: 'People aged 60 or over can apply online.',
    matches: ({ age }) => when(age !== null && age >= 60),
  },
  {
    id: 'rec-family-doctor',
    name: '家庭医生签约',
    nameEn: 'Family doctor',
    uses: ['age', 'health'],
    rank: 42,
    kind: 'service',
    action: 'apply',
    service: 'family-doctor-signing',
    title: '签约家庭医生，享受上门和慢病随访服务',
    titleEn: 'Sign up with a family doctor for home visits and chronic care',
    reason: '65周岁以上老年人可免费签约家庭医生。',
    reasonEn: 'People aged 65 or over can sign up with a family doctor for free.',
    matches: ({ age, facts }) =>
      when(age !== null && age >= 65 && facts.familyDoctorSigned === false),
  },
  {
    id: 'rec-school-enrollment',
    name: '入学一件事',
    nameEn: 'School enrollment as one matter',
    uses: ['household'],
    rank: 15,
    kind: 'bundle',
    action: 'apply',
    bundle: 'bnd-school-enrollment',
    title: '{child}今年满6周岁，可办理入学一件事',
    titleEn: '{child} turns six this year: enroll for school as one matter',
    reason:
      '您的孩子{child}于{born}出生，{year}年满6周岁，到了入学年龄。入学报名时户籍、房产、社保信息由系统自动核验，不用再跑。',
    reasonEn:
      'Your child {child}, born on {born}, turns six in {year}: of school age. Household, property and insurance records are checked automatically: no visits.',
    matches: ({ facts, today }) =>
      (facts.children ?? []).flatMap((child) =>
        when(Number(child.birthDate.slice(0, 4)) === year(today) - 6, {
          values: { child: child.name, born: child.birthDate, year: year(today) },
        }),
      ),
  },
  {
    id: 'rec-birth',
    name: '出生一件事',
    nameEn: 'Birth as one matter',
    uses: ['household'],
    rank: 14,
    kind: 'bundle',
    action: 'apply',
    bundle: 'bnd-birth',
    title: '宝宝出生啦！出生一件事一次办好',
    titleEn: 'Your baby is born: register everything as one matter',
    reason: '出生医学证明、户口登记、医保参保、社保卡一次申请，联办办结。',
    reasonEn:
      'Birth certificate, household registration, insurance and social security card at once.',
    matches: ({ facts, today }) =>
      (facts.children ?? []).flatMap((child) => {
        const days = daysBetween(child.birthDate, today);
        return when(days >= 0 && days <= 365, { dueDate: addDays(child.birthDate, 90) });
      }),
  },
  {
    id: 'rec-student-financial-aid',
    name: '学生资助',
    nameEn: 'Student financial aid',
    uses: ['household', 'income'],
    rank: 32,
    kind: 'policy',
    action: 'apply',
    service: 'student-financial-aid',
    title: '{child}可申请家庭经济困难学生资助',
    titleEn: '{child} may receive student financial aid',
    reason: '低收入家庭在校学生可申请资助，数据共享免开证明。',
    reasonEn: 'Students from low-income households can apply; no certificates needed.',
    matches: ({ facts }) =>
      (facts.children ?? []).flatMap((child) =>
        when(
          Boolean((child as { inSchool?: boolean }).inSchool) &&
            Boolean(facts.minimumLivingAllowance === false || facts.lowIncomeFamily),
          { values: { child: child.name } },
        ),
      ),
  },
  {
    id: 'rec-unemployment-benefit',
    name: '失业保险金',
    nameEn: 'Unemployment benefit',
    uses: ['employment'],
    rank: 16,
    kind: 'policy',
    action: 'apply',
    service: 'unemployment-benefit',
    title: '您可申领失业保险金',
    titleEn: 'You can claim unemployment insurance benefits',
    reason: '参保缴费满1年、非本人意愿中断就业的，可按月领取失业保险金。',
    reasonEn: 'With a year of contributions and involuntary job loss, benefits are paid monthly.',
    matches: ({ facts }) => when(typeof facts.unemployedSince === 'string'),
  },
  {
    id: 'rec-job-loss',
    name: '失业一件事',
    nameEn: 'Job loss as one matter',
    uses: ['employment'],
    rank: 17,
    kind: 'bundle',
    action: 'apply',
    bundle: 'bnd-job-loss',
    title: '失业一件事：登记、保险金、培训补贴一次办',
    titleEn: 'Job loss as one matter: registration, benefits and training at once',
    reason: '失业登记后可同时申请失业保险金和职业技能培训补贴。',
    reasonEn: 'Registering also applies for benefits and training subsidies.',
    matches: ({ facts }) => when(typeof facts.unemployedSince === 'string'),
  },
  {
    id: 'rec-small-business-loan',
    name: '小微企业贷款',
    nameEn: 'Small business loan',
    uses: ['enterprise'],
    rank: 18,
    kind: 'service',
    action: 'apply',
    service: 'small-business-loan',
    title: '小微企业贷款：线上申请，政府性融资担保增信',
    titleEn: 'Small business loan: apply online, backed by a government guarantee',
    reason: '根据企业纳税和社保数据，可线上申请小微企业信用贷款。',
    reasonEn: 'Tax and social insurance data qualify the enterprise for an online credit loan.',
    matches: ({ persona, facts }) =>
      when(
        persona.kind === 'enterprise' &&
          (facts.smallMicro === true || typeof facts.loanNeed === 'number'),
      ),
  },
  {
    id: 'rec-enterprise-startup',
    name: '企业开办一件事',
    nameEn: 'Starting a business as one matter',
    uses: ['enterprise'],
    rank: 19,
    kind: 'bundle',
    action: 'apply',
    bundle: 'bnd-enterprise-startup',
    title: '新开办企业：单位参保、公积金、发票一次办',
    titleEn: 'New enterprise: insurance, housing fund and invoices as one matter',
    reason: '企业开办一件事，一日办结。',
    reasonEn: 'Starting a business as one matter, done in a day.',
    matches: ({ persona, facts, today }) =>
      when(
        persona.kind === 'enterprise' &&
          typeof facts.establishedOn === 'string' &&
          daysBetween(facts.establishedOn, today) <= 365 &&
          facts.socialInsuranceRegistered === false,
      ),
  },
  {
    id: 'rec-annual-report',
    name: '年度报告提醒',
    nameEn: 'Annual report reminder',
    uses: ['enterprise'],
    rank: 21,
    kind: 'reminder',
    action: 'apply',
    service: 'enterprise-annual-report',
    title: '请在6月30日前报送年度报告',
    titleEn: 'File the annual report by 30 June',
    reason: '市场主体应于每年1月1日至6月30日报送上一年度年度报告。',
    reasonEn: 'Market entities file last year’s annual report between 1 January and 30 June.',
    matches: ({ facts, today }) =>
      when(facts.entityType === 'individual_business' && facts.annualReportFiled === false, {
        dueDate: `${today.slice(5) > '06-30' ? year(today) + 1 : year(today)}-06-30`,
      }),
  },
  {
    id: 'rec-provident-fund-rent',
    name: '租房提取公积金',
    nameEn: 'Provident fund for rent',
    uses: ['housing'],
    rank: 30,
    kind: 'service',
    action: 'apply',
    service: 'provident-fund-withdrawal-rent',
    title: '租房可按月提取住房公积金',
    titleEn: 'Withdraw from your housing provident fund to pay the rent',
    reason: '无自有住房的租房职工可提取公积金支付房租。',
    reasonEn: 'Employees renting without a home of their own can withdraw monthly.',
    matches: ({ facts }) =>
      when(
        facts.renting === true &&
          typeof facts.providentFundBalance === 'number' &&
          facts.providentFundBalance > 0,
      ),
  },
  {
    id: 'rec-graduate-living-subsidy',
    name: '高校毕业生生活补贴',
    nameEn: 'Graduate living allowance',
    uses: ['employment'],
    rank: 31,
    kind: 'policy',
    action: 'apply',
    service: 'graduate-living-subsidy',
    title: '您可申领高校毕业生生活补贴',
    titleEn: 'You can claim the graduate living allowance',
    reason: '毕业5年内来本地就业的高校毕业生可申领生活补贴。',
    reasonEn: 'Graduates working here within five years of graduating can claim it.',
    matches: ({ facts, today }) =>
      when(
        typeof facts.graduatedOn === 'string' &&
          daysBetween(facts.graduatedOn, today) <= 5 * 365 &&
          facts.graduateAllowanceClaimed === false,
      ),
  },
  {
    id: 'rec-second-hand-house-transfer',
    name: '二手房转移登记一件事',
    nameEn: 'Second-hand home transfer as one matter',
    uses: ['housing'],
    rank: 23,
    kind: 'bundle',
    action: 'apply',
    bundle: 'bnd-second-hand-house-transfer',
    title: '二手房转移登记一件事：过户、缴税、水电气一次办',
    titleEn: 'Second-hand home transfer: title, tax and utilities as one matter',
    reason: '不动产登记、契税和水电气过户联办。',
    reasonEn: 'Registration, deed tax and utility transfers are handled together.',
    matches: ({ facts }) => when(facts.buyingSecondHandHome === true),
  },
  {
    id: 'rec-disability-two-subsidies',
    name: '残疾人两项补贴',
    nameEn: 'Two disability subsidies',
    uses: ['disability'],
    rank: 24,
    kind: 'policy',
    action: 'apply',
    service: 'disability-two-subsidies',
    title: '您可申请残疾人两项补贴',
    titleEn: 'You can apply for the two disability subsidies',
    reason: '困难残疾人生活补贴和重度残疾人护理补贴，数据共享免证明。',
    reasonEn: 'Living and nursing subsidies for people with disabilities; no certificates needed.',
    matches: ({ facts }) =>
      when(
        Boolean((facts.disability as { certificate?: boolean } | undefined)?.certificate) &&
          facts.receivesDisabilitySubsidies === false,
      ),
  },
  {
    id: 'rec-veteran-discharge',
    name: '退役军人报到一件事',
    nameEn: 'Leaving the military as one matter',
    uses: ['military-service'],
    rank: 16,
    kind: 'bundle',
    action: 'apply',
    bundle: 'bnd-veteran-discharge',
    title: '退役军人报到：户口、保险、优待证一次办',
    titleEn: 'Leaving the military: registration, insurance and benefits as one matter',
    reason: '退役后请及时报到，联办户口登记、保险接续和优待证申领。',
    reasonEn:
      'Report after discharge; household registration, insurance and cards are handled together.',
    matches: ({ facts, today }) =>
      facts.veteran === true &&
      typeof facts.dischargedOn === 'string' &&
      daysBetween(facts.dischargedOn, today) <= 365 &&
      facts.reported === false
        ? [{ dueDate: addDays(facts.dischargedOn, 30) }]
        : [],
  },
  {
    id: 'rec-retirement',
    name: '退休一件事',
    nameEn: 'Retirement as one matter',
    uses: ['employment'],
    rank: 15,
    kind: 'bundle',
    action: 'apply',
    bundle: 'bnd-retirement',
    title: '退休一件事：养老金、医保待遇、公积金提取一次办',
    titleEn: 'Retirement as one matter: pension, medical benefits and provident fund',
    reason: '达到退休年龄后，养老金申领和相关待遇联办。',
    reasonEn: 'On reaching retirement age, the pension and related benefits are handled together.',
    matches: ({ facts, today }) =>
      typeof facts.retirementDate === 'string' &&
      Math.abs(daysBetween(today, facts.retirementDate)) <= 90
        ? [{ dueDate: facts.retirementDate }]
        : [],
  },
  {
    id: 'rec-minimum-living-allowance',
    name: '最低生活保障',
    nameEn: 'Minimum living allowance',
    uses: ['income'],
    rank: 20,
    kind: 'policy',
    action: 'apply',
    service: 'minimum-living-allowance',
    title: '您的家庭可能符合最低生活保障条件',
    titleEn: 'Your household may qualify for the minimum living allowance',
    reason: '家庭人均月收入低于当地低保标准的，可申请最低生活保障。',
    reasonEn: 'Households whose income per person is below the local standard can apply.',
    matches: ({ facts }) =>
      when(
        typeof facts.monthlyIncomePerCapita === 'number' &&
          facts.minimumLivingAllowance === false &&
          facts.monthlyIncomePerCapita < 120_000,
      ),
  },
  {
    id: 'rec-credit-points',
    name: '信治积分兑换',
    nameEn: 'Village credit points',
    uses: ['village'],
    rank: 50,
    kind: 'service',
    action: 'view',
    service: 'village-credit-points-redeem',
    title: '您有{points}信治积分，可到积分超市兑换',
    titleEn: 'You have {points} credit points to spend at the points shop',
    reason: '积分可按月在村积分超市兑换生活用品。',
    reasonEn: 'Points can be exchanged for daily goods at the village points shop every month.',
    matches: ({ facts }) =>
      typeof facts.creditPoints === 'number' && facts.creditPoints > 0
        ? [{ values: { points: facts.creditPoints } }]
        : [],
  },
];
