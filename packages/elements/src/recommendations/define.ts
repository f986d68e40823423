import { defineElement } from '../internal/define.js';
import { ZheliRecommendations } from './recommendations.js';

defineElement('zheli-recommendations', ZheliRecommendations);

export { ZheliRecommendations };

declare global {
  interface HTMLElementTagNameMap {
    'zheli-recommendations': ZheliRecommendations;
  }
}
