import { html, LitElement } from 'lit';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeData, service } from '../../test/fake-data.js';
import { cleanup, fixture, part, textOf } from '../../test/fixture.js';
import { configure } from '../internal/configure.js';
import { defineElement } from '../internal/define.js';
import { getLocale } from '../internal/localize.js';
import { setLogger } from '../internal/logger.js';
import '../service-card/define.js';
import type { ZheliServiceCard } from '../service-card/service-card.js';
import { ZheliConfig } from './config.js';
import './define.js';

afterEach(cleanup);

describe('configuration', () => {
  it('reaches an element from <zheli-config> attributes: locale and mode', async () => {
    const wrapper = await fixture<HTMLElement>(
      html`<zheli-config locale="en" mode="elder"><zheli-service-card .service=${service()}></zheli-service-card></zheli-config>`,
    );
    const card = wrapper.querySelector('zheli-service-card') as ZheliServiceCard;
    await expect.poll(() => part(card, 'name').textContent).toBe('Vehicle inspection booking');
    expect(part(card, 'base').classList.contains('elder')).toBe(true);
    expect(getLocale()).toBe('en');
  });

  it('creates the real client from base-url, and shows the error state when the API cannot be reached', async () => {
    const wrapper = await fixture<HTMLElement>(
      html`<zheli-config base-url="http://127.0.0.1:9"><zheli-service-card service-id="svc-x"></zheli-service-card></zheli-config>`,
    );
    const card = wrapper.querySelector('zheli-service-card') as ZheliServiceCard;
    // The real client retries a refused connection with backoff before it gives up.
    await expect.poll(() => textOf(card), { timeout: 20_000 }).toContain('加载失败');
  }, 30_000);

  it('reaches elements connected before configure() was called', async () => {
    const card = await fixture<ZheliServiceCard>(
      html`<zheli-service-card service-id="svc-330523-vehicle-inspection-booking"></zheli-service-card>`,
    );
    expect(textOf(card)).toContain('configure()');
    configure({ client: new FakeData() });
    await expect.poll(() => parts(card)).toBe('机动车检验预约');
  });
});

describe('a <zheli-config> that upgrades after the elements inside it', () => {
  it('takes them over from the page configuration: the nearest configuration wins', async () => {
    configure({ client: new FakeData(), mode: 'standard' });
    const wrapper = document.createElement('div');
    const late = document.createElement('zheli-config-late');
    late.setAttribute('mode', 'elder');
    const card = document.createElement('zheli-service-card') as ZheliServiceCard;
    card.service = service();
    late.append(card);
    wrapper.append(late);
    document.body.append(wrapper);
    try {
      await card.updateComplete;
      // Upgraded first, the card has the page's configuration.
      expect(part(card, 'base').classList.contains('elder')).toBe(false);
      // The drop-in may define <zheli-config> after the cards: it then asks them again.
      defineElement('zheli-config-late', class extends ZheliConfig {});
      await expect.poll(() => part(card, 'base').classList.contains('elder')).toBe(true);
    } finally {
      wrapper.remove();
    }
  });
});

function parts(card: ZheliServiceCard): string {
  return card.shadowRoot?.querySelector('[part~="name"]')?.textContent ?? '';
}

describe('the guarded define', () => {
  it('warns through the logger, instead of throwing, when another class holds the tag', () => {
    const warnings: string[] = [];
    setLogger({ warn: (message) => warnings.push(message), error() {} });
    class Other extends LitElement {}
    try {
      expect(() => defineElement('zheli-service-card', Other)).not.toThrow();
      expect(warnings).toEqual([
        '<zheli-service-card> is already registered by another copy of @zheli/elements; keeping it.',
      ]);
      expect(customElements.get('zheli-service-card')).not.toBe(Other);
    } finally {
      setLogger(undefined);
    }
  });
});
