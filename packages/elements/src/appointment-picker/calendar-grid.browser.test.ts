import type { Schemas } from '@zheli/contract';
import { html, LitElement } from 'lit';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { cleanup, fixture, part, parts, textOf } from '../../test/fixture.js';
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

/** A tiny host: the grid alone, its calls to the host written down. */
class CalendarHost extends LitElement {
  static override styles = styles;
  static override properties = { chosen: { attribute: false }, off: { attribute: false } };
  declare chosen: string | undefined;
  declare off: boolean;
  max: string | undefined;
  escapes = false;
  readonly log: string[] = [];
  readonly calendar = new CalendarGrid(this, {
    min: () => '2026-11-23',
    max: () => this.max,
    days: () => schedule(),
    loaded: () => new Set(['2026-11-01', '2026-12-01']),
    disabled: () => this.off,
    choose: (date) => this.log.push(`choose ${date}`),
    monthChanged: (date) => this.log.push(`month ${date}`),
    escape: () => {
      this.log.push('escape');
      return this.escapes;
    },
  });

  constructor() {
    super();
    this.off = false;
  }

  override render() {
    return this.calendar.render(this.chosen);
  }
}
customElements.define('test-calendar-host', CalendarHost);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now });
});

afterEach(async () => {
  vi.useRealTimers();
  await cleanup();
});

async function grid(): Promise<CalendarHost> {
  return fixture<CalendarHost>(html`<test-calendar-host></test-calendar-host>`);
}

function cell(host: CalendarHost, date: string): HTMLElement {
  const found = host.shadowRoot?.querySelector<HTMLElement>(`[data-date="${date}"]`);
  if (found == null) throw new Error(`No day ${date}`);
  return found;
}

/** The days in the tab order (the roving tabindex keeps exactly one). */
function tabbable(host: CalendarHost): string[] {
  return parts(host, 'day')
    .filter((day) => day.getAttribute('tabindex') === '0')
    .map((day) => (day as HTMLElement).dataset.date ?? '');
}

function focusedDate(host: CalendarHost): string | undefined {
  return (host.shadowRoot?.activeElement as HTMLElement | null)?.dataset.date;
}

/** Presses `key` in the grid and waits for the render that moves focus. */
async function press(host: CalendarHost, key: string): Promise<void> {
  await userEvent.keyboard(key);
  await host.updateComplete;
}

