import { defineElement } from '../internal/define.js';
import { ZheliQrCode } from '../qr-code/qr-code.js';
import { ZheliAppointmentPicker } from './appointment-picker.js';

// The ticket's QR code, registered here too (directly, not through its define.js: see ../define.ts).
defineElement('zheli-qr-code', ZheliQrCode);
defineElement('zheli-appointment-picker', ZheliAppointmentPicker);

export { ZheliAppointmentPicker };

declare global {
  interface HTMLElementTagNameMap {
    'zheli-appointment-picker': ZheliAppointmentPicker;
  }
}
