import { defineElement } from '../internal/define.js';
import { ZheliRegionPicker } from './region-picker.js';

defineElement('zheli-region-picker', ZheliRegionPicker);

export { ZheliRegionPicker };

declare global {
  interface HTMLElementTagNameMap {
    'zheli-region-picker': ZheliRegionPicker;
  }
}
