import { defineElement } from '../internal/define.js';
import { ZheliEvaluation } from './evaluation.js';

defineElement('zheli-evaluation', ZheliEvaluation);

export { ZheliEvaluation };

declare global {
  interface HTMLElementTagNameMap {
    'zheli-evaluation': ZheliEvaluation;
  }
}
