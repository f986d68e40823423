import { defineElement } from '../internal/define.js';
import { ZheliConfig } from './config.js';

defineElement('zheli-config', ZheliConfig);

export { ZheliConfig };

declare global {
  interface HTMLElementTagNameMap {
    'zheli-config': ZheliConfig;
  }
}
