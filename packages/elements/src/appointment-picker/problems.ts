import type { Schemas } from '@zheli/contract';
import { html, nothing, type TemplateResult } from 'lit';
import type { ZheliData } from '../internal/data.js';
import type { appointmentMessages } from '../internal/messages.js';
import type { BookingFailure } from './booking.js';
import { appointmentViewMessages as p } from './view-messages.js';

/**
 * A problem a write met that the person can act on: a booking or move that failed for a reason a
 * retry may mend (`failed`), a cancellation that did (`cancel-failed`), an appointment already
 * held that day (`exists`), a sign-in without the scope (`scope`) or expired (`session`), an
 * appointment begun or done (`locked`), or no longer found (`gone`).
 */
export type Problem =
  | 'failed'
  | 'cancel-failed'
  | 'exists'
  | 'scope'
  | 'session'
  | 'locked'
  | 'gone';

/** What the problem's view shows besides the problem, and what its buttons do. */
export interface ProblemView {
  /** The picker's words, passed in rather than imported (see `views.ts`). */
  t: typeof appointmentMessages;
  /** The person's booked appointment for the service, if found. */
  existing: Schemas['Appointment'] | undefined;
  /** Its day and time in the locale. */
  existingTime: string;
  /** Sign-in is configured: the person can sign in again from here. */
  canSignIn: boolean;
  /** An appointment is being moved: keeping its time is the way back. */
  rescheduling: boolean;
  onViewExisting: () => void;
  onOtherDay: () => void;
  onSignIn: () => void;
  onBookAgain: () => void;
  onKeepTime: () => void;
}

/**
 * The problem a failed write is for the person, from the platform's problem `code` and what the
 * flow read (`failure`), `cancelling` or booking and moving: `insufficient_scope`,
 * `appointment_exists` and `appointment_not_cancellable` have their own words; so has a
 * cancellation of an appointment not found, or refused as signed out. Anything else (a busy or
 * unreachable platform, `rate_limited`, `idempotency_in_progress`) asks to retry, with the
 * same key.
 */
export function problemOf(
  code: string | undefined,
  failure: BookingFailure,
  cancelling: boolean,
): Problem {
  if (code === 'insufficient_scope') return 'scope';
  if (code === 'appointment_exists') return 'exists';
  if (code === 'appointment_not_cancellable') return 'locked';
  if (!cancelling) return 'failed';
  return failure === 'slot-gone' ? 'gone' : failure === 'signed-out' ? 'session' : 'cancel-failed';
}

/** The words of each problem. */
export function problemText(problem: Problem): string {
  return {
    failed: p.apptBookFailed,
    'cancel-failed': p.apptCancelFailed,
    exists: p.apptExists,
    scope: p.apptScope,
    session: p.apptSessionEnded,
    locked: p.apptLocked,
    gone: p.apptGone,
  }[problem]();
}

/**
 * The person's booked appointment for `serviceId` (the one on `day` if they hold one then), when
 * the client can list appointments; the one being moved does not count.
 */
export async function existingAppointment(
  data: ZheliData | undefined,
  serviceId: string | undefined,
  moving: Schemas['Appointment'] | undefined,
  day = '-',
): Promise<Schemas['Appointment'] | undefined> {
  const page = await data?.appointments?.list?.({ status: 'booked' });
  const mine = (page?.items ?? []).filter(
    (item) => item.service.id === serviceId && item.id !== moving?.id,
  );
  return mine.find((item) => item.slot.start.startsWith(day)) ?? mine[0];
}

/** The words for a slot no longer offered (`slot_unavailable`, or not found). */
export const slotGoneText = (): string => p.apptSlotGone();

function action(label: string, onClick: () => void): TemplateResult {
  return html`<button part="button" class="button" type="button" @click=${onClick}>${label}</button>`;
}

/** The problem's words and its next step (the message around them is the picker's). */
export function renderProblem(problem: Problem, view: ProblemView): TemplateResult {
  let next: TemplateResult | typeof nothing = nothing;
  if (problem === 'exists') {
    next = html`${view.existing === undefined ? nothing : action(p.apptViewExisting(), view.onViewExisting)}
      ${action(p.apptOtherDay(), view.onOtherDay)}`;
  } else if ((problem === 'scope' || problem === 'session') && view.canSignIn) {
    next = action(p.apptSignInAgain(), view.onSignIn);
  } else if (problem === 'gone') {
    next = action(view.t.apptBookAgain(), view.onBookAgain);
  } else if (problem === 'locked' && view.rescheduling) {
    next = action(view.t.apptKeepTime(), view.onKeepTime);
  }
  return html`<p>${problemText(problem)}</p>
    ${next}`;
}

/** The person's booked appointment for the service, with a way to it. */
export function renderExisting(view: ProblemView): TemplateResult | typeof nothing {
  const { existing } = view;
  if (existing === undefined) return nothing;
  return html`<div part="message" class="message notice">
    <p>${p.apptExisting(view.existingTime, existing.site.name)}</p>
    ${action(p.apptViewExisting(), view.onViewExisting)}
  </div>`;
}
