import { html } from 'lit';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeData, service } from '../../test/fake-data.js';
import { cleanup, fixture, part, parts, useLocale } from '../../test/fixture.js';
import type { Locale } from '../internal/localize.js';
import './define.js';
import type { ZheliServiceCatalog } from './service-catalog.js';

afterEach(cleanup);

/** A bookable service (both actions) with a long name, as the county site's first row. */
const busy = service({
  name: '机动车检验预约（含新能源汽车、摩托车、挂车及农用运输车辆上线检测）',
  nameEn:
    'Vehicle inspection booking (new-energy cars, motorcycles, trailers and farm transport vehicles)',
  department: {
    id: 'dept',
    name: '安吉县公安局交通警察大队车辆管理所',
    nameEn: 'Vehicle Administration Office of the Anji County Traffic Police Brigade',
  },
  bookable: true,
});

function overlap(a: DOMRect, b: DOMRect): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

function inside(inner: DOMRect, outer: DOMRect): boolean {
  return (
    inner.left >= outer.left - 0.5 &&
    inner.right <= outer.right + 0.5 &&
    inner.top >= outer.top - 0.5 &&
    inner.bottom <= outer.bottom + 0.5
  );
}

const cases = (['zh-CN', 'zh-TW', 'en'] as const).flatMap((locale) =>
  (['standard', 'elder'] as const).flatMap((mode) =>
    [360, 720].map((width) => [locale, mode, width] as const),
  ),
);

describe('the catalog rows', () => {
  it.each(cases)(
    'fit a compact card with both actions in %s, %s mode, %i px wide: no text, button or row overlaps',
    async (locale: Locale, mode, width) => {
      await useLocale(locale);
      const wrapper = await fixture<HTMLDivElement>(
        html`<div class="frame"><zheli-service-catalog mode=${mode}></zheli-service-catalog></div>`,
        { client: new FakeData([busy, service({ id: 'svc-2' })]) },
      );
      wrapper.style.inlineSize = `${width}px`;
      const catalog = wrapper.querySelector('zheli-service-catalog') as ZheliServiceCatalog;
      await expect.poll(() => parts(catalog, 'item').length).toBeGreaterThan(0);
      const row = part(catalog, 'item');
      const card = row.querySelector('zheli-service-card') as HTMLElement;
      await expect.poll(() => parts(card, 'book').length).toBe(1);
      await (card as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
      await document.fonts.ready;

      const rect = (name: string) => part(card, name).getBoundingClientRect();
      const base = part(card, 'base');
      const names = ['name', 'department', 'promised-days', 'apply', 'book'];
      const boxes = names.map(rect);
      // No two pieces overlap: texts with each other, with the buttons, the buttons together.
      for (const [i, a] of boxes.entries()) {
        for (const [j, b] of boxes.entries()) {
          if (j > i) expect(overlap(a, b), `${names[i]} × ${names[j]}`).toBe(false);
        }
      }
      // Everything inside the card, the card inside its row, nothing scrolls or is cut.
      for (const [i, box] of boxes.entries()) {
        expect(inside(box, base.getBoundingClientRect()), names[i]).toBe(true);
      }
      expect(inside(card.getBoundingClientRect(), row.getBoundingClientRect())).toBe(true);
      expect(base.scrollHeight).toBeLessThanOrEqual(base.clientHeight);
      for (const name of ['apply', 'book']) {
        const button = part(card, name);
        expect(button.scrollWidth).toBeLessThanOrEqual(button.clientWidth);
        expect(button.getBoundingClientRect().height).toBeGreaterThanOrEqual(
          mode === 'elder' ? 48 : 32,
        );
      }
    },
  );
});
