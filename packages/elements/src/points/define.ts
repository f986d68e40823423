import { setQrCodeLoader } from '../appointment-picker/qr-loader.js';
import { defineElement } from '../internal/define.js';
import { ZheliPoints } from './points.js';

// The redemption code's `<zheli-qr-code>` loads when a reward is redeemed, with this loader
// (written in the define entry, not the element's module: see appointment-picker/qr-loader.ts).
setQrCodeLoader(() => import('../qr-code/define.js'));
defineElement('zheli-points', ZheliPoints);

export { ZheliPoints };

declare global {
  interface HTMLElementTagNameMap {
    'zheli-points': ZheliPoints;
  }
}
