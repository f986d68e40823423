// The village points ledger of the stories: 高家堂村's rules and shop, a villager's balance and
// history (as the sandbox seeds them), and MSW handlers for the `points` operations, typed from
// the contract like the platform's others.
import type { Schemas } from '@zheli/contract';
import { type HttpHandler, HttpResponse } from 'msw';
import { handle, problem } from './api.js';
import { displayToken } from './codes.js';

export const villageId = 'vil-330523-gaojiatang';

const village: Schemas['Village'] = {
  id: villageId,
  name: '高家堂村',
  nameTw: '高家堂村',
  nameEn: 'Gaojiatang Village',
  township: '山川乡',
  townshipEn: 'Shanchuan Township',
  regionCode: '330523',
  shop: '村文化礼堂积分超市，每月最后一个星期六 8:30–11:30',
  shopEn: 'Points shop at the village hall, last Saturday of each month, 8:30–11:30',
};

const rule = (
  id: string,
  name: string,
  nameTw: string,
  nameEn: string,
  points: number,
  unit: Schemas['PointUnit'],
): Schemas['PointRule'] => ({
  id,
  kind: points > 0 ? 'award' : 'deduction',
  name,
  nameTw,
  nameEn,
  points,
  unit,
});

const courtyard = rule(
  'rule-courtyard-excellent',
  '美丽庭院评比优秀',
  '美麗庭院評比優秀',
  'Beautiful courtyard award (excellent)',
  200,
  'quarter',
);
const waste = rule(
  'rule-waste-sorting',
  '垃圾分类月度达标',
  '垃圾分類月度達標',
  'Waste sorting on target',
  100,
  'month',
);
const volunteer = rule('rule-volunteer', '志愿服务', '志願服務', 'Volunteer service', 50, 'hour');

const rewards: Schemas['PointReward'][] = [
  { id: 'rwd-soap', name: '香皂', nameTw: '香皂', nameEn: 'Bar of soap', points: 10 },
  {
    id: 'rwd-rice-5kg',
    name: '大米 5 千克',
    nameTw: '大米 5 公斤',
    nameEn: 'Rice, 5 kg',
    points: 50,
  },
  {
    id: 'rwd-oil-5l',
    name: '菜籽油 5 升',
    nameTw: '菜籽油 5 公升',
    nameEn: 'Rapeseed oil, 5 L',
    points: 80,
  },
];

const pointRules: Schemas['PointRules'] = {
  village,
  rules: [
    courtyard,
    waste,
    volunteer,
    rule(
      'rule-open-burning',
      '露天焚烧垃圾秸秆',
      '露天焚燒垃圾秸稈',
      'Open burning of waste or straw',
      -100,
      'time',
    ),
  ],
  rewards,
};

const member = { id: 'mbr-gjt-012-1', name: '李*水' };
const officer = { role: 'officer' as const, name: '王*芳' };

export const history: Schemas['PointEntry'][] = [
  {
    id: 'pte-s5',
    kind: 'award',
    points: 200,
    quantity: 1,
    rule: courtyard,
    reward: null,
    note: '三季度美丽庭院评比优秀',
    member,
    recordedBy: officer,
    createdAt: '2026-09-30T09:00:00+08:00',
  },
  {
    id: 'pte-s4',
    kind: 'redemption',
    points: -80,
    quantity: 1,
    rule: null,
    reward: rewards[2] ?? null,
    note: null,
    member,
    recordedBy: { role: 'resident', name: '李*水' },
    createdAt: '2026-07-10T09:00:00+08:00',
  },
  {
    id: 'pte-s3',
    kind: 'award',
    points: 150,
    quantity: 3,
    rule: volunteer,
    reward: null,
    note: '参与竹林防火志愿巡查 3 小时',
    member,
    recordedBy: officer,
    createdAt: '2026-06-20T09:00:00+08:00',
  },
  {
    id: 'pte-s2',
    kind: 'award',
    points: 100,
    quantity: 1,
    rule: waste,
    reward: null,
    note: '垃圾分类月度达标',
    member,
    recordedBy: officer,
    createdAt: '2026-05-15T09:00:00+08:00',
  },
  {
    id: 'pte-s1',
    kind: 'carry_over',
    points: 800,
    quantity: 1,
    rule: null,
    reward: null,
    note: '2025年度积分结转',
    member,
    recordedBy: { role: 'system', name: null },
    createdAt: '2026-01-01T09:00:00+08:00',
  },
];

/** The villager's account with `balance` points (the household adds the spouse's 210). */
function account(balance: number): Schemas['PointsAccount'] {
  return {
    village,
    member: { ...member, balance },
    household: {
      id: 'hh-gjt-012',
      name: '李*水户',
      balance: balance + 210,
      members: [
        { ...member, balance },
        { id: 'mbr-gjt-012-2', name: '沈*英', balance: 210 },
      ],
    },
  };
}

const signedOut = (request: Request) =>
  request.headers.get('authorization') ? undefined : problem(401, 'unauthenticated', '请先登录');

/** The `points` operations for a villager with `balance` points. */
export function pointsHandlers(balance = 1170): HttpHandler[] {
  let left = balance;
  return [
    handle('get', '/v1/villages/{villageId}/points/rules', ({ params }) =>
      params.villageId === villageId
        ? HttpResponse.json(pointRules)
        : problem(404, 'not_found', '没有这个村'),
    ),
    handle(
      'get',
      '/v1/me/points',
      ({ request }) => signedOut(request) ?? HttpResponse.json(account(left)),
    ),
    handle(
      'get',
      '/v1/me/points/entries',
      ({ request }) =>
        signedOut(request) ?? HttpResponse.json({ items: history, nextCursor: null }),
    ),
    handle('post', '/v1/me/points/redemptions', async ({ request }) => {
      const refused = signedOut(request);
      if (refused) return refused;
      const body = await request.json();
      const reward = rewards.find((r) => r.id === body.rewardId);
      if (!reward) return problem(404, 'not_found', '没有这个兑换品');
      if (reward.points > left) {
        return problem(409, 'insufficient_points', `需要 ${reward.points} 分，余额 ${left} 分`);
      }
      left -= reward.points;
      const now = Date.now();
      return HttpResponse.json(
        {
          id: 'rdm-story0001',
          balance: left,
          entry: {
            id: 'pte-story0001',
            kind: 'redemption',
            points: -reward.points,
            quantity: 1,
            rule: null,
            reward,
            note: null,
            member,
            recordedBy: { role: 'resident', name: '李*水' },
            createdAt: new Date(now).toISOString(),
          },
          code: {
            kind: 'redemption',
            token: displayToken({
              sub: 'p-gaojiatang-villager',
              kind: 'redemption',
              ref: 'rdm-story0001',
              reward: reward.id,
              quantity: 1,
              points: reward.points,
            }),
            status: 'green',
            issuedAt: new Date(now).toISOString(),
            expiresAt: new Date(now + 30 * 24 * 3600_000).toISOString(),
            refreshAfter: null,
          },
        },
        { status: 201 },
      );
    }),
  ];
}
