import { defineElement } from '../internal/define.js';
import { ZheliServiceCard } from './service-card.js';

defineElement('zheli-service-card', ZheliServiceCard);

export { ZheliServiceCard };

declare global {
  interface HTMLElementTagNameMap {
    'zheli-service-card': ZheliServiceCard;
  }
}
