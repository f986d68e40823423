/**
 * Dates and times of the booking calendar. The platform's slots are in Asia/Shanghai (UTC+8, no
 * daylight saving); everything shown is formatted with `Intl` in that zone, so a browser in
 * Berlin or New York shows the station's own 08:30. Calendar days are `YYYY-MM-DD` strings and
 * their arithmetic is done on UTC dates, so the browser's zone never shifts a day.
 */

/** The zone every slot, day and ticket time is in. */
const timeZone = 'Asia/Shanghai';

/** Noon of a calendar day in Shanghai: the instant used to format the day itself. */
function noon(date: string): Date {
  return new Date(`${date}T12:00:00+08:00`);
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** The calendar day `instant` falls on in Shanghai, as `YYYY-MM-DD`. */
export function shanghaiDate(instant: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(instant);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** `date` moved by `days` calendar days. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const moved = new Date(Date.UTC(y, m - 1, d + days));
  return `${moved.getUTCFullYear()}-${pad(moved.getUTCMonth() + 1)}-${pad(moved.getUTCDate())}`;
}

/**
 * `date` moved by `months` months, on the same day of the month or the month's last day when it
 * is shorter (31 January + 1 month = 28 or 29 February), as the APG date picker does.
 */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return `${first.getUTCFullYear()}-${pad(first.getUTCMonth() + 1)}-${pad(Math.min(d, last))}`;
}

/** The first day of `date`'s month. */
export function monthStart(date: string): string {
  return `${date.slice(0, 7)}-01`;
}

/** The last day of `date`'s month. */
export function monthEnd(date: string): string {
  return addDays(addMonths(monthStart(date), 1), -1);
}

/** The weekday of `date`, 0 = Monday … 6 = Sunday (weeks start on Monday in China). */
export function weekday(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
}

/** The weeks of `date`'s month, Monday first; `null` pads the days of other months. */
export function monthWeeks(date: string): (string | null)[][] {
  const first = monthStart(date);
  const last = monthEnd(date);
  const cells: (string | null)[] = Array.from({ length: weekday(first) }, () => null);
  for (let day = first; day <= last; day = addDays(day, 1)) cells.push(day);
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/** "2026年11月" / "November 2026". */
export function formatMonth(date: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone, year: 'numeric', month: 'long' }).format(
    noon(date),
  );
}

/** "11月24日星期二" / "Tuesday, November 24". */
export function formatDay(date: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    month: 'long',
    day: 'numeric',
    weekday: 'long',
  }).format(noon(date));
}

/** "2026年11月24日星期二" / "Tuesday, November 24, 2026". */
export function formatFullDay(date: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    weekday: 'long',
  }).format(noon(date));
}

/** The short weekday names, Monday first ("一" … "日", "Mon" … "Sun"). */
export function weekdayNames(locale: string, width: 'narrow' | 'short' | 'long'): string[] {
  // 2026-11-23 is a Monday.
  return Array.from({ length: 7 }, (_, i) =>
    new Intl.DateTimeFormat(locale, { timeZone, weekday: width }).format(
      noon(addDays('2026-11-23', i)),
    ),
  );
}

/** The time of an instant in Shanghai, 24-hour: "08:30". */
export function formatTime(instant: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(instant));
}

/** "08:30–09:00". */
export function formatRange(start: string, end: string, locale: string): string {
  return `${formatTime(start, locale)}–${formatTime(end, locale)}`;
}
