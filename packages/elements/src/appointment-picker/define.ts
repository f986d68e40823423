import { defineElement } from '../internal/define.js';
import { ZheliAppointmentPicker } from './appointment-picker.js';
import { setQrCodeLoader } from './qr-loader.js';

// The ticket's `<zheli-qr-code>` is registered by the picker on the way to the ticket, with
// this loader (written here, not in the picker's module: see qr-loader.ts).
setQrCodeLoader(() => import('../qr-code/define.js'));
defineElement('zheli-appointment-picker', ZheliAppointmentPicker);

export { ZheliAppointmentPicker };

declare global {
  interface HTMLElementTagNameMap {
    'zheli-appointment-picker': ZheliAppointmentPicker;
  }
}
