// The booked step's view and the .ics download: loaded on the way to the confirm step (with
// problems.ts), not with the picker's first render.
import type { Schemas } from '@zheli/contract';
import { html, type nothing, type TemplateResult } from 'lit';
import type { Mode } from '../internal/config.js';
import type { appointmentMessages } from '../internal/messages.js';
import { appointmentViewMessages as v } from './view-messages.js';

type Appointment = Schemas['Appointment'];
/** The picker's words, passed in rather than imported (see `views.ts`). */
type Words = typeof appointmentMessages;

/** What the ticket shows besides the appointment, and what its buttons do. */
export interface TicketView {
  /** The picker's words. */
  t: Words;
  mode: Mode | undefined;
  /** The heading and the facts of the booking with its reference, as the picker renders them. */
  head: TemplateResult;
  /** A problem cancelling met, with its next step. */
  problem: TemplateResult | typeof nothing;
  confirmingCancel: boolean;
  /** A write is under way: the cancellation buttons wait. */
  busy: boolean;
  onCancel: () => void;
  onKeep: () => void;
  onAddToCalendar: () => void;
  onReschedule: () => void;
  onAskCancel: () => void;
}

/** The booked state: summary, QR code ticket, and add to calendar, reschedule and cancel. */
export function renderTicket(appointment: Appointment, view: TicketView): TemplateResult {
  const { t } = view;
  return html`<section part="ticket" class="ticket" aria-labelledby="booked-heading">
      ${view.head}
      <zheli-qr-code
        kind="appointment"
        appointment-id=${appointment.id}
        .mode=${view.mode}
        size="180"
      ></zheli-qr-code>
      <p class="muted">${v.apptTicketHint()} ${t.apptTimeZone()}</p>
      ${view.problem}
      ${
        view.confirmingCancel
          ? html`<div class="actions" role="group" aria-labelledby="cancel-question">
              <p id="cancel-question">${v.apptCancelQuestion()}</p>
              <button part="button cancel-yes" class="button danger" type="button" ?disabled=${view.busy} @click=${view.onCancel}>
                ${v.apptCancelYes()}
              </button>
              <button part="button cancel-no" class="button" type="button" ?disabled=${view.busy} @click=${view.onKeep}>
                ${v.apptCancelNo()}
              </button>
            </div>`
          : html`<div class="actions">
              <button part="button calendar-file" class="button" type="button" @click=${view.onAddToCalendar}>
                ${v.apptAddCalendar()}
              </button>
              <button part="button reschedule" class="button" type="button" @click=${view.onReschedule}>
                ${v.apptReschedule()}
              </button>
              <button part="button cancel" class="button" type="button" @click=${view.onAskCancel}>
                ${v.apptCancel()}
              </button>
            </div>`
      }
    </section>`;
}

/** The .ics writer, loaded when the person asks for the file, not with the picker. */
const loadIcs = (): Promise<typeof import('./ics.js')> => import('./ics.js');

/**
 * Downloads the appointment as an .ics file named by its reference (the link is added to `root`
 * for the click, then removed). Rejects when the writer fails to load.
 */
export async function downloadIcs(
  appointment: Appointment,
  summary: string,
  t: Words,
  root: ShadowRoot | null,
): Promise<void> {
  const ics = (await loadIcs()).appointmentIcs(appointment, {
    summary,
    location: `${appointment.site.name}, ${appointment.site.address}`,
    description: `${t.apptReference()}: ${appointment.reference}`,
  });
  const url = URL.createObjectURL(new Blob([ics], { type: 'text/calendar;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `${appointment.reference}.ics`;
  root?.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
