// What the appointment picker's browser tests share around the fake booking client
// (fake-booking.ts): its clock, a clean session storage (the kept choice lives there), and the
// waits and focus reads the tests make on the picker.
import { afterEach, beforeEach, vi } from 'vitest';
import type { ZheliAppointmentPicker } from '../src/appointment-picker/appointment-picker.js';
import { now } from './fake-booking.js';
import { cleanup } from './fixture.js';

/** Runs every test of the file on the fake's clock, with session storage cleared around it. */
export function onBookingClock(): void {
  beforeEach(() => {
    // Only the clock: Monday 23 November 2026, 10:00 in Shanghai. Timers stay real.
    vi.useFakeTimers({ toFake: ['Date'], now });
    sessionStorage.clear();
  });

  afterEach(async () => {
    vi.useRealTimers();
    vi.restoreAllMocks();
    sessionStorage.clear();
    await cleanup();
  });
}

/** Waits for `check` to pass: up to 5 s, as other helpers share this 2-core machine. */
export function until<T>(check: () => T | Promise<T>): Promise<T> {
  return vi.waitFor(check, { timeout: 5_000, interval: 20 });
}

/** What has focus inside the picker's shadow root. */
export function active(picker: ZheliAppointmentPicker): HTMLElement | null {
  return picker.shadowRoot?.activeElement as HTMLElement | null;
}
