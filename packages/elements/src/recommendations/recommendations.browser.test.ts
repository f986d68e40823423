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
import type { ZheliRecommendations } from './recommendations.js';

type Recommendation = Schemas['Recommendation'];

const school: Recommendation = {
  id: 'rec-primary-school-enrolment-c1',
  kind: 'bundle',
  title: '您的孩子将于2027年9月入学，可办理入学一件事',
  titleEn: 'Your child starts school in September 2027: enrol in one application',
  reason: '适龄儿童可通过入学一件事一次提交户籍、住房和疫苗接种证明。',
  reasonEn: 'Children of school age enrol with one application.',
  serviceId: null,
  bundleId: 'bnd-school-enrollment',
  action: 'apply',
  dueDate: null,
};

const inspection: Recommendation = {
  id: 'rec-vehicle-inspection-zea12345',
  kind: 'reminder',
  title: '您的车辆浙E·A12345将于2026-12-15检验到期',
  titleEn: 'Your vehicle 浙E·A12345 is due for inspection by 2026-12-15',
  reason: '机动车应在检验有效期届满前申请检验。',
  reasonEn: 'Book an inspection station slot before the inspection expires.',
  serviceId: 'svc-330523-vehicle-inspection-booking',
  bundleId: null,
  action: 'book',
  dueDate: '2026-12-15',
};

/** Data whose `me.recommendations` answers `items` (or waits for / fails with `answer`). */
function data(answer: () => Promise<Schemas['RecommendationList']>): FakeData & ZheliData {
  const fake = new FakeData() as FakeData & ZheliData;
  fake.me = {
    matter: async () => {
      throw new Error('not used');
    },
    recommendations: async () => {
      fake.calls.push({ method: 'me.recommendations', args: [] });
      return answer();
    },
  };
  return fake;
}

/** An auth that reports its changes through `on()`, as `@zheli/auth`'s does. */
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
    getUser: async () => (state.signedIn ? { sub: 'p-hz-parent', claims: {} } : null),
    on: (_type, listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return { value, state };
}

async function settle(element: ZheliRecommendations): Promise<void> {
  for (let i = 0; i < 5; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await element.updateComplete;
  }
}

async function mount(configuration?: ZheliConfiguration): Promise<ZheliRecommendations> {
  const element = await fixture<ZheliRecommendations>(
    html`<zheli-recommendations></zheli-recommendations>`,
    configuration,
  );
  await settle(element);
  return element;
}

afterEach(cleanup);

