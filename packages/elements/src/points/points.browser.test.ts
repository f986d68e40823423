import type { Schemas } from '@zheli/contract';
import { html } from 'lit';
import { afterEach, describe, expect, it } from 'vitest';
import { deferred, FakeData } from '../../test/fake-data.js';
import {
  axeViolations,
  cleanup,
  fixture,
  part,
  parts,
  textOf,
  useLocale,
} from '../../test/fixture.js';
import type { ZheliAuth, ZheliConfiguration } from '../internal/config.js';
import type { ZheliData } from '../internal/data.js';
import './define.js';
import type { ZheliPoints } from './points.js';

const village: Schemas['Village'] = {
  id: 'vil-330523-gaojiatang',
  name: '高家堂村',
  nameTw: '高家堂村',
  nameEn: 'Gaojiatang Village',
  township: '山川乡',
  townshipEn: 'Shanchuan Township',
  regionCode: '330523',
  shop: '村文化礼堂积分超市，每月最后一个星期六 8:30–11:30',
  shopEn: 'Points shop at the village hall, last Saturday of each month, 8:30–11:30',
};
const volunteer: Schemas['PointRule'] = {
  id: 'rule-volunteer',
  kind: 'award',
  name: '志愿服务',
  nameTw: '志願服務',
  nameEn: 'Volunteer service',
  points: 50,
  unit: 'hour',
};
const burning: Schemas['PointRule'] = {
  id: 'rule-open-burning',
  kind: 'deduction',
  name: '露天焚烧垃圾秸秆',
  nameTw: '露天焚燒垃圾秸稈',
  nameEn: 'Open burning of waste or straw',
  points: -100,
  unit: 'time',
};
const rice: Schemas['PointReward'] = {
  id: 'rwd-rice-5kg',
  name: '大米 5 千克',
  nameTw: '大米 5 公斤',
  nameEn: 'Rice, 5 kg',
  points: 50,
};
const oil: Schemas['PointReward'] = {
  id: 'rwd-oil-5l',
  name: '菜籽油 5 升',
  nameTw: '菜籽油 5 公升',
  nameEn: 'Rapeseed oil, 5 L',
  points: 80,
};
const rules: Schemas['PointRules'] = { village, rules: [volunteer, burning], rewards: [rice, oil] };
const member = { id: 'mbr-gjt-012-1', name: '李*水' };
const patrol: Schemas['PointEntry'] = {
  id: 'pte-1',
  kind: 'award',
  points: 150,
  quantity: 3,
  rule: volunteer,
  reward: null,
  note: '参与竹林防火志愿巡查 3 小时',
  member,
  recordedBy: { role: 'officer', name: '王*芳' },
  createdAt: '2026-06-20T09:00:00+08:00',
};
const carried: Schemas['PointEntry'] = {
  ...patrol,
  id: 'pte-0',
  kind: 'carry_over',
  points: 20,
  quantity: 1,
  rule: null,
  note: null,
  recordedBy: { role: 'system', name: null },
  createdAt: '2026-01-01T09:00:00+08:00',
};
const account = (balance: number): Schemas['PointsAccount'] => ({
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
});
const problem = (status: number, code: string) =>
  Object.assign(new Error(code), { name: 'ZheliApiError', status, code });

interface Answers {
  mine?: () => Promise<Schemas['PointsAccount']>;
  entries?: () => Promise<Schemas['PointEntryPage']>;
  redeem?: (key: string | undefined) => Promise<Schemas['PointRedemption']>;
}

