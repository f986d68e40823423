import { createClient } from '@zheli/client';
import { html } from 'lit';
import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { deferred, FakeData, service } from '../../test/fake-data.js';
import {
  axeViolations,
  cleanup,
  fixture,
  part,
  parts,
  textOf,
  useLocale,
} from '../../test/fixture.js';
import type { ZheliErrorEvent } from '../events/error.js';
import type { ZheliApplyEvent } from '../events/service-action.js';
import './define.js';
import type { ZheliServiceCard } from './service-card.js';

afterEach(cleanup);

const anji = service();

async function settled(card: ZheliServiceCard): Promise<void> {
  await expect.poll(() => card.shadowRoot?.querySelector('[aria-busy="true"]') ?? null).toBeNull();
  await card.updateComplete;
}

describe('<zheli-service-card>', () => {
  describe('content', () => {
    it('shows name, department, badges, promised days, fee and rating of a .service without a request', async () => {
      const data = new FakeData();
      const card = await fixture<ZheliServiceCard>(
        html`<zheli-service-card .service=${anji}></zheli-service-card>`,
        { client: data },
      );
      expect(part(card, 'name').textContent).toBe('机动车检验预约');
      expect(textOf(part(card, 'department'))).toContain('安吉县公安局');
      expect(parts(card, 'badge').map((badge) => badge.textContent)).toEqual([
        '全程网办',
        '跑零次',
      ]);
      expect(textOf(part(card, 'promised-days'))).toContain('3 个工作日');
      expect(textOf(part(card, 'fee'))).toContain('50.00');
      expect(textOf(part(card, 'rating'))).toContain('4.9 分（12,873 条评价）');
      expect(data.calls).toEqual([]);
    });

    it('says 最多跑一次, 即办 and 免费 for a one-visit, on-the-spot, free service', async () => {
      const card = await fixture<ZheliServiceCard>(
        html`<zheli-service-card .service=${service({ onlineLevel: 'visit_once', maxVisits: 1, promisedDays: 0, fee: { amount: 0, currency: 'CNY', note: null }, rating: { score: null, count: 0 } })}></zheli-service-card>`,
        {},
      );
      expect(parts(card, 'badge').map((badge) => badge.textContent)).toEqual(['最多跑一次']);
      expect(textOf(part(card, 'promised-days'))).toContain('即办');
      expect(textOf(part(card, 'fee'))).toContain('免费');
      expect(textOf(part(card, 'rating'))).toContain('暂无评价');
    });

    it('renders a service named like markup as text, never as HTML', async () => {
      const hostile = service({
        name: '<img src=x onerror=alert(1)>',
        department: { id: 'd', name: '<b>部门</b>', nameEn: 'x' },
      });
      const card = await fixture<ZheliServiceCard>(
        html`<zheli-service-card .service=${hostile}></zheli-service-card>`,
        {},
      );
      expect(part(card, 'name').textContent).toBe('<img src=x onerror=alert(1)>');
      expect(card.shadowRoot?.querySelector('img')).toBeNull();
      expect(card.shadowRoot?.querySelector('b')).toBeNull();
    });

    it('hides the book action for a service that takes no bookings', async () => {
      const card = await fixture<ZheliServiceCard>(
        html`<zheli-service-card .service=${service({ bookable: false })}></zheli-service-card>`,
        {},
      );
      expect(parts(card, 'book')).toEqual([]);
      expect(parts(card, 'apply')).toHaveLength(1);
    });

    it('shows fewer facts in the compact variant, keeps its actions beside them and stays 96 px tall', async () => {
      const card = await fixture<ZheliServiceCard>(
        html`<zheli-service-card variant="compact" .service=${anji}></zheli-service-card>`,
        {},
      );
      expect(parts(card, 'fee')).toEqual([]);
      expect(parts(card, 'rating')).toEqual([]);
      const apply = part(card, 'apply').getBoundingClientRect();
      expect(apply.left).toBeGreaterThan(part(card, 'name').getBoundingClientRect().left);
      expect(apply.height).toBeGreaterThan(0);
      expect(card.getBoundingClientRect().height).toBe(96);
      expect(await axeViolations(card)).toEqual([]);
    });
  });

  describe('text spacing (WCAG 1.4.12)', () => {
    /** The bookmarklet's spacing, in the card's shadow root (a page's styles do not reach it). */
    function spaceText(card: ZheliServiceCard): void {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(`* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
        word-spacing: 0.16em !important; } p { margin-block-end: 2em !important; }`);
      const root = card.shadowRoot as ShadowRoot;
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    }

    /** How much of a part's text shows: its lines' height inside the part's box. */
    function shownOf(card: ZheliServiceCard, name: string): { shown: number; text: number } {
      const element = part(card, name);
      const range = document.createRange();
      range.selectNodeContents(element);
      const lines = [...range.getClientRects()];
      const box = element.getBoundingClientRect();
      const text = lines.reduce((sum, line) => sum + line.height, 0);
      const shown = lines.reduce(
        (sum, line) =>
          sum + Math.max(0, Math.min(line.bottom, box.bottom) - Math.max(line.top, box.top)),
        0,
      );
      return { shown, text };
    }

    it.each(['full', 'compact'] as const)(
      'grows to show the whole name and department in the %s variant instead of cutting them',
      async (variant) => {
        const card = await fixture<ZheliServiceCard>(
          html`<zheli-service-card variant=${variant} .service=${anji}></zheli-service-card>`,
          {},
        );
        const reserved = card.getBoundingClientRect().height;
        spaceText(card);
        for (const name of ['name', 'department']) {
          const { shown, text } = shownOf(card, name);
          expect(shown, name).toBeGreaterThanOrEqual(text - 1);
        }
        const base = part(card, 'base');
        expect(base.scrollHeight).toBeLessThanOrEqual(base.clientHeight);
        expect(card.getBoundingClientRect().height).toBeGreaterThanOrEqual(reserved);
      },
    );
  });

  describe('loading by service-id', () => {
    it('holds its final size with a skeleton while loading, then shows the service', async () => {
      const data = new FakeData([anji]);
      const gate = deferred<void>();
      data.gate = gate.promise;
      const card = await fixture<ZheliServiceCard>(
        html`<zheli-service-card service-id=${anji.id}></zheli-service-card>`,
        { client: data },
      );
      expect(parts(card, 'skeleton').length).toBeGreaterThan(0);
      expect(part(card, 'base').getAttribute('aria-busy')).toBe('true');
      const loadingHeight = card.getBoundingClientRect().height;
      gate.resolve();
      await settled(card);
      expect(part(card, 'name').textContent).toBe('机动车检验预约');
      expect(card.getBoundingClientRect().height).toBe(loadingHeight);
      expect(loadingHeight).toBe(212);
    });

    it('loads fifty cards with one request through @zheli/client, carrying the fifty ids', async () => {
      const catalog = Array.from({ length: 50 }, (_, index) =>
        service({ id: `svc-test-${index}`, name: `服务${index}` }),
      );
      const requests: URL[] = [];
      const client = createClient({
        baseUrl: 'https://api.zheli.test',
        fetch: async (input) => {
          const url = new URL(input instanceof Request ? input.url : String(input));
          requests.push(url);
          const ids = url.searchParams.get('ids')?.split(',') ?? [];
          const items = catalog.filter((item) => ids.includes(item.id));
          return Response.json({ items, missing: [] });
        },
      });
      const container = await fixture<HTMLDivElement>(
        html`<div>${catalog.map((item) => html`<zheli-service-card service-id=${item.id}></zheli-service-card>`)}</div>`,
        { client },
      );
      const cards = [...container.querySelectorAll('zheli-service-card')];
      for (const card of cards) await settled(card);
      expect(requests).toHaveLength(1);
      expect(requests[0]?.pathname).toBe('/v1/services/batch');
      expect(requests[0]?.searchParams.get('ids')?.split(',')).toHaveLength(50);
      expect(part(cards[49] as Element, 'name').textContent).toBe('服务49');
    });

    it('says so when the platform does not know the id', async () => {
      const card = await fixture<ZheliServiceCard>(
        html`<zheli-service-card service-id="svc-unknown"></zheli-service-card>`,
        { client: new FakeData([]) },
      );
      await settled(card);
      await expect.poll(() => textOf(card)).toContain('未找到该服务（svc-unknown）');
    });

    it('shows an error with a retry that loads again, and fires zheli-error', async () => {
      const data = new FakeData([anji]);
      data.gate = Promise.reject(new Error('network down'));
      data.gate.catch(() => {});
      const errors: unknown[] = [];
      document.addEventListener(
        'zheli-error',
        (event: ZheliErrorEvent) => errors.push(event.detail.error),
        { once: true },
      );
      const card = await fixture<ZheliServiceCard>(
        html`<zheli-service-card service-id=${anji.id}></zheli-service-card>`,
        { client: data },
      );
      await expect.poll(() => parts(card, 'retry').length).toBe(1);
      expect(textOf(card)).toContain('加载失败');
      expect(errors).toHaveLength(1);
      expect(await axeViolations(card)).toEqual([]);
      data.gate = undefined;
      await userEvent.click(part(card, 'retry'));
      await expect.poll(() => parts(card, 'name').length).toBe(1);
      expect(data.count('services.getMany')).toBe(2);
    });

    it('explains what to do when no configuration is found, instead of an empty box', async () => {
      const card = await fixture<ZheliServiceCard>(
        html`<zheli-service-card service-id=${anji.id}></zheli-service-card>`,
      );
      expect(textOf(card)).toContain('<zheli-config base-url="…">');
      expect(textOf(card)).toContain('configure()');
    });

    it('asks for a service-id when it has none', async () => {
      const card = await fixture<ZheliServiceCard>(
        html`<zheli-service-card></zheli-service-card>`,
        { client: new FakeData() },
      );
      expect(textOf(card)).toContain('请设置 service-id');
    });
  });

  describe('isolation', () => {
    it('is not broken by the page’s CSS, is styled through ::part, and leaks no CSS out', async () => {
      const sheet = document.createElement('style');
      sheet.textContent = `
        p, a, span, ul, li, dl, dt, dd, article, .name, .department, .actions, .button, .base {
          display: none !important; color: rgb(255, 0, 0) !important; font-size: 40px !important;
        }
        zheli-service-card::part(name) { color: rgb(0, 128, 0); }
      `;
      document.head.append(sheet);
      const outside = document.createElement('b');
      outside.className = 'skeleton visually-hidden badges';
      outside.textContent = 'page';
      document.body.append(outside);
      try {
        const card = await fixture<ZheliServiceCard>(
          html`<zheli-service-card .service=${anji}></zheli-service-card>`,
          {},
        );
        for (const name of ['name', 'department', 'apply', 'book', 'promised-days']) {
          expect(part(card, name).getBoundingClientRect().height, name).toBeGreaterThan(0);
        }
        expect(getComputedStyle(part(card, 'name')).color).toBe('rgb(0, 128, 0)');
        expect(getComputedStyle(part(card, 'department')).fontSize).toBe('14px');
        expect(card.getBoundingClientRect().height).toBe(212);
        // The card's .button, .skeleton and .visually-hidden rules stay inside its shadow root.
        const style = getComputedStyle(outside);
        expect(style.display).toBe('inline');
        expect(style.position).toBe('static');
        expect(style.animationName).toBe('none');
      } finally {
        sheet.remove();
        outside.remove();
      }
    });
  });

  describe('actions', () => {
    it('links to the portal by default', async () => {
      const card = await fixture<ZheliServiceCard>(
        html`<zheli-service-card .service=${anji}></zheli-service-card>`,
        { portalUrl: 'https://portal.example/' },
      );
      expect(part(card, 'apply').getAttribute('href')).toBe(
        `https://portal.example/apply/${anji.id}`,
      );
      expect(part(card, 'book').getAttribute('href')).toBe(
        `https://portal.example/book/${anji.id}`,
      );
    });

    it('fires zheli-apply with the service, and follows no link when the host cancels it', async () => {
      const card = await fixture<ZheliServiceCard>(
        html`<zheli-service-card .service=${anji}></zheli-service-card>`,
        {},
      );
      const seen: ZheliApplyEvent[] = [];
      card.addEventListener('zheli-apply', (event) => {
        seen.push(event);
        event.preventDefault();
      });
      let clickPrevented = false;
      part(card, 'apply').addEventListener('click', (event) => {
        queueMicrotask(() => {
          clickPrevented = event.defaultPrevented;
        });
      });
      await userEvent.click(part(card, 'apply'));
      expect(seen).toHaveLength(1);
      expect(seen[0]?.detail.service.id).toBe(anji.id);
      expect(seen[0]?.composed).toBe(true);
      expect(clickPrevented).toBe(true);
    });
  });

  describe('inside the app container', () => {
    type Host = Window & { ZWJSBridge?: { openLink(params: { url: string }): Promise<object> } };
    const host = window as Host;
    afterEach(() => {
      delete host.ZWJSBridge;
    });

    /** Clicks the link and says whether the page would have followed it (then stops it). */
    async function click(link: HTMLElement): Promise<boolean> {
      let followed = false;
      const stop = (event: Event) => {
        followed = !event.defaultPrevented;
        event.preventDefault();
      };
      link.addEventListener('click', stop);
      await userEvent.click(link);
      link.removeEventListener('click', stop);
      return followed;
    }

    it('opens the apply link through the bridge’s openLink, keeping a real link', async () => {
      const outside = await fixture<ZheliServiceCard>(
        html`<zheli-service-card .service=${anji}></zheli-service-card>`,
        { portalUrl: 'https://portal.example' },
      );
      // Outside the app the browser follows the link.
      expect(await click(part(outside, 'apply'))).toBe(true);
      const opened: string[] = [];
      host.ZWJSBridge = {
        openLink: async ({ url }) => {
          opened.push(url);
          return {};
        },
      };
      const card = await fixture<ZheliServiceCard>(
        html`<zheli-service-card .service=${anji}></zheli-service-card>`,
        { portalUrl: 'https://portal.example' },
      );
      const apply = part(card, 'apply');
      expect(apply.getAttribute('href')).toBe(`https://portal.example/apply/${anji.id}`);
      expect(await click(apply)).toBe(false);
      await expect.poll(() => opened).toEqual([`https://portal.example/apply/${anji.id}`]);
    });
  });

  describe('keyboard', () => {
    it('reaches apply then book with Tab, and Enter fires zheli-book', async () => {
      const card = await fixture<ZheliServiceCard>(
        html`<zheli-service-card .service=${anji}></zheli-service-card>`,
        {},
      );
      const booked: string[] = [];
      card.addEventListener('zheli-book', (event) => {
        booked.push(event.detail.service.id);
        event.preventDefault();
      });
      const before = document.createElement('button');
      before.textContent = 'before';
      card.before(before);
      before.focus();
      await userEvent.keyboard('{Tab}');
      expect(card.shadowRoot?.activeElement).toBe(part(card, 'apply'));
      await userEvent.keyboard('{Tab}');
      expect(card.shadowRoot?.activeElement).toBe(part(card, 'book'));
      await userEvent.keyboard('{Enter}');
      expect(booked).toEqual([anji.id]);
      before.remove();
    });
  });

  describe('locales', () => {
    it('shows English names, badges and numbers in en', async () => {
      await useLocale('en');
      const card = await fixture<ZheliServiceCard>(
        html`<zheli-service-card .service=${anji}></zheli-service-card>`,
        {},
      );
      await expect.poll(() => part(card, 'name').textContent).toBe('Vehicle inspection booking');
      expect(textOf(part(card, 'department'))).toContain('Anji County Public Security Bureau');
      expect(parts(card, 'badge').map((badge) => badge.textContent)).toEqual([
        'Fully online',
        'No visit needed',
      ]);
      expect(textOf(part(card, 'rating'))).toContain('4.9 (12,873 ratings)');
      expect(part(card, 'base').getAttribute('lang')).toBe('en');
    });

    it('shows Traditional Chinese labels in zh-TW', async () => {
      await useLocale('zh-TW');
      const card = await fixture<ZheliServiceCard>(
        html`<zheli-service-card .service=${anji}></zheli-service-card>`,
        {},
      );
      await expect
        .poll(() => parts(card, 'badge').map((badge) => badge.textContent))
        .toEqual(['全程網辦', '跑零次']);
      expect(textOf(part(card, 'apply'))).toContain('線上辦理');
    });

    it.each(['zh-CN', 'zh-TW', 'en'] as const)(
      'has no axe violation loaded, loading and not found in %s',
      async (locale) => {
        await useLocale(locale);
        const loadedCard = await fixture<ZheliServiceCard>(
          html`<zheli-service-card .service=${anji}></zheli-service-card>`,
          {},
        );
        expect(await axeViolations(loadedCard)).toEqual([]);
        const data = new FakeData([]);
        data.gate = new Promise(() => {});
        const loading = await fixture<ZheliServiceCard>(
          html`<zheli-service-card service-id="svc-a"></zheli-service-card>`,
          { client: data },
        );
        expect(await axeViolations(loading)).toEqual([]);
        const missing = await fixture<ZheliServiceCard>(
          html`<zheli-service-card service-id="svc-b"></zheli-service-card>`,
          { client: new FakeData([]) },
        );
        await settled(missing);
        expect(await axeViolations(missing)).toEqual([]);
        const unconfigured = await fixture<ZheliServiceCard>(
          html`<zheli-service-card service-id="svc-c"></zheli-service-card>`,
        );
        expect(await axeViolations(unconfigured)).toEqual([]);
      },
    );
  });

  describe('dark colours', () => {
    it('switches to dark tokens with --zheli-color-scheme: dark and keeps AA contrast', async () => {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div><zheli-service-card .service=${anji}></zheli-service-card></div>`,
        {},
      );
      const card = wrapper.querySelector('zheli-service-card') as ZheliServiceCard;
      const light = getComputedStyle(part(card, 'base')).backgroundColor;
      wrapper.style.setProperty('--zheli-color-scheme', 'dark');
      await card.updateComplete;
      expect(getComputedStyle(part(card, 'base')).backgroundColor).not.toBe(light);
      expect(await axeViolations(card)).toEqual([]);
    });

    it('takes the page’s brand colour from --zheli-color-brand', async () => {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div><zheli-service-card .service=${anji}></zheli-service-card></div>`,
        {},
      );
      wrapper.style.setProperty('--zheli-color-brand', 'rgb(120, 0, 60)');
      const card = wrapper.querySelector('zheli-service-card') as ZheliServiceCard;
      expect(getComputedStyle(part(card, 'apply')).backgroundColor).toBe('rgb(120, 0, 60)');
    });
  });

  describe('elder mode', () => {
    it('uses 18 px or larger text, 48 px targets and 7:1 contrast with mode="elder"', async () => {
      const card = await fixture<ZheliServiceCard>(
        html`<zheli-service-card mode="elder" .service=${anji}></zheli-service-card>`,
        {},
      );
      for (const name of ['department', 'promised-days', 'fee', 'badge']) {
        expect(
          Number.parseFloat(getComputedStyle(part(card, name)).fontSize),
        ).toBeGreaterThanOrEqual(18);
      }
      expect(part(card, 'apply').getBoundingClientRect().height).toBeGreaterThanOrEqual(48);
      expect(parts(card, 'rating')).toEqual([]);
      expect(await axeViolations(card, true)).toEqual([]);
    });

    it('follows the page configuration and lets an element opt out', async () => {
      const card = await fixture<ZheliServiceCard>(
        html`<zheli-service-card .service=${anji}></zheli-service-card>`,
        { mode: 'elder' },
      );
      expect(part(card, 'base').classList.contains('elder')).toBe(true);
      const standard = await fixture<ZheliServiceCard>(
        html`<zheli-service-card mode="standard" .service=${anji}></zheli-service-card>`,
        { mode: 'elder' },
      );
      expect(part(standard, 'base').classList.contains('elder')).toBe(false);
    });

    it('turns on inside the app container when the bridge says elder', async () => {
      const host = window as Window & {
        ZWJSBridge?: { getUiStyle(): Promise<{ uiStyle: string }> };
      };
      host.ZWJSBridge = { getUiStyle: async () => ({ uiStyle: 'elder' }) };
      try {
        const card = await fixture<ZheliServiceCard>(
          html`<zheli-service-card .service=${anji}></zheli-service-card>`,
          {},
        );
        await expect.poll(() => part(card, 'base').classList.contains('elder')).toBe(true);
      } finally {
        delete host.ZWJSBridge;
      }
    });

    it('follows the app switching its style while the page is open', async () => {
      const host = window as Window & { ZWJSBridge?: { getUiStyle(): Promise<string> } };
      host.ZWJSBridge = { getUiStyle: async () => 'normal' };
      const change = (uiStyle: string) =>
        document.dispatchEvent(new CustomEvent('ZWJSBridgeUiStyleChange', { detail: { uiStyle } }));
      try {
        const card = await fixture<ZheliServiceCard>(
          html`<zheli-service-card .service=${anji}></zheli-service-card>`,
          {},
        );
        const elder = () => part(card, 'base').classList.contains('elder');
        // The bridge loads lazily: wait until it listens (its getUiStyle answered).
        await expect.poll(async () => (await card.updateComplete) && !elder()).toBe(true);
        await expect
          .poll(() => {
            change('elder');
            return elder();
          })
          .toBe(true);
        change('normal');
        await expect.poll(elder).toBe(false);
      } finally {
        delete host.ZWJSBridge;
      }
    });

    it('follows a bridge that arrives after the element (the emulator’s)', async () => {
      const card = await fixture<ZheliServiceCard>(
        html`<zheli-service-card .service=${anji}></zheli-service-card>`,
        {},
      );
      expect(part(card, 'base').classList.contains('elder')).toBe(false);
      const host = window as Window & { ZWJSBridge?: { getUiStyle(): Promise<string> } };
      host.ZWJSBridge = { getUiStyle: async () => 'elder' };
      try {
        document.dispatchEvent(new Event('ZWJSBridgeReady'));
        await expect.poll(() => part(card, 'base').classList.contains('elder')).toBe(true);
      } finally {
        delete host.ZWJSBridge;
        document.dispatchEvent(new Event('ZWJSBridgeReady'));
      }
    });

    it('turns on when the URL carries _uiStyle=elder', async () => {
      const original = location.href;
      history.replaceState(null, '', `${location.pathname}?_uiStyle=elder`);
      try {
        const card = await fixture<ZheliServiceCard>(
          html`<zheli-service-card .service=${anji}></zheli-service-card>`,
          {},
        );
        await expect.poll(() => part(card, 'base').classList.contains('elder')).toBe(true);
      } finally {
        history.replaceState(null, '', original);
      }
    });
  });
});
