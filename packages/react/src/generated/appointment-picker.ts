// Generated from @zheli/elements' custom-elements.json by scripts/generate.mjs. Do not edit.

import { createComponent, type EventName } from '@lit/react';
import { ZheliAppointmentPicker as ZheliAppointmentPickerElement } from '@zheli/elements/appointment-picker/define.js';
import type { ZheliBookedEvent, ZheliCancelledEvent, ZheliErrorEvent, ZheliSlotSelectEvent } from '@zheli/elements';
import React, { type ComponentProps } from 'react';
import { defineElement } from '../define.js';

defineElement('zheli-appointment-picker', ZheliAppointmentPickerElement);

/**
 * `<zheli-appointment-picker>` as a React component. Books a service at a site: site → month calendar → time slot → confirm → ticket, keyboard-complete (WAI-ARIA APG date-picker grid), in Asia/Shanghai time whatever the browser's zone, idempotent, and form-associated.
 *
 * Props are the element's properties (set as properties, objects included); callbacks:
 * - `onZheliSlotSelect` (`zheli-slot-select`, `ZheliSlotSelectEvent`): The person chose a time slot. `detail: { slot, site, date }`.
 * - `onZheliBooked` (`zheli-booked`, `ZheliBookedEvent`): An appointment was booked or moved. `detail: { appointment }`.
 * - `onZheliCancelled` (`zheli-cancelled`, `ZheliCancelledEvent`): The person cancelled the appointment. `detail: { appointment }`.
 * - `onZheliError` (`zheli-error`, `ZheliErrorEvent`): Loading, booking or cancelling failed. `detail: { error }`.
 */
export const ZheliAppointmentPicker = createComponent({
  react: React,
  tagName: 'zheli-appointment-picker',
  elementClass: ZheliAppointmentPickerElement,
  events: {
    onZheliSlotSelect: 'zheli-slot-select' as EventName<ZheliSlotSelectEvent>,
    onZheliBooked: 'zheli-booked' as EventName<ZheliBookedEvent>,
    onZheliCancelled: 'zheli-cancelled' as EventName<ZheliCancelledEvent>,
    onZheliError: 'zheli-error' as EventName<ZheliErrorEvent>,
  },
  displayName: 'ZheliAppointmentPicker',
});

/** The props of {@link ZheliAppointmentPicker}. */
export type ZheliAppointmentPickerProps = ComponentProps<typeof ZheliAppointmentPicker>;