/** Data whose `points` operations answer as given (a balance of 170 by default). */
function data(answers: Answers = {}): FakeData & ZheliData {
  const fake = new FakeData() as FakeData & ZheliData;
  fake.points = {
    rules: async (villageId) => {
      fake.calls.push({ method: 'points.rules', args: [villageId] });
      return rules;
    },
    mine: async () => {
      fake.calls.push({ method: 'points.mine', args: [] });
      return (answers.mine ?? (async () => account(170)))();
    },
    entries: async (query) => {
      fake.calls.push({ method: 'points.entries', args: [query] });
      return (answers.entries ?? (async () => ({ items: [patrol, carried], nextCursor: null })))();
    },
    redeem: async (body, options) => {
      fake.calls.push({ method: 'points.redeem', args: [body, options?.idempotencyKey] });
      return (
        answers.redeem ??
        (async () => ({
          id: 'rdm-1',
          balance: 120,
          entry: {
            ...patrol,
            id: 'pte-2',
            kind: 'redemption',
            points: -50,
            quantity: 1,
            rule: null,
            reward: rice,
            note: null,
            recordedBy: { role: 'resident', name: '李*水' },
            createdAt: '2026-11-23T10:00:00+08:00',
          },
          code: {
            kind: 'redemption',
            token: 'eyJhbGciOiJFUzI1NiJ9.eyJraW5kIjoicmVkZW1wdGlvbiJ9.c2ln',
            status: 'green',
            issuedAt: '2026-11-23T10:00:00+08:00',
            expiresAt: '2026-12-23T10:00:00+08:00',
            refreshAfter: null,
          },
        }))
      )(options?.idempotencyKey);
    },
  };
  return fake;
}

