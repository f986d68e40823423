// The drop-in build's entry (`dist/browser/zheli-elements.js`): registers every element and
// exposes `configure` and friends for pages that load it with `<script type="module">`.
// `<zheli-appointment-picker>` (the largest element) is a chunk loaded when one is on the page.
import './config/define.js';
import './service-card/define.js';
import './region-picker/define.js';
import './service-catalog/define.js';
import './login-button/define.js';
import './qr-code/define.js';
import './evaluation/define.js';
import { defineOnSight } from './internal/define-on-sight.js';

defineOnSight('zheli-appointment-picker', () => import('./appointment-picker/define.js'));

export { configure } from './internal/config.js';
export { setLocale } from './internal/localize.js';
export { setLogger } from './internal/logger.js';
