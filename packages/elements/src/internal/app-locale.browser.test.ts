// The elements inside the platform's app speak the app's language (its bridge's `getLocale`, and
// each switch while the page is open) unless the page chose a locale itself. The page's choice is
// kept for the rest of the page's life, so the test that follows the app runs first and no
// `cleanup()` (which sets zh-CN) runs between the tests.
import { html } from 'lit';
import { afterEach, describe, expect, it } from 'vitest';
import { service } from '../../test/fake-data.js';
import { fixture, part } from '../../test/fixture.js';
import '../config/define.js';
import '../service-card/define.js';
import type { ZheliServiceCard } from '../service-card/service-card.js';
import { getLocale } from './localize.js';

type Host = Window & {
  ZWJSBridge?: { getUiStyle(): Promise<unknown>; getLocale(): Promise<unknown> };
};
const host = window as Host;

/** A fake app bridge answering `locale`, counting its `getLocale` calls. */
function installApp(locale: string): { asked: () => number } {
  let asked = 0;
  host.ZWJSBridge = {
    getUiStyle: async () => ({ uiStyle: 'normal' }),
    getLocale: async () => {
      asked += 1;
      return { locale };
    },
  };
  return { asked: () => asked };
}

const switchApp = (locale: string) =>
  document.dispatchEvent(new CustomEvent('ZWJSBridgeLocaleChange', { detail: { locale } }));

const shown: Element[] = [];
afterEach(() => {
  delete host.ZWJSBridge;
  // The bridge is gone: the elements forget it.
  document.dispatchEvent(new Event('ZWJSBridgeReady'));
  for (const element of shown.splice(0)) element.parentElement?.remove();
});

describe('the platform app’s language', () => {
  it('is followed when the page sets no locale, also when the app switches it while open', async () => {
    installApp('en');
    const card = await fixture<ZheliServiceCard>(
      html`<zheli-service-card .service=${service()}></zheli-service-card>`,
      {},
    );
    shown.push(card);
    const apply = () => part(card, 'apply').textContent?.trim().split(':')[0];
    await expect.poll(apply).toBe('Apply online');
    expect(part(card, 'name').textContent?.trim()).toBe('Vehicle inspection booking');
    switchApp('zh-TW');
    await expect.poll(apply).toBe('線上辦理');
    expect(getLocale()).toBe('zh-TW');
    switchApp('zh-CN');
    await expect.poll(apply).toBe('在线办理');
  });

  it('gives way to the page’s own: <zheli-config locale> wins over the app', async () => {
    const loading: string[] = [];
    const record = (event: Event) => {
      const { detail } = event as CustomEvent<{ status: string; loadingLocale?: string }>;
      if (detail.status === 'loading' && detail.loadingLocale) loading.push(detail.loadingLocale);
    };
    window.addEventListener('lit-localize-status', record);
    const app = installApp('en');
    try {
      const wrapper = await fixture<HTMLElement>(
        html`<zheli-config locale="zh-TW"><zheli-service-card .service=${service()}></zheli-service-card></zheli-config>`,
      );
      shown.push(wrapper);
      const card = wrapper.querySelector('zheli-service-card') as ZheliServiceCard;
      const apply = () => part(card, 'apply').textContent?.trim().split(':')[0];
      await expect.poll(apply).toBe('線上辦理');
      // The app was asked and answered English, then switched to it: the page's zh-TW stays.
      await expect.poll(app.asked).toBe(1);
      switchApp('en');
      await new Promise((resolve) => setTimeout(resolve, 0));
      await card.updateComplete;
      expect(loading).not.toContain('en');
      expect(getLocale()).toBe('zh-TW');
      expect(apply()).toBe('線上辦理');
    } finally {
      window.removeEventListener('lit-localize-status', record);
    }
  });
});
