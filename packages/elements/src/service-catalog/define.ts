import '../service-card/define.js';
import { defineElement } from '../internal/define.js';
import { ZheliServiceCatalog } from './service-catalog.js';

defineElement('zheli-service-catalog', ZheliServiceCatalog);

export { ZheliServiceCatalog };

declare global {
  interface HTMLElementTagNameMap {
    'zheli-service-catalog': ZheliServiceCatalog;
  }
}
