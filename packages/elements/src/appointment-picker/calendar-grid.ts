import type { Schemas } from '@zheli/contract';
import {
  html,
  nothing,
  type ReactiveController,
  type ReactiveControllerHost,
  type TemplateResult,
} from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import { getLocale } from '../internal/localize.js';
import { appointmentMessages as t } from '../internal/messages.js';
import { dayReason, type Reason, reasonShort, reasonText } from './day-reasons.js';
import { headingLevel } from './slot-list.js';
import {
  addDays,
  addMonths,
  formatDay,
  formatMonth,
  monthStart,
  monthWeeks,
  shanghaiDate,
  weekday,
  weekdayNames,
} from './time.js';

/** What the calendar reads from its host (at render time) and tells it. */
interface CalendarOptions {
  /** The level of the picker's step headings (the month's is one below); 2 by default. */
  headingLevel?(): number;
  /** The first day that can be chosen: today in Asia/Shanghai, or later. */
  min(): string;
  /** The last day that can be chosen, if there is one. */
  max(): string | undefined;
  /** The days loaded so far, by `YYYY-MM-DD`. */
  days(): ReadonlyMap<string, Schemas['SlotDay']>;
  /** The months loaded so far, by their first day. */
  loaded(): ReadonlySet<string>;
  /** Every day inert and out of the tab order. */
  disabled(): boolean;
  /** The person asked for a day (Enter, Space or a click), whether it can be booked or not. */
  choose(date: string): void;
  /** The focused day moved into another month: its days may need loading. */
  monthChanged(date: string): void;
  /** Escape in the grid: whether the host acted on it (else the key reaches the page). */
  escape(): boolean;
}

/**
 * The month calendar: its header with the month and the previous and next buttons, and the
 * `role="grid"` table of days with the WAI-ARIA APG date-picker keyboard. One day, `focused`,
 * is in the tab order (roving tabindex); arrows move a day or a week, Home and End to the week's
 * Monday and Sunday, PageUp and PageDown a month (with Shift a year), never before the first
 * bookable month nor after the last day.
 */
export class CalendarGrid implements ReactiveController {
  /** The day in the tab order, `YYYY-MM-DD`; the month shown is its month. */
  focused = shanghaiDate(new Date());
  private readonly host: ReactiveControllerHost & Element;
  private readonly options: CalendarOptions;
  private pending: string | undefined;

  constructor(host: ReactiveControllerHost & Element, options: CalendarOptions) {
    this.host = host;
    this.options = options;
    host.addController(this);
  }

  hostUpdated(): void {
    const date = this.pending;
    this.pending = undefined;
    if (date !== undefined) this.cell(date)?.focus();
  }

  /** `date` within the bookable months: from the first one's start to the last day. */
  clamp(date: string): string {
    const min = monthStart(this.options.min());
    const max = this.options.max();
    if (date < min) return min;
    return max !== undefined && date > max ? max : date;
  }

  /** Focuses `date` (by default the focused day) once the host has rendered. */
  focus(date = this.focused): void {
    this.pending = date;
    this.host.requestUpdate();
  }

  /** Why `date` cannot be booked, or `undefined` when it can (or is still loading). */
  reason(date: string): Reason | undefined {
    const { options } = this;
    return dayReason(date, options.min(), options.max(), options.days(), options.loaded());
  }

  /** Whether `date` can be chosen: never while the calendar is disabled. */
  available(date: string): boolean {
    return (
      !this.options.disabled() &&
      this.options.days().get(date)?.available === true &&
      this.reason(date) === undefined
    );
  }

  /** Makes `date` (clamped) the focused day, telling the host when the month changes. */
  private move(date: string, focus: boolean): void {
    const to = this.clamp(date);
    const monthChanged = monthStart(to) !== monthStart(this.focused);
    this.focused = to;
    this.host.requestUpdate();
    if (monthChanged) this.options.monthChanged(to);
    if (focus) this.focus(to);
  }

  private cell(date: string): HTMLElement | null | undefined {
    return this.host.shadowRoot?.querySelector<HTMLElement>(`[part~="day"][data-date="${date}"]`);
  }

  private onPrevMonth = (): void => this.move(addMonths(this.focused, -1), false);

  private onNextMonth = (): void => this.move(addMonths(this.focused, 1), false);

  private onDayClick = (event: Event): void => {
    const date = (event.currentTarget as HTMLElement).dataset.date;
    if (date === undefined) return;
    this.focused = date;
    this.host.requestUpdate();
    this.options.choose(date);
  };

