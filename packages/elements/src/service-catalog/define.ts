import { defineElement } from '../internal/define.js';
import { ZheliServiceCard } from '../service-card/service-card.js';
import { ZheliServiceCatalog } from './service-catalog.js';

// The cards it lists, registered here too (directly, not through their define.js: see ../define.ts).
defineElement('zheli-service-card', ZheliServiceCard);
defineElement('zheli-service-catalog', ZheliServiceCatalog);

export { ZheliServiceCatalog };

declare global {
  interface HTMLElementTagNameMap {
    'zheli-service-catalog': ZheliServiceCatalog;
  }
}
