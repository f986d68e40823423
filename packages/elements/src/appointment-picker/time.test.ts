// The picker formats every time in Asia/Shanghai. This runs under another zone (the process's TZ
// is switched to New York before anything is formatted) to show that the zone of the machine or
// browser never changes what is shown.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  formatDay,
  formatMonth,
  formatRange,
  formatTime,
  monthWeeks,
  shanghaiDate,
  weekday,
} from './time.js';

const before = process.env.TZ;

beforeAll(() => {
  process.env.TZ = 'America/New_York';
});

afterAll(() => {
  if (before === undefined) delete process.env.TZ;
  else process.env.TZ = before;
});

describe('Asia/Shanghai times in another zone', () => {
  it('runs in a zone twelve or thirteen hours behind Shanghai', () => {
    // Proof that the zone switch took effect: New York's offset is 300 (EST) or 240 (EDT) minutes.
    expect([240, 300]).toContain(new Date('2026-11-24T00:30:00Z').getTimezoneOffset());
    expect(new Date('2026-11-24T08:30:00+08:00').getHours()).toBe(19);
  });

  it('shows a slot at the station’s own 08:30, not the browser’s 19:30 of the day before', () => {
    const start = '2026-11-24T08:30:00+08:00';
    expect(formatTime(start, 'zh-CN')).toBe('08:30');
    expect(formatTime(start, 'en')).toBe('08:30');
    expect(formatRange(start, '2026-11-24T09:00:00+08:00', 'zh-TW')).toBe('08:30–09:00');
  });

  it('names the Shanghai day of an instant that is still the previous day in New York', () => {
    // 00:30 in Shanghai on the 24th is 11:30 on the 23rd in New York.
    expect(shanghaiDate(new Date('2026-11-24T00:30:00+08:00'))).toBe('2026-11-24');
    expect(shanghaiDate(new Date('2026-11-23T23:59:00+08:00'))).toBe('2026-11-23');
    expect(formatDay('2026-11-24', 'zh-CN')).toBe('11月24日星期二');
    expect(formatDay('2026-11-24', 'en')).toBe('Tuesday, November 24');
    expect(formatMonth('2026-11-01', 'zh-CN')).toBe('2026年11月');
  });
});

describe('calendar arithmetic', () => {
  it('moves by days across months and years', () => {
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(addDays('2026-11-24', 7)).toBe('2026-12-01');
  });

  it('moves by months to the same day, or the last day of a shorter month', () => {
    expect(addMonths('2026-11-24', 1)).toBe('2026-12-24');
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-11-24', -12)).toBe('2025-11-24');
  });

  it('lays a month out in weeks starting on Monday', () => {
    expect(weekday('2026-11-23')).toBe(0);
    expect(weekday('2026-11-29')).toBe(6);
    const weeks = monthWeeks('2026-11-15');
    // November 2026 begins on a Sunday: six blanks, then the 1st.
    expect(weeks[0]).toEqual([null, null, null, null, null, null, '2026-11-01']);
    expect(weeks.at(-1)?.[0]).toBe('2026-11-30');
    expect(weeks.every((week) => week.length === 7)).toBe(true);
  });
});