function auth(signedIn: boolean) {
  const state = { signedIn, signIns: 0 };
  const listeners = new Set<() => void>();
  const value: ZheliAuth = {
    signIn: async () => {
      state.signIns += 1;
      state.signedIn = true;
      for (const listener of listeners) listener();
    },
    signOut: async () => {
      state.signedIn = false;
      for (const listener of listeners) listener();
    },
    getUser: async () => (state.signedIn ? { sub: 'p-gaojiatang-villager', claims: {} } : null),
    on: (_type, listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return { value, state };
}

async function settle(element: ZheliPoints): Promise<void> {
  for (let i = 0; i < 8; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await element.updateComplete;
  }
}

async function mount(
  configuration?: ZheliConfiguration,
  template = html`<zheli-points village="vil-330523-gaojiatang"></zheli-points>`,
): Promise<ZheliPoints> {
  const element = await fixture<ZheliPoints>(template, configuration);
  await settle(element);
  return element;
}

const button = (element: ZheliPoints, text: string) => {
  const found = [...(element.shadowRoot?.querySelectorAll('button') ?? [])].find(
    (b) => b.textContent?.trim() === text,
  );
  if (!found) throw new Error(`no button "${text}"`);
  return found;
};

afterEach(cleanup);

describe('<zheli-points>', () => {
  it('shows the balance, the household’s, the history with who and why, the shop and the rules', async () => {
    const element = await mount({ client: data(), auth: auth(true).value });
    expect(part(element, 'heading').textContent?.trim()).toBe('高家堂村信治积分');
    expect(part(element, 'balance').textContent).toMatch(/我的积分\s*170 分/);
    expect(part(element, 'balance').textContent).toMatch(/家庭积分（2 人）\s*380 分/);
    const entries = parts(element, 'entry').map((e) => e.textContent?.replace(/\s+/g, ' ').trim());
    expect(entries[0]).toContain('志愿服务 +150');
    expect(entries[0]).toContain('登记人：王*芳');
    expect(entries[0]).toContain('参与竹林防火志愿巡查 3 小时');
    expect(entries[1]).toContain('上年度积分结转 +20');
    expect(part(element, 'rules').textContent).toMatch(/志愿服务\s*\+50 分\/小时/);
    expect(part(element, 'rules').textContent).toMatch(/露天焚烧垃圾秸秆\s*-100 分\/次/);
    // Oil costs 80 of 170: redeemable; both are.
    const redeem = parts(element, 'redeem-button') as HTMLButtonElement[];
    expect(redeem.map((b) => [b.getAttribute('aria-label'), b.disabled])).toEqual([
      ['兑换大米 5 千克', false],
      ['兑换菜籽油 5 升', false],
    ]);
    expect(await axeViolations(element)).toEqual([]);
  });

  it('disables a reward the balance does not cover, and says how many points are short', async () => {
    const element = await mount({
      client: data({ mine: async () => account(60) }),
      auth: auth(true).value,
    });
    const [riceButton, oilButton] = parts(element, 'redeem-button') as HTMLButtonElement[];
    expect(riceButton?.disabled).toBe(false);
    expect(oilButton?.disabled).toBe(true);
    expect(part(element, 'shop').textContent).toContain('还差 20 分');
    expect(await axeViolations(element)).toEqual([]);
  });

  it('redeems after a confirmation, shows the code through <zheli-qr-code>, and fires zheli-points-redeemed', async () => {
    const client = data();
    const element = await mount({ client, auth: auth(true).value });
    const seen: string[] = [];
    element.addEventListener('zheli-points-redeemed', (event) =>
      seen.push(event.detail.redemption.id),
    );
    (parts(element, 'redeem-button')[0] as HTMLButtonElement).click();
    await settle(element);
    expect(part(element, 'confirm').textContent).toContain('用 50 分兑换大米 5 千克？');
    expect(client.count('points.redeem')).toBe(0);
    expect(await axeViolations(element)).toEqual([]);
    button(element, '确认兑换').click();
    await settle(element);
    expect(seen).toEqual(['rdm-1']);
    const qr = part(element, 'redemption').querySelector('zheli-qr-code');
    expect(qr?.getAttribute('value')).toBe(
      'eyJhbGciOiJFUzI1NiJ9.eyJraW5kIjoicmVkZW1wdGlvbiJ9.c2ln',
    );
    expect(qr?.getAttribute('label')).toBe('积分兑换码');
    // Loaded on the way to the code, through the define entry's loader.
    await customElements.whenDefined('zheli-qr-code');
    await settle(element);
    expect(part(element, 'redemption').textContent).toContain(
      '请在积分超市出示此码领取大米 5 千克，有效期至 2026年12月23日。',
    );
    expect(part(element, 'redemption').textContent).toContain('剩余积分：120 分');
    expect(part(element, 'balance').textContent).toMatch(/我的积分\s*120 分/);
    expect(parts(element, 'entry')[0]?.textContent).toContain('大米 5 千克');
    expect(await axeViolations(element)).toEqual([]);
    button(element, '完成').click();
    await settle(element);
    expect(parts(element, 'redemption')).toHaveLength(0);
  });

  it('retries a failed redemption with the same Idempotency-Key, so points are never taken twice', async () => {
    let calls = 0;
    const base = data();
    const real = base.points?.redeem;
    const client = data({
      redeem: async () => {
        calls += 1;
        if (calls === 1) throw new Error('offline');
        if (!real) throw new Error('no redeem');
        return await real({ rewardId: 'rwd-rice-5kg' });
      },
    });
    const element = await mount({ client, auth: auth(true).value });
    (parts(element, 'redeem-button')[0] as HTMLButtonElement).click();
    await settle(element);
    button(element, '确认兑换').click();
    await settle(element);
    expect(part(element, 'confirm').textContent).toContain('兑换失败，请检查网络后重试。');
    button(element, '确认兑换').click();
    await settle(element);
    const keys = client.calls.filter((c) => c.method === 'points.redeem').map((c) => c.args[1]);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toEqual(keys[1]);
    expect(typeof keys[0]).toBe('string');
    expect(parts(element, 'redemption')).toHaveLength(1);
  });

  it('says the points are not enough when the platform refuses with insufficient_points', async () => {
    const errors: unknown[] = [];
    const client = data({
      redeem: async () => Promise.reject(problem(409, 'insufficient_points')),
    });
    const element = await mount({ client, auth: auth(true).value });
    element.addEventListener('zheli-error', (event) => errors.push(event.detail.error));
    (parts(element, 'redeem-button')[1] as HTMLButtonElement).click();
    await settle(element);
    button(element, '确认兑换').click();
    await settle(element);
    expect(part(element, 'confirm').textContent).toContain('积分不足，无法兑换。');
    expect(button(element, '确认兑换').disabled).toBe(true);
    expect(errors).toHaveLength(1);
  });

  it('shows the rules and the shop signed out, with a sign-in that loads the points', async () => {
    const client = data();
    const { value, state } = auth(false);
    const element = await mount({ client, auth: value });
    expect(textOf(element)).toContain('登录后查看您和家庭的积分与明细');
    expect(client.count('points.mine')).toBe(0);
    expect(parts(element, 'rules')).toHaveLength(1);
    expect(parts(element, 'redeem-button')).toHaveLength(0);
    expect(await axeViolations(element)).toEqual([]);
    button(element, '登录').click();
    await settle(element);
    expect(state.signIns).toBe(1);
    expect(part(element, 'balance').textContent).toContain('170 分');
  });

  it('tells a person outside the ledger so, and still shows the village’s rules', async () => {
    const client = data({ mine: async () => Promise.reject(problem(404, 'not_found')) });
    const element = await mount({ client, auth: auth(true).value });
    expect(textOf(element)).toContain('您不在本村信治积分名册中');
    expect(parts(element, 'rules')).toHaveLength(1);
    expect(await axeViolations(element)).toEqual([]);
  });

  it('lists the household’s history with each member’s name when of="household", page by page', async () => {
    let pages = 0;
    const client = data({
      entries: async () => {
        pages += 1;
        return pages === 1
          ? { items: [patrol], nextCursor: 'next' }
          : { items: [carried], nextCursor: null };
      },
    });
    const element = await mount(
      { client, auth: auth(true).value },
      html`<zheli-points of="household"></zheli-points>`,
    );
    expect(client.calls.find((c) => c.method === 'points.entries')?.args[0]).toMatchObject({
      of: 'household',
    });
    expect(parts(element, 'entry')[0]?.textContent).toContain('李*水');
    button(element, '加载更多').click();
    await settle(element);
    expect(parts(element, 'entry')).toHaveLength(2);
    expect(textOf(element)).not.toContain('加载更多');
  });

  it('shows loading, then an error with a retry that loads again', async () => {
    const first = deferred<Schemas['PointsAccount']>();
    let calls = 0;
    const client = data({
      mine: () => {
        calls += 1;
        return calls === 1 ? first.promise : Promise.resolve(account(170));
      },
    });
    const element = await mount({ client, auth: auth(true).value });
    expect(textOf(element)).toContain('正在加载积分…');
    expect(part(element, 'base').getAttribute('aria-busy')).toBe('true');
    first.reject(new Error('offline'));
    await settle(element);
    expect(part(element, 'message').getAttribute('role')).toBe('alert');
    expect(await axeViolations(element)).toEqual([]);
    button(element, '重试').click();
    await settle(element);
    expect(parts(element, 'balance')).toHaveLength(1);
  });

  it('speaks English and Traditional Chinese', async () => {
    await useLocale('en');
    const element = await mount({ client: data(), auth: auth(true).value });
    expect(part(element, 'heading').textContent?.trim()).toBe('Points of Gaojiatang Village');
    expect(textOf(element)).toContain('Points shop at the village hall');
    expect(part(element, 'rules').textContent).toContain('+50 points per hour');
    await useLocale('zh-TW');
    await settle(element);
    expect(textOf(element)).toContain('積分超市');
    expect(textOf(element)).toContain('志願服務');
  });

  it('says it is not configured without a client', async () => {
    const element = await mount();
    expect(textOf(element)).toContain('未配置数据来源');
  });

  it('passes axe with the enhanced contrast in elder mode, with large targets', async () => {
    const element = await mount({ client: data(), auth: auth(true).value, mode: 'elder' });
    expect(part(element, 'base').classList.contains('elder')).toBe(true);
    for (const b of parts(element, 'redeem-button')) {
      expect(b.getBoundingClientRect().height).toBeGreaterThanOrEqual(48);
      expect(Number.parseFloat(getComputedStyle(b).fontSize)).toBeGreaterThanOrEqual(18);
    }
    expect(await axeViolations(element, true)).toEqual([]);
  });
});
