import type { Schemas } from '@zheli/contract';

/** What `zheli-slot-select` carries. */
export interface ZheliSlotSelectDetail {
  /** The chosen slot (its times are in Asia/Shanghai). */
  slot: Schemas['Slot'];
  /** The site it is at. */
  site: Schemas['Site'];
  /** The day, `YYYY-MM-DD` in Asia/Shanghai. */
  date: string;
}

/** Fired when the person chooses a time slot in `<zheli-appointment-picker>`. */
export class ZheliSlotSelectEvent extends Event {
  /**
   * The slot the person chose, the site it is at and its day (`YYYY-MM-DD`, Asia/Shanghai);
   * nothing is booked yet.
   */
  readonly detail: ZheliSlotSelectDetail;
  constructor(detail: ZheliSlotSelectDetail) {
    super('zheli-slot-select', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

/** What `zheli-booked` and `zheli-cancelled` carry. */
export interface ZheliAppointmentDetail {
  /** The appointment as the platform answered it. */
  appointment: Schemas['Appointment'];
}

/** Fired when an appointment was booked, or moved to another slot. */
export class ZheliBookedEvent extends Event {
  /**
   * The appointment as the platform answered the booking: `status` `booked`, at the chosen slot
   * (after a move, the appointment at its new time).
   */
  readonly detail: ZheliAppointmentDetail;
  constructor(detail: ZheliAppointmentDetail) {
    super('zheli-booked', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

/** Fired when the person cancelled their appointment. */
export class ZheliCancelledEvent extends Event {
  /** The appointment as the platform answered the cancellation: `status` `cancelled`. */
  readonly detail: ZheliAppointmentDetail;
  constructor(detail: ZheliAppointmentDetail) {
    super('zheli-cancelled', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'zheli-slot-select': ZheliSlotSelectEvent;
    'zheli-booked': ZheliBookedEvent;
    'zheli-cancelled': ZheliCancelledEvent;
  }
}
