import '../qr-code/define.js';
import { defineElement } from '../internal/define.js';
import { ZheliAppointmentPicker } from './appointment-picker.js';

defineElement('zheli-appointment-picker', ZheliAppointmentPicker);

export { ZheliAppointmentPicker };

declare global {
  interface HTMLElementTagNameMap {
    'zheli-appointment-picker': ZheliAppointmentPicker;
  }
}
