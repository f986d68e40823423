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

const vehicles = {
  category: 'vehicles',
  name: '车辆与驾驶证',
  nameEn: 'Vehicles and driving licence',
} as const;

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
  uses: [vehicles],
};

const vehicleConsent: Schemas['DataConsent'] = {
  ...vehicles,
  purpose: '在车辆检验、驾驶证换证到期前提醒您。',
  purposeEn: 'To remind you before a vehicle inspection or licence renewal is due.',
  data: '名下车辆的号牌和检验有效期，驾驶证有效期。',
  dataEn: 'The plates and inspection dates of your vehicles, your licence’s expiry.',
  rules: [
    { id: 'rec-vehicle-inspection', name: '机动车检验提醒', nameEn: 'Vehicle inspection reminder' },
    { id: 'rec-driving-licence-renewal', name: '驾驶证换证提醒', nameEn: 'Licence renewal' },
  ],
  granted: true,
  updatedAt: null,
};

/**
 * Data that keeps what the person said as the platform would: dismissed, snoozed and revoked
 * hide recommendations; `fail` makes the next write reject.
 */
function platform(items: Recommendation[]) {
  const hidden = new Map<string, Schemas['RecommendationFeedback']>();
  let granted = true;
  const state = { fail: false };
  const feedback = (id: string, body: { reason?: Schemas['DismissReason']; days?: 7 | 30 }) => {
    if (state.fail) throw new Error('offline');
    const saved: Schemas['RecommendationFeedback'] = {
      recommendationId: id,
      state: body.days ? 'snoozed' : 'dismissed',
      reason: body.reason ?? null,
      until: body.days ? '2026-12-23T10:00:00+08:00' : null,
      createdAt: '2026-11-23T10:00:00+08:00',
    };
    hidden.set(id, saved);
    return saved;
  };
  const client = data(async () => ({
    items: items.filter(
      (item) =>
        !hidden.has(item.id) && (granted || !item.uses?.some((use) => use.category === 'vehicles')),
    ),
    withheld: granted ? [] : [{ ...vehicles, rules: 2 }],
  }));
  const me = client.me as NonNullable<ZheliData['me']>;
  me.dismissRecommendation = async (id, body) => {
    client.calls.push({ method: 'me.dismissRecommendation', args: [id, body] });
    return feedback(id, body);
  };
  me.snoozeRecommendation = async (id, body) => {
    client.calls.push({ method: 'me.snoozeRecommendation', args: [id, body] });
    return feedback(id, body);
  };
  me.restoreRecommendation = async (id) => {
    client.calls.push({ method: 'me.restoreRecommendation', args: [id] });
    hidden.delete(id);
    const item = items.find((other) => other.id === id);
    if (!item) throw new Error('not found');
    return item;
  };
  me.dataConsents = async () => {
    client.calls.push({ method: 'me.dataConsents', args: [] });
    return { items: [{ ...vehicleConsent, granted }] };
  };
  me.setDataConsent = async (category, body) => {
    client.calls.push({ method: 'me.setDataConsent', args: [category, body] });
    granted = body.granted;
    return { ...vehicleConsent, granted, updatedAt: '2026-11-23T10:00:00+08:00' };
  };
  return { client, state };
}

/** The texts of the element's parts named `name`. */
const textsOf = (element: Element, name: string) =>
  parts(element, name).map((found) => found.textContent?.replace(/\s+/g, ' ').trim());

