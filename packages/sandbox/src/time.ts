// Dates and times of the platform are in Asia/Shanghai (UTC+8, no daylight saving since 1991),
// whatever the machine's time zone. Nothing here reads the local time zone.

const offsetMs = 8 * 60 * 60 * 1000;
const dayMs = 24 * 60 * 60 * 1000;

/** The calendar day in Asia/Shanghai, `YYYY-MM-DD`. */
export function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + offsetMs).toISOString().slice(0, 10);
}

/** RFC 3339 with the +08:00 offset, to the second: `2026-11-24T08:30:00+08:00`. */
export function shanghaiDateTime(at: Date): string {
  return `${new Date(at.getTime() + offsetMs).toISOString().slice(0, 19)}+08:00`;
}

/** Adds days to a `YYYY-MM-DD` day. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (both `YYYY-MM-DD`). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / dayMs);
}

/** Age in whole years on `at` (in Asia/Shanghai) of someone born on `birthDate`. */
export function ageOn(birthDate: string, at: Date): number {
  const today = shanghaiDate(at);
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}
