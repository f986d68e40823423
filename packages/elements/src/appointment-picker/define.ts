import { defineElement } from '../internal/define.js';
import { ZheliAppointmentPicker } from './appointment-picker.js';

// The ticket's `<zheli-qr-code>` is registered by the picker itself, loaded on the way to the
// ticket (see `loadQrCode` in appointment-picker.ts).
defineElement('zheli-appointment-picker', ZheliAppointmentPicker);

export { ZheliAppointmentPicker };

declare global {
  interface HTMLElementTagNameMap {
    'zheli-appointment-picker': ZheliAppointmentPicker;
  }
}
