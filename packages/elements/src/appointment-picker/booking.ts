import { errorStatus, newIdempotencyKey, problemCode } from '@zheli/client/helpers';
import type { Schemas } from '@zheli/contract';
import type { ZheliData } from '../internal/data.js';

type Appointment = Schemas['Appointment'];
type Appointments = NonNullable<ZheliData['appointments']>;

/**
 * What a failed write means for the flow: the place was taken (`slot_full`) or the slot is no
 * longer offered (`slot_unavailable`, `not_found`): the day's slots again; the person must sign
 * in (401); or a problem shown where they are (`problems.ts` reads which).
 */
export type BookingFailure = 'slot-taken' | 'slot-gone' | 'signed-out' | 'failed';

/** The platform's answer to a booking, rescheduling or cancelling, read for the flow. */
export function bookingFailure(error: unknown): BookingFailure {
  const code = problemCode(error);
  if (code === 'slot_full') return 'slot-taken';
  if (code === 'slot_unavailable' || code === 'not_found') return 'slot-gone';
  return errorStatus(error) === 401 ? 'signed-out' : 'failed';
}

/**
 * The writes of the booking flow with their `Idempotency-Key`s: one per chosen slot, kept across
 * a sign-in and every retry, so a double click, a retry or a reload mid-request books once (the
 * platform replays); one per cancellation, from the moment the person is asked.
 */
export class Booking {
  /** The chosen slot's key (part of the kept choice); `undefined` until the slot is chosen. */
  key: string | undefined;
  private cancelKey: string | undefined;

  /** A new choice of slot: a new key, so it is booked as a new action. */
  choose(): void {
    this.key = newIdempotencyKey();
  }

  /** The choice's key, made now if the choice came without one. */
  ensureKey(): string {
    this.key ??= newIdempotencyKey();
    return this.key;
  }

  /** Books the slot, or moves `moving` to it, with the choice's key. */
  book(
    appointments: Appointments,
    request: Schemas['BookingRequest'],
    moving: Appointment | undefined,
  ): Promise<Appointment> {
    const options = { idempotencyKey: this.ensureKey() };
    return moving === undefined
      ? appointments.book(request, options)
      : appointments.reschedule(moving.id, { slotId: request.slotId }, options);
  }

  /** The person is asked to confirm a cancellation: its key, the same for every retry. */
  askCancel(): void {
    this.cancelKey ??= newIdempotencyKey();
  }

  /** Cancels the appointment with the cancellation's key. */
  cancel(appointments: Appointments, appointment: Appointment): Promise<Appointment> {
    this.askCancel();
    return appointments.cancel(appointment.id, undefined, { idempotencyKey: this.cancelKey });
  }

  /** A new appointment: cancelling it is a new action. */
  resetCancel(): void {
    this.cancelKey = undefined;
  }
}
