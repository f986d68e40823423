import type { Schemas } from '@zheli/contract';
import { appointmentMessages as t } from '../internal/messages.js';
import { monthStart, shanghaiDate } from './time.js';

/** Why a day cannot be booked: the platform's reasons, or outside the bookable range. */
export type Reason = Schemas['DayUnavailableReason'] | 'outside';

/**
 * Why `date` cannot be booked, or `undefined` when it can (or its month is still loading): before
 * `minDate` (past, or before `from`), after `to`, not offered in a loaded month, or the day's own
 * reason (full when it gives none).
 */
export function dayReason(
  date: string,
  minDate: string,
  to: string | undefined,
  days: ReadonlyMap<string, Schemas['SlotDay']>,
  loadedMonths: ReadonlySet<string>,
): Reason | undefined {
  if (date < minDate) return date < shanghaiDate(new Date()) ? 'past' : 'outside';
  if (to !== undefined && date > to) return 'outside';
  const day = days.get(date);
  if (day === undefined) return loadedMonths.has(monthStart(date)) ? 'outside' : undefined;
  if (day.available) return undefined;
  return day.reason ?? 'full';
}

/** The reason in full: the day cell's hidden text and the announcement. */
export function reasonText(reason: Reason): string {
  return {
    closed: t.apptReasonClosed,
    full: t.apptReasonFull,
    past: t.apptReasonPast,
    holiday: t.apptReasonHoliday,
    outside: t.apptReasonOutside,
  }[reason]();
}

/**
 * The reason as the day cell shows it: two characters or a short word, which fit a 48 px day
 * in elder mode on a phone. The cell's hidden text and the announcement say it in full; days
 * outside the range are only dimmed.
 */
export function reasonShort(reason: Exclude<Reason, 'outside'>): string {
  return {
    closed: t.apptReasonClosedShort,
    full: t.apptReasonFullShort,
    past: t.apptReasonPast,
    holiday: t.apptReasonHolidayShort,
  }[reason]();
}