/** The element that has focus inside the element's shadow root. */
const focused = (element: ZheliRecommendations) => element.shadowRoot?.activeElement;

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

  it('gives the dismiss, snooze, choice and consent controls 48 px targets and AAA contrast in elder mode', async () => {
    const { client } = platform([inspection]);
    const element = await mount({ client, auth: auth(true).value, mode: 'elder' });
    (parts(element, 'action')[0] as HTMLButtonElement).click();
    part<HTMLButtonElement>(element, 'consents-toggle').click();
    await settle(element);
    const controls = ['action', 'choice', 'consents-toggle', 'switch'].flatMap((name) =>
      parts(element, name),
    );
    expect(controls.length).toBeGreaterThan(6);
    for (const control of controls) {
      expect(control.getBoundingClientRect().height).toBeGreaterThanOrEqual(48);
    }
    expect(await axeViolations(element, true)).toEqual([]);
  });

  describe('dismiss and snooze', () => {
    it('names the data each recommendation’s rule reads', async () => {
      const { client } = platform([school, inspection]);
      const element = await mount({ client, auth: auth(true).value });
      expect(textsOf(element, 'uses')).toEqual(['所用数据：车辆与驾驶证']);
    });

    it('dismisses with a reason chosen from the list, announces it with an undo, and fires zheli-recommendation-dismiss', async () => {
      const { client } = platform([school, inspection]);
      const element = await mount({ client, auth: auth(true).value });
      const seen: unknown[] = [];
      element.addEventListener('zheli-recommendation-dismiss', (event) =>
        seen.push([event.detail.recommendation.id, event.detail.reason]),
      );
      const toggle = parts(element, 'action')[2] as HTMLButtonElement;
      expect(toggle.textContent?.trim()).toBe('不感兴趣');
      expect(toggle.getAttribute('aria-expanded')).toBe('false');
      toggle.click();
      await settle(element);
      expect(toggle.getAttribute('aria-expanded')).toBe('true');
      const group = part(element, 'choices');
      expect(toggle.getAttribute('aria-controls')).toBe(group.id);
      expect(group.getAttribute('role')).toBe('group');
      expect(group.getAttribute('aria-label')).toBe('为什么不感兴趣？');
      expect(textsOf(element, 'choice')).toEqual([
        '与我无关',
        '已经办过了',
        '信息有误',
        '其他原因',
      ]);
      expect(focused(element)).toBe(parts(element, 'choice')[0]);
      expect(await axeViolations(element)).toEqual([]);

      (parts(element, 'choice')[1] as HTMLButtonElement).click();
      await settle(element);
      expect(client.calls.filter((c) => c.method === 'me.dismissRecommendation')).toEqual([
        { method: 'me.dismissRecommendation', args: [inspection.id, { reason: 'already_done' }] },
      ]);
      expect(parts(element, 'item')).toHaveLength(1);
      const notice = part(element, 'notice');
      expect(notice.getAttribute('role')).toBe('status');
      expect(notice.textContent).toContain(`已隐藏「${inspection.title}」。`);
      expect(focused(element)).toBe(part(element, 'undo'));
      expect(seen).toEqual([[inspection.id, 'already_done']]);
      expect(await axeViolations(element)).toEqual([]);
    });

    it('undoes a dismissal: the recommendation returns to its place and the start link takes focus', async () => {
      const { client } = platform([inspection, school]);
      const element = await mount({ client, auth: auth(true).value });
      const restored: string[] = [];
      element.addEventListener('zheli-recommendation-restore', (event) =>
        restored.push(event.detail.recommendation.id),
      );
      (parts(element, 'action')[0] as HTMLButtonElement).click();
      await settle(element);
      (parts(element, 'choice')[0] as HTMLButtonElement).click();
      await settle(element);
      expect(textsOf(element, 'title')).toEqual([school.title]);
      part<HTMLButtonElement>(element, 'undo').click();
      await settle(element);
      expect(textsOf(element, 'title')).toEqual([inspection.title, school.title]);
      expect(part(element, 'notice').textContent).toContain(`已恢复「${inspection.title}」。`);
      expect(parts(element, 'undo')).toHaveLength(0);
      expect(focused(element)).toBe(parts(element, 'start')[0]);
      expect(restored).toEqual([inspection.id]);
    });

    it('snoozes for 30 days and says on which day it comes back', async () => {
      const { client } = platform([inspection]);
      const element = await mount({ client, auth: auth(true).value });
      const seen: unknown[] = [];
      element.addEventListener('zheli-recommendation-snooze', (event) =>
        seen.push([event.detail.days, event.detail.until]),
      );
      const toggle = parts(element, 'action')[1] as HTMLButtonElement;
      expect(toggle.textContent?.trim()).toBe('稍后提醒');
      toggle.click();
      await settle(element);
      expect(textsOf(element, 'choice')).toEqual(['7天后', '30天后']);
      (parts(element, 'choice')[1] as HTMLButtonElement).click();
      await settle(element);
      expect(client.calls.find((c) => c.method === 'me.snoozeRecommendation')?.args).toEqual([
        inspection.id,
        { days: 30 },
      ]);
      expect(part(element, 'notice').textContent).toContain('将于2026年12月23日再次提醒');
      expect(textOf(element)).toContain('暂时没有为您推荐的政策和服务。');
      expect(seen).toEqual([[30, '2026-12-23T10:00:00+08:00']]);
    });

    it('closes the choices on Escape, focus back on the button that opened them', async () => {
      const { client } = platform([inspection]);
      const element = await mount({ client, auth: auth(true).value });
      const toggle = parts(element, 'action')[0] as HTMLButtonElement;
      toggle.click();
      await settle(element);
      focused(element)?.dispatchEvent(
        new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }),
      );
      await settle(element);
      expect(parts(element, 'choices')).toHaveLength(0);
      expect(toggle.getAttribute('aria-expanded')).toBe('false');
      expect(focused(element)).toBe(toggle);
    });

    it('keeps the recommendation when the platform refuses, says so and fires zheli-error', async () => {
      const { client, state } = platform([inspection]);
      const element = await mount({ client, auth: auth(true).value });
      const errors: unknown[] = [];
      element.addEventListener('zheli-error', (event) => errors.push(event.detail.error));
      state.fail = true;
      (parts(element, 'action')[0] as HTMLButtonElement).click();
      await settle(element);
      (parts(element, 'choice')[3] as HTMLButtonElement).click();
      await settle(element);
      expect(parts(element, 'item')).toHaveLength(1);
      expect(part(element, 'notice').textContent).toContain('操作失败');
      expect(errors).toEqual([new Error('offline')]);
    });
  });

  describe('consent', () => {
    it('shows each data category’s purpose, scope and rules, and revoking one hides its recommendations with a reason', async () => {
      const { client } = platform([school, inspection]);
      const element = await mount({ client, auth: auth(true).value });
      const changes: unknown[] = [];
      element.addEventListener('zheli-consent-change', (event) =>
        changes.push([event.detail.category, event.detail.granted]),
      );
      const toggle = part<HTMLButtonElement>(element, 'consents-toggle');
      expect(toggle.getAttribute('aria-expanded')).toBe('false');
      toggle.click();
      await settle(element);
      expect(toggle.getAttribute('aria-expanded')).toBe('true');
      const consent = textsOf(element, 'consent')[0];
      expect(consent).toContain('车辆与驾驶证');
      expect(consent).toContain('用途： 在车辆检验、驾驶证换证到期前提醒您。');
      expect(consent).toContain('范围： 名下车辆的号牌和检验有效期');
      expect(consent).toContain('机动车检验提醒、驾驶证换证提醒');
      const toggleSwitch = part<HTMLButtonElement>(element, 'switch');
      expect(toggleSwitch.getAttribute('role')).toBe('switch');
      expect(toggleSwitch.getAttribute('aria-checked')).toBe('true');
      expect(await axeViolations(element)).toEqual([]);

      toggleSwitch.focus();
      toggleSwitch.click();
      await settle(element);
      expect(client.calls.find((c) => c.method === 'me.setDataConsent')?.args).toEqual([
        'vehicles',
        { granted: false },
      ]);
      expect(part(element, 'switch').getAttribute('aria-checked')).toBe('false');
      expect(textsOf(element, 'title')).toEqual([school.title]);
      expect(textsOf(element, 'withheld')).toEqual([
        '您已撤回「车辆与驾驶证」的使用授权，依赖它的2项推荐规则已停用。',
      ]);
      expect(part(element, 'notice').textContent).toContain('已撤回「车辆与驾驶证」的使用授权');
      // The list loaded again in place: focus stayed on the switch.
      expect(focused(element)).toBe(toggleSwitch);
      expect(changes).toEqual([['vehicles', false]]);

      part<HTMLButtonElement>(element, 'switch').click();
      await settle(element);
      expect(textsOf(element, 'title')).toEqual([school.title, inspection.title]);
      expect(parts(element, 'withheld')).toHaveLength(0);
      expect(changes).toEqual([
        ['vehicles', false],
        ['vehicles', true],
      ]);
    });

    it('speaks English in English', async () => {
      await useLocale('en');
      const { client } = platform([inspection]);
      const element = await mount({ client, auth: auth(true).value });
      expect(textsOf(element, 'uses')).toEqual(['Data used: Vehicles and driving licence']);
      expect(textsOf(element, 'action')).toEqual(['Not interested', 'Remind me later']);
      part<HTMLButtonElement>(element, 'consents-toggle').click();
      await settle(element);
      expect(textsOf(element, 'consents')[0]).toContain('Purpose: To remind you');
      expect(await axeViolations(element)).toEqual([]);
    });
  });
});
