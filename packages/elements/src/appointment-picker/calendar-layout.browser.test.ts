// The calendar's look where colour and width run out: forced colours (Windows high contrast)
// and elder mode on phones from 320 px up. Measured in real Chromium, with the media feature and
// the viewport emulated.
import type { Schemas } from '@zheli/contract';
import { html, LitElement } from 'lit';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cdp, page, userEvent } from 'vitest/browser';
import { cleanup, fixture, parts } from '../../test/fixture.js';
import { styles } from './appointment-picker.styles.js';
import { CalendarGrid } from './calendar-grid.js';
import { addDays } from './time.js';

/** Monday 23 November 2026, 10:00 in Shanghai. */
const now = new Date('2026-11-23T10:00:00+08:00');

/** November and December 2026: weekdays open, Sundays closed, 25 November full. */
function schedule(): Map<string, Schemas['SlotDay']> {
  const days = new Map<string, Schemas['SlotDay']>();
  for (let date = '2026-11-23'; date <= '2026-12-31'; date = addDays(date, 1)) {
    const sunday = new Date(`${date}T12:00:00+08:00`).getUTCDay() === 0;
    const full = date === '2026-11-25';
    const reason = sunday ? 'closed' : full ? 'full' : null;
    days.set(date, { date, available: reason === null, reason, slots: [] });
  }
  return days;
}

/** The calendar in the picker's own wrapper, elder mode or not, a day chosen. */
class LayoutHost extends LitElement {
  static override styles = styles;
  static override properties = { elder: { type: Boolean } };
  declare elder: boolean;
  readonly calendar = new CalendarGrid(this, {
    min: () => '2026-11-23',
    max: () => undefined,
    days: () => schedule(),
    loaded: () => new Set(['2026-11-01', '2026-12-01']),
    disabled: () => false,
    choose: () => {},
    monthChanged: () => {},
    escape: () => false,
  });

  constructor() {
    super();
    this.elder = false;
  }

  override render() {
    return html`<div part="base" class="base ${this.elder ? 'elder' : ''}">${this.calendar.render('2026-11-24')}</div>`;
  }
}
customElements.define('test-calendar-layout', LayoutHost);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now });
});

afterEach(async () => {
  vi.useRealTimers();
  await cleanup();
  await cdp().send('Emulation.setEmulatedMedia', { features: [] });
  await page.viewport(414, 896);
});

function day(host: LayoutHost, date: string): HTMLElement {
  const found = host.shadowRoot?.querySelector<HTMLElement>(`[data-date="${date}"]`);
  if (found == null) throw new Error(`No day ${date}`);
  return found;
}

/** What a day draws in its own box, its dot and its text: the colours, borders and fill. */
function look(element: HTMLElement): string {
  return [element, ...element.querySelectorAll('*')]
    .map((at) => {
      const style = getComputedStyle(at);
      return [
        style.color,
        style.backgroundColor,
        style.borderTopStyle,
        style.borderTopWidth,
        style.borderTopColor,
        style.outlineStyle,
      ].join(' ');
    })
    .join(' | ');
}

describe('the calendar in forced colours', () => {
  it('tells the selected day, today, free and closed days apart with the system colours', async () => {
    const host = await fixture<LayoutHost>(html`<test-calendar-layout></test-calendar-layout>`);
    await cdp().send('Emulation.setEmulatedMedia', {
      features: [{ name: 'forced-colors', value: 'active' }],
    });
    expect(matchMedia('(forced-colors: active)').matches).toBe(true);
    const selected = day(host, '2026-11-24');
    const today = day(host, '2026-11-23');
    const free = day(host, '2026-11-26');
    const closed = day(host, '2026-11-29');
    const looks = [selected, today, free, closed].map(look);
    expect(new Set(looks).size).toBe(4);
    // The selected day keeps the system's selection fill; today is ringed.
    expect(getComputedStyle(selected).backgroundColor).not.toBe(
      getComputedStyle(free).backgroundColor,
    );
    expect(getComputedStyle(today).borderTopStyle).toBe('dashed');
    // The free day's dot stays drawn: a ring, not a fill the browser would remove.
    const dot = free.querySelector<HTMLElement>('.dot');
    expect(dot && Number.parseFloat(getComputedStyle(dot).borderTopWidth)).toBeGreaterThan(0);
  });
});

describe('the calendar in elder mode on phones', () => {
  for (const width of [320, 360, 375, 414]) {
    it(`keeps every day at least 48 × 48 px and its reason whole at ${width} px`, async () => {
      await page.viewport(width, 800);
      // In a phone page's usual 16 px margins.
      const host = await fixture<LayoutHost>(
        html`<test-calendar-layout elder style="margin-inline: 16px"></test-calendar-layout>`,
      );
      const sizes = parts(host, 'day').map((cell) => cell.getBoundingClientRect());
      const narrowest = Math.min(...sizes.map((box) => box.width));
      const lowest = Math.min(...sizes.map((box) => box.height));
      // Measured: 62 / 72 / 76 / 49 px wide at 320 / 360 / 375 / 414 px (36 / 42 / 44 / 49 before).
      expect(narrowest).toBeGreaterThanOrEqual(48);
      expect(lowest).toBeGreaterThanOrEqual(48);
      for (const reason of parts(host, 'reason') as HTMLElement[]) {
        expect(reason.scrollWidth).toBeLessThanOrEqual(reason.clientWidth);
      }
      // Nothing wider than the page: no sideways scrolling.
      const grid = parts(host, 'grid')[0] as HTMLElement;
      expect(grid.getBoundingClientRect().right).toBeLessThanOrEqual(width);
    });
  }

  it('keeps weeks as the grid’s rows and the APG keys when a week wraps onto two lines', async () => {
    await page.viewport(320, 800);
    const host = await fixture<LayoutHost>(
      html`<test-calendar-layout elder></test-calendar-layout>`,
    );
    const thursday = day(host, '2026-11-26');
    const friday = day(host, '2026-11-27');
    // Drawn on two lines: Friday under Monday…
    expect(friday.getBoundingClientRect().top).toBeGreaterThan(
      thursday.getBoundingClientRect().bottom - 1,
    );
    // …each day with its weekday drawn in it, as the column headings are out of sight…
    expect(getComputedStyle(friday, '::before').content).toContain(friday.dataset.weekday);
    // …yet a row is a week of seven days for assistive technology.
    const rows = host.shadowRoot?.querySelectorAll('tbody [role="row"]') ?? [];
    expect(rows.length).toBe(6);
    for (const row of rows) expect(row.querySelectorAll('[role="gridcell"]')).toHaveLength(7);
    const focused = () => (host.shadowRoot?.activeElement as HTMLElement | null)?.dataset.date;
    day(host, '2026-11-23').focus();
    const steps: [string, string][] = [
      ['{ArrowDown}', '2026-11-30'],
      ['{ArrowUp}', '2026-11-23'],
      ['{End}', '2026-11-29'],
      ['{Home}', '2026-11-23'],
      ['{ArrowRight}', '2026-11-24'],
      ['{ArrowRight}', '2026-11-25'],
      ['{ArrowRight}', '2026-11-26'],
      ['{ArrowRight}', '2026-11-27'],
      ['{ArrowLeft}', '2026-11-26'],
      ['{PageDown}', '2026-12-26'],
    ];
    for (const [key, date] of steps) {
      await userEvent.keyboard(key);
      await host.updateComplete;
      expect(focused(), key).toBe(date);
    }
  });
});