describe('CalendarGrid', () => {
  describe('rendering', () => {
    it('shows the focused day’s month, weeks from Monday, each day with its state in words', async () => {
      const host = await grid();
      host.chosen = '2026-11-24';
      await host.updateComplete;
      expect(textOf(part(host, 'month'))).toBe('2026年11月');
      const heads = host.shadowRoot?.querySelectorAll('th') ?? [];
      expect([...heads].map((head) => head.getAttribute('abbr'))).toEqual([
        '星期一',
        '星期二',
        '星期三',
        '星期四',
        '星期五',
        '星期六',
        '星期日',
      ]);
      expect(parts(host, 'day')).toHaveLength(30);
      expect(cell(host, '2026-11-23').getAttribute('aria-current')).toBe('date');
      expect(textOf(cell(host, '2026-11-23'))).toContain('今天');
      expect(textOf(cell(host, '2026-11-20'))).toContain('已过');
      expect(textOf(cell(host, '2026-11-25'))).toContain('已约满');
      expect(textOf(cell(host, '2026-11-29'))).toContain('不开放');
      expect(cell(host, '2026-11-29').getAttribute('aria-disabled')).toBe('true');
      expect(cell(host, '2026-11-24').getAttribute('aria-disabled')).toBe('false');
      expect(cell(host, '2026-11-24').getAttribute('aria-selected')).toBe('true');
      expect(cell(host, '2026-11-26').getAttribute('aria-selected')).toBe('false');
      expect(tabbable(host)).toEqual(['2026-11-23']);
    });

    it('disables the previous month before the first bookable month and the next after the last day', async () => {
      const host = await grid();
      host.max = '2026-12-10';
      host.requestUpdate();
      await host.updateComplete;
      const [prev, next] = parts(host, 'nav') as HTMLButtonElement[];
      expect(prev?.disabled).toBe(true);
      expect(next?.disabled).toBe(false);
      await userEvent.click(next as HTMLButtonElement);
      await host.updateComplete;
      expect(textOf(part(host, 'month'))).toBe('2026年12月');
      expect(host.log).toEqual(['month 2026-12-10']);
      expect(prev?.disabled).toBe(false);
      expect(next?.disabled).toBe(true);
    });

    it('takes every day out of the tab order and ignores keys while disabled', async () => {
      const host = await grid();
      cell(host, '2026-11-23').focus();
      host.off = true;
      await host.updateComplete;
      expect(tabbable(host)).toEqual([]);
      expect(part(host, 'grid').getAttribute('aria-disabled')).toBe('true');
      expect(cell(host, '2026-11-24').getAttribute('aria-disabled')).toBe('true');
      await press(host, '{ArrowRight}');
      await press(host, '{Enter}');
      expect(host.calendar.focused).toBe('2026-11-23');
      expect(host.log).toEqual([]);
    });
  });

  describe('keyboard (WAI-ARIA APG grid)', () => {
    it('moves a day with ArrowRight and ArrowLeft and a week with ArrowDown and ArrowUp, one day tabbable', async () => {
      const host = await grid();
      cell(host, '2026-11-23').focus();
      await press(host, '{ArrowRight}');
      expect(focusedDate(host)).toBe('2026-11-24');
      expect(tabbable(host)).toEqual(['2026-11-24']);
      await press(host, '{ArrowDown}');
      expect(focusedDate(host)).toBe('2026-12-01');
      expect(textOf(part(host, 'month'))).toBe('2026年12月');
      await press(host, '{ArrowUp}');
      expect(focusedDate(host)).toBe('2026-11-24');
      await press(host, '{ArrowLeft}');
      expect(focusedDate(host)).toBe('2026-11-23');
      expect(tabbable(host)).toEqual(['2026-11-23']);
      expect(host.log).toEqual(['month 2026-12-01', 'month 2026-11-24']);
    });

    it('moves to the Monday and the Sunday of the week with Home and End', async () => {
      const host = await grid();
      cell(host, '2026-11-23').focus();
      await press(host, '{ArrowRight}{ArrowRight}');
      await press(host, '{End}');
      expect(focusedDate(host)).toBe('2026-11-29');
      await press(host, '{Home}');
      expect(focusedDate(host)).toBe('2026-11-23');
    });

    it('moves a month with PageDown and PageUp, a year with Shift, never before the first bookable month', async () => {
      const host = await grid();
      cell(host, '2026-11-23').focus();
      await press(host, '{PageDown}');
      expect(focusedDate(host)).toBe('2026-12-23');
      await press(host, '{Shift>}{PageDown}{/Shift}');
      expect(host.calendar.focused).toBe('2027-12-23');
      expect(textOf(part(host, 'month'))).toBe('2027年12月');
      await press(host, '{Shift>}{PageUp}{/Shift}');
      await press(host, '{PageUp}');
      expect(focusedDate(host)).toBe('2026-11-23');
      // Before the first bookable month: its first day.
      await press(host, '{PageUp}');
      expect(focusedDate(host)).toBe('2026-11-01');
      expect(host.log).toEqual([
        'month 2026-12-23',
        'month 2027-12-23',
        'month 2026-12-23',
        'month 2026-11-23',
      ]);
    });

    it('stops at the last bookable day', async () => {
      const host = await grid();
      host.max = '2026-12-10';
      cell(host, '2026-11-23').focus();
      await press(host, '{PageDown}');
      expect(focusedDate(host)).toBe('2026-12-10');
    });

    it('asks the host to choose the focused day with Enter and Space, and a clicked day', async () => {
      const host = await grid();
      cell(host, '2026-11-23').focus();
      await press(host, '{Enter}');
      await press(host, '{ArrowRight}');
      await press(host, ' ');
      await userEvent.click(cell(host, '2026-11-26'));
      await host.updateComplete;
      expect(host.log).toEqual(['choose 2026-11-23', 'choose 2026-11-24', 'choose 2026-11-26']);
      expect(tabbable(host)).toEqual(['2026-11-26']);
    });

    it('stops Escape when the host acts on it, and leaves it to the page when not', async () => {
      const host = await grid();
      const seen: boolean[] = [];
      const listener = (event: KeyboardEvent): void => {
        if (event.key === 'Escape') seen.push(event.defaultPrevented);
      };
      document.addEventListener('keydown', listener);
      try {
        cell(host, '2026-11-23').focus();
        await press(host, '{Escape}');
        host.escapes = true;
        await press(host, '{Escape}');
      } finally {
        document.removeEventListener('keydown', listener);
      }
      expect(host.log).toEqual(['escape', 'escape']);
      expect(seen).toEqual([false]);
    });
  });
});
