// The drop-in build's entry (`dist/browser/zheli-elements.js`): exposes `configure` and friends
// for pages that load it with `<script type="module">`, registers `<zheli-config>` at once (the
// elements inside it ask it for their data as they connect), and every other element when its
// first tag appears on the page: each element's code is a chunk beside this file, so a page
// downloads only the elements it shows (issue 19).
import './config/define.js';
import { defineOnSight } from './internal/define-on-sight.js';

defineOnSight('zheli-service-card', () => import('./service-card/define.js'));
defineOnSight('zheli-region-picker', () => import('./region-picker/define.js'));
defineOnSight('zheli-service-catalog', () => import('./service-catalog/define.js'));
defineOnSight('zheli-login-button', () => import('./login-button/define.js'));
defineOnSight('zheli-qr-code', () => import('./qr-code/define.js'));
defineOnSight('zheli-appointment-picker', () => import('./appointment-picker/define.js'));
defineOnSight('zheli-evaluation', () => import('./evaluation/define.js'));
defineOnSight('zheli-matter', () => import('./matter/define.js'));
defineOnSight('zheli-recommendations', () => import('./recommendations/define.js'));
defineOnSight('zheli-points', () => import('./points/define.js'));

export { configure } from './internal/configure.js';
/** For the drop-in's loader, which imports this module (not one of the drop-in's exports). */
export { setBeforeLoad } from './internal/define-on-sight.js';
export { setLocale } from './internal/locale-switch.js';
export { setLogger } from './internal/logger.js';
