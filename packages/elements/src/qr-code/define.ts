import { defineElement } from '../internal/define.js';
import { ZheliQrCode } from './qr-code.js';

defineElement('zheli-qr-code', ZheliQrCode);

export { ZheliQrCode };

declare global {
  interface HTMLElementTagNameMap {
    'zheli-qr-code': ZheliQrCode;
  }
}