describe('<zheli-recommendations>', () => {
  it('lists each recommendation with its reason, deadline and a start link into the service or the bundle', async () => {
    const client = data(async () => ({ items: [school, inspection] }));
    const element = await mount({ client, auth: auth(true).value, portalUrl: 'https://p.test/' });
    const items = parts(element, 'item');
    expect(items).toHaveLength(2);
    expect(textOf(element)).toContain('您的孩子将于2027年9月入学');
    expect(textOf(element)).toContain('推荐理由： 适龄儿童可通过入学一件事');
    const starts = parts(element, 'start') as HTMLAnchorElement[];
    expect(starts.map((link) => link.href)).toEqual([
      'https://p.test/bundles/bnd-school-enrollment',
      'https://p.test/book/svc-330523-vehicle-inspection-booking',
    ]);
    expect(starts.map((link) => link.textContent?.trim())).toEqual(['办理一件事', '去预约']);
    expect(parts(element, 'due').map((due) => due.textContent?.trim())).toEqual([
      '办理期限：2026年12月15日',
    ]);
    expect(await axeViolations(element)).toEqual([]);
  });

  it('fires a cancelable zheli-recommendation-start with the recommendation and the link', async () => {
    const client = data(async () => ({ items: [school] }));
    const element = await mount({ client, auth: auth(true).value });
    const seen: { id: string; href: string }[] = [];
    element.addEventListener('zheli-recommendation-start', (event) => {
      seen.push({ id: event.detail.recommendation.id, href: event.detail.href });
      event.preventDefault();
    });
    part<HTMLAnchorElement>(element, 'start').click();
    expect(seen).toEqual([
      { id: school.id, href: 'https://www.zjzwfw.gov.cn/bundles/bnd-school-enrollment' },
    ]);
    // Still here: the host routed it itself.
    expect(location.href).not.toContain('zjzwfw');
  });

  it('shows the English wording in English, and the Chinese in zh-TW with translated labels', async () => {
    await useLocale('en');
    const client = data(async () => ({ items: [inspection] }));
    const element = await mount({ client, auth: auth(true).value });
    expect(textOf(element)).toContain('Recommended for you');
    expect(textOf(element)).toContain('Your vehicle 浙E·A12345 is due for inspection');
    expect(textOf(element)).toContain('Due by December 15, 2026');
    expect(part(element, 'start').textContent?.trim()).toBe('Book');
    await useLocale('zh-TW');
    await settle(element);
    expect(textOf(element)).toContain('為您推薦');
    expect(textOf(element)).toContain('去預約');
  });

  it('asks a signed-out person to sign in, loads nothing, and lists once they have', async () => {
    const client = data(async () => ({ items: [school] }));
    const { value, state } = auth(false);
    const element = await mount({ client, auth: value });
    expect(textOf(element)).toContain('登录后查看为您推荐的政策和服务。');
    expect(client.count('me.recommendations')).toBe(0);
    expect(await axeViolations(element)).toEqual([]);
    part<HTMLButtonElement>(element, 'button').click();
    await settle(element);
    expect(state.signIns).toBe(1);
    expect(parts(element, 'item')).toHaveLength(1);
    // Signing out elsewhere (another tab) puts the prompt back.
    await value.signOut();
    await settle(element);
    expect(parts(element, 'item')).toHaveLength(0);
    expect(textOf(element)).toContain('登录后查看');
  });

  it('shows the signed-out prompt on the platform’s 401 when no auth is configured', async () => {
    const problem = Object.assign(new Error('unauthenticated'), {
      name: 'ZheliApiError',
      status: 401,
    });
    const client = data(async () => Promise.reject(problem));
    const element = await mount({ client });
    expect(textOf(element)).toContain('登录后查看');
    // No auth to sign in with: no button.
    expect(parts(element, 'button')).toHaveLength(0);
  });

  it('says so when nothing applies to the person', async () => {
    const client = data(async () => ({ items: [] }));
    const element = await mount({ client, auth: auth(true).value });
    expect(textOf(element)).toContain('暂时没有为您推荐的政策和服务。');
    expect(await axeViolations(element)).toEqual([]);
  });

  it('shows loading while the platform answers, then an error with a retry that loads again', async () => {
    const first = deferred<Schemas['RecommendationList']>();
    let calls = 0;
    const errors: unknown[] = [];
    const client = data(() => {
      calls += 1;
      return calls === 1 ? first.promise : Promise.resolve({ items: [school] });
    });
    const element = await mount({ client, auth: auth(true).value });
    element.addEventListener('zheli-error', (event) => errors.push(event.detail.error));
    expect(textOf(element)).toContain('正在加载为您推荐的政策和服务…');
    expect(part(element, 'base').getAttribute('aria-busy')).toBe('true');
    first.reject(new Error('offline'));
    await settle(element);
    expect(errors).toHaveLength(1);
    expect(part(element, 'message').getAttribute('role')).toBe('alert');
    expect(await axeViolations(element)).toEqual([]);
    part<HTMLButtonElement>(element, 'button').click();
    await settle(element);
    expect(parts(element, 'item')).toHaveLength(1);
  });

  it('says it is not configured without a client', async () => {
    const element = await mount();
    expect(textOf(element)).toContain('未配置数据来源');
  });

  it('passes axe with the enhanced contrast in elder mode', async () => {
    const client = data(async () => ({ items: [school, inspection] }));
    const element = await mount({ client, auth: auth(true).value, mode: 'elder' });
    expect(part(element, 'base').classList.contains('elder')).toBe(true);
    // Every start link is a target of at least 48 px, its text at least 18 px.
    for (const link of parts(element, 'start')) {
      expect(link.getBoundingClientRect().height).toBeGreaterThanOrEqual(48);
      expect(Number.parseFloat(getComputedStyle(link).fontSize)).toBeGreaterThanOrEqual(18);
    }
    expect(await axeViolations(element, true)).toEqual([]);
  });
});