  private onKeyDown = (event: KeyboardEvent): void => {
    if (this.options.disabled()) return;
    const from = this.focused;
    const { key, shiftKey } = event;
    let to: string;
    if (key === 'Enter' || key === ' ') {
      event.preventDefault();
      this.options.choose(from);
      return;
    }
    if (key === 'Escape') {
      // Acted on by the host (it leaves the calendar), or left to the page.
      if (!this.options.escape()) return;
      event.preventDefault();
      event.stopPropagation();
      return;
    }
    if (key === 'ArrowRight') to = addDays(from, 1);
    else if (key === 'ArrowLeft') to = addDays(from, -1);
    else if (key === 'ArrowDown') to = addDays(from, 7);
    else if (key === 'ArrowUp') to = addDays(from, -7);
    else if (key === 'Home') to = addDays(from, -weekday(from));
    else if (key === 'End') to = addDays(from, 6 - weekday(from));
    else if (key === 'PageUp') to = addMonths(from, shiftKey ? -12 : -1);
    else if (key === 'PageDown') to = addMonths(from, shiftKey ? 12 : 1);
    else return;
    event.preventDefault();
    this.move(to, true);
  };

  private renderDay(
    date: string | null,
    chosen: string | undefined,
    short: readonly string[],
  ): TemplateResult {
    if (date === null) return html`<td role="gridcell" class="pad"></td>`;
    const { options } = this;
    const locale = getLocale();
    const reason = this.reason(date);
    const loading = reason === undefined && !options.days().has(date);
    const available = this.available(date);
    const today = date === shanghaiDate(new Date());
    const selected = date === chosen;
    const state = available ? t.apptDayAvailable() : reason === undefined ? '' : reasonText(reason);
    return html`<td
      role="gridcell"
      part="day"
      class=${classMap({ day: true, available, selected, today, loading })}
      data-date=${date}
      data-weekday=${short[weekday(date)] ?? ''}
      tabindex=${date === this.focused && !options.disabled() ? 0 : -1}
      aria-selected=${String(selected)}
      aria-disabled=${String(!available)}
      aria-current=${today ? 'date' : 'false'}
      @click=${this.onDayClick}
    >
      <span class="number" aria-hidden="true">${Number(date.slice(8))}</span>
      <span class="visually-hidden">${formatDay(date, locale)}${today ? `，${t.apptToday()}` : ''}${state ? `，${state}` : ''}</span>
      ${
        reason === undefined
          ? available
            ? html`<span class="dot" aria-hidden="true"></span>`
            : nothing
          : reason === 'outside'
            ? nothing
            : html`<span part="reason" class="reason" aria-hidden="true">${reasonShort(reason)}</span>`
      }
    </td>`;
  }

  /** The calendar section: heading, month header and the focused day's month, `chosen` selected. */
  render(chosen: string | undefined): TemplateResult {
    const { focused, options } = this;
    const locale = getLocale();
    const max = options.max();
    const short = weekdayNames(locale, 'short');
    const long = weekdayNames(locale, 'long');
    const level = options.headingLevel?.() ?? 2;
    return html`<section part="calendar" class="calendar" aria-labelledby="date-heading">
      <h2 part="heading" id="date-heading" class="heading" tabindex="-1" aria-level=${headingLevel(level, 2)}>${t.apptDateHeading()}</h2>
      <div class="month-row">
        <button
          part="nav"
          class="button nav"
          type="button"
          aria-label=${t.apptPrevMonth()}
          ?disabled=${monthStart(focused) <= monthStart(options.min())}
          @click=${this.onPrevMonth}
        >
          <span aria-hidden="true">‹</span>
        </button>
        <h3 part="month" id="month-heading" class="month" aria-level=${headingLevel(level, 3)}>${formatMonth(focused, locale)}</h3>
        <button
          part="nav"
          class="button nav"
          type="button"
          aria-label=${t.apptNextMonth()}
          ?disabled=${max !== undefined && monthStart(focused) >= monthStart(max)}
          @click=${this.onNextMonth}
        >
          <span aria-hidden="true">›</span>
        </button>
      </div>
      <table
        part="grid"
        class="grid"
        role="grid"
        aria-labelledby="month-heading"
        aria-disabled=${options.disabled()}
        @keydown=${this.onKeyDown}
      >
        <thead>
          <tr role="row">
            ${short.map((name, i) => html`<th scope="col" abbr=${long[i] ?? name}>${name}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${monthWeeks(focused).map((week) => html`<tr role="row">${week.map((date) => this.renderDay(date, chosen, short))}</tr>`)}
        </tbody>
      </table>
      <p class="muted small">${t.apptTimeZone()}</p>
    </section>`;
  }
}
