import type { Schemas } from '@zheli/contract';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { now } from '../../test/fake-booking.js';
import { dayReason, reasonShort, reasonText } from './day-reasons.js';

type SlotDay = Schemas['SlotDay'];

function day(date: string, available: boolean, reason?: SlotDay['reason']): SlotDay {
  return { date, available, slots: [], ...(reason === undefined ? {} : { reason }) } as SlotDay;
}

describe('day reasons', () => {
  beforeEach(() => {
    // Only the clock: Monday 23 November 2026, 10:00 in Shanghai.
    vi.useFakeTimers({ toFake: ['Date'], now });
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  const days = new Map([
    ['2026-11-24', day('2026-11-24', true)],
    ['2026-11-25', day('2026-11-25', false)],
    ['2026-11-29', day('2026-11-29', false, 'closed')],
  ]);
  const loaded = new Set(['2026-11-01']);

  it('says a day before today is past, and one before from or after to is outside the range', () => {
    expect(dayReason('2026-11-22', '2026-11-23', undefined, days, loaded)).toBe('past');
    expect(dayReason('2026-11-24', '2026-11-26', undefined, days, loaded)).toBe('outside');
    expect(dayReason('2026-11-29', '2026-11-23', '2026-11-28', days, loaded)).toBe('outside');
  });

  it('gives the day’s own reason, full when it has none, and nothing for a bookable day', () => {
    expect(dayReason('2026-11-29', '2026-11-23', undefined, days, loaded)).toBe('closed');
    expect(dayReason('2026-11-25', '2026-11-23', undefined, days, loaded)).toBe('full');
    expect(dayReason('2026-11-24', '2026-11-23', undefined, days, loaded)).toBeUndefined();
  });

  it('gives nothing while the month loads, and outside for a day a loaded month leaves out', () => {
    expect(dayReason('2026-12-02', '2026-11-23', undefined, days, loaded)).toBeUndefined();
    expect(dayReason('2026-11-30', '2026-11-23', undefined, days, loaded)).toBe('outside');
  });

  it('says each reason in full and short enough for a day cell', () => {
    expect(reasonText('holiday')).toBe('节假日');
    expect(reasonShort('holiday')).toBe('假日');
    expect(reasonShort('full').length).toBeLessThanOrEqual(reasonText('full').length);
  });
});
