// The categories of personal data the recommendation rules read, with what each is used for and
// which data it covers (PIPL 个人信息保护法: purpose and scope), as the consents list them. Which
// rule reads which category is written on the rule (rules.ts, `uses`).
import type { Schemas } from '@zheli/contract';

type DataCategory = Schemas['DataCategory'];

/** What a data category is, in Chinese and English. */
export interface CategoryInfo {
  name: string;
  nameEn: string;
  purpose: string;
  purposeEn: string;
  data: string;
  dataEn: string;
}

/** Every category, in the order the consents list them. */
export const categories: Readonly<Record<DataCategory, CategoryInfo>> = {
  age: {
    name: '年龄',
    nameEn: 'Age',
    purpose: '为达到年龄条件的您推荐养老津贴、优待证和健康服务。',
    purposeEn: 'To recommend allowances, cards and health services that depend on your age.',
    data: '身份证件上的出生日期。',
    dataEn: 'The birth date on your identity document.',
  },
  household: {
    name: '家庭成员与居住情况',
    nameEn: 'Household and living situation',
    purpose: '在孩子出生、入学时推荐一件事联办，为独居老人推荐居家养老服务。',
    purposeEn:
      'To recommend one-matter applications when a child is born or starts school, and home care for people living alone.',
    data: '子女的姓名、出生日期和在学情况，是否独居。',
    dataEn: 'Your children’s names, birth dates and schooling; whether you live alone.',
  },
  vehicles: {
    name: '车辆与驾驶证',
    nameEn: 'Vehicles and driving licence',
    purpose: '在车辆检验、驾驶证换证到期前提醒您。',
    purposeEn: 'To remind you before a vehicle inspection or licence renewal is due.',
    data: '名下车辆的号牌和检验有效期，驾驶证有效期。',
    dataEn: 'The plates and inspection dates of your vehicles, your licence’s expiry.',
  },
  'travel-documents': {
    name: '出入境证件',
    nameEn: 'Travel documents',
    purpose: '在往来港澳通行证签注到期前提醒您。',
    purposeEn: 'To remind you before a Hong Kong and Macao endorsement expires.',
    data: '往来港澳通行证签注的有效期。',
    dataEn: 'The expiry of your Hong Kong and Macao endorsement.',
  },
  health: {
    name: '医疗健康',
    nameEn: 'Health',
    purpose: '为尚未签约的老年人推荐家庭医生。',
    purposeEn: 'To recommend a family doctor to older people who have none.',
    data: '是否已签约家庭医生。',
    dataEn: 'Whether you have signed up with a family doctor.',
  },
  employment: {
    name: '就业与社保',
    nameEn: 'Employment and social insurance',
    purpose: '在失业、毕业、退休时推荐相应的保险待遇和补贴。',
    purposeEn: 'To recommend benefits and allowances when you lose a job, graduate or retire.',
    data: '失业登记日期、毕业日期、退休日期和已领取的补贴。',
    dataEn: 'When you became unemployed, graduated or retire, and the allowances you receive.',
  },
  housing: {
    name: '住房与公积金',
    nameEn: 'Housing and provident fund',
    purpose: '为租房职工推荐公积金提取，为购房人推荐转移登记一件事。',
    purposeEn:
      'To recommend provident fund withdrawals to renters and the transfer matter to buyers.',
    data: '是否租房、公积金余额、二手房交易情况。',
    dataEn: 'Whether you rent, your provident fund balance, a second-hand home purchase.',
  },
  income: {
    name: '收入与社会救助',
    nameEn: 'Income and social assistance',
    purpose: '为可能符合条件的家庭推荐低保和学生资助。',
    purposeEn:
      'To recommend the minimum living allowance and student aid to households that may qualify.',
    data: '家庭人均月收入，是否享受低保或属于低收入家庭。',
    dataEn:
      'Household income per person; whether you receive assistance or are a low-income household.',
  },
  disability: {
    name: '残疾人信息',
    nameEn: 'Disability',
    purpose: '为持证残疾人推荐两项补贴。',
    purposeEn: 'To recommend the two disability subsidies to certificate holders.',
    data: '残疾人证的持有情况和已享受的补贴。',
    dataEn: 'Whether you hold a disability certificate and the subsidies you receive.',
  },
  'military-service': {
    name: '退役军人信息',
    nameEn: 'Military service',
    purpose: '在退役后提醒您报到并联办相关事项。',
    purposeEn: 'To remind you to report after discharge and handle what follows as one matter.',
    data: '退役日期和报到情况。',
    dataEn: 'Your discharge date and whether you have reported.',
  },
  enterprise: {
    name: '企业经营信息',
    nameEn: 'Enterprise records',
    purpose: '为企业推荐开办联办、年报提醒和融资服务。',
    purposeEn: 'To recommend start-up matters, annual report reminders and loans to enterprises.',
    data: '成立日期、市场主体类型、年报和参保登记情况、规模。',
    dataEn: 'Founding date, entity type, annual report and insurance registration, size.',
  },
  village: {
    name: '村务积分',
    nameEn: 'Village points',
    purpose: '提醒您可兑换的信治积分。',
    purposeEn: 'To tell you about village credit points you can spend.',
    data: '您的信治积分余额。',
    dataEn: 'Your village credit points balance.',
  },
};

/** The categories, in order. */
export const categoryOrder = Object.keys(categories) as DataCategory[];
