import type { Schemas } from '@zheli/contract';
import { describe, expect, it } from 'vitest';
import { FakeApiError } from '../../test/fake-booking.js';
import type { WriteOptions, ZheliData } from '../internal/data.js';
import { Booking, bookingFailure } from './booking.js';

type Appointment = Schemas['Appointment'];

const request = { serviceId: 'svc-1', siteId: 'site-1', slotId: 'slot-1' };
const appointment = { id: 'apt-1' } as Appointment;

/** The appointments client, recording each write's method, arguments and key. */
function appointments(): { api: NonNullable<ZheliData['appointments']>; calls: unknown[][] } {
  const calls: unknown[][] = [];
  const answer = async (...args: unknown[]): Promise<Appointment> => {
    calls.push(args);
    return appointment;
  };
  return {
    calls,
    api: {
      book: (body, options?: WriteOptions) => answer('book', body, options?.idempotencyKey),
      reschedule: (id, body, options?: WriteOptions) =>
        answer('reschedule', id, body, options?.idempotencyKey),
      cancel: (id, _body, options?: WriteOptions) => answer('cancel', id, options?.idempotencyKey),
    },
  };
}

describe('bookingFailure', () => {
  it('reads slot_full as a taken place, 401 as signed out, and anything else as a failure', () => {
    expect(bookingFailure(new FakeApiError(409, 'slot_full'))).toBe('slot-taken');
    expect(bookingFailure(new FakeApiError(401, 'unauthorized'))).toBe('signed-out');
    expect(bookingFailure(new FakeApiError(503, 'service_unavailable'))).toBe('failed');
    expect(bookingFailure(new TypeError('Failed to fetch'))).toBe('failed');
  });
});

describe('Booking', () => {
  it('books a retry of the same choice with the same key, and a new choice with a new key', async () => {
    const { api, calls } = appointments();
    const booking = new Booking();
    booking.choose();
    await booking.book(api, request, undefined);
    await booking.book(api, request, undefined);
    booking.choose();
    await booking.book(api, request, undefined);
    const keys = calls.map((call) => call[2]);
    expect(keys[0]).toBe(keys[1]);
    expect(keys[2]).not.toBe(keys[0]);
    expect(keys[0]).toMatch(/^[\w-]{8,}$/);
  });

  it('books with the key a kept choice brought back, and makes one when it has none', async () => {
    const { api, calls } = appointments();
    const booking = new Booking();
    booking.key = 'kept-key';
    await booking.book(api, request, undefined);
    booking.key = undefined;
    const made = booking.ensureKey();
    await booking.book(api, request, undefined);
    expect(calls.map((call) => call[2])).toEqual(['kept-key', made]);
  });

  it('moves the appointment being rescheduled to the chosen slot instead of booking another', async () => {
    const { api, calls } = appointments();
    const booking = new Booking();
    booking.key = 'key-1';
    await booking.book(api, request, appointment);
    expect(calls).toEqual([['reschedule', 'apt-1', { slotId: 'slot-1' }, 'key-1']]);
  });

  it('cancels with one key from the question on, and a new one for the next appointment', async () => {
    const { api, calls } = appointments();
    const booking = new Booking();
    booking.askCancel();
    await booking.cancel(api, appointment);
    await booking.cancel(api, appointment);
    booking.resetCancel();
    await booking.cancel(api, appointment);
    const keys = calls.map((call) => call[2]);
    expect(keys[0]).toBe(keys[1]);
    expect(keys[2]).not.toBe(keys[0]);
  });
});
