// The drop-in build's entry (`dist/browser/zheli-elements.js`): registers every element and
// exposes `configure` and friends for pages that load it with `<script type="module">`.
import './define.js';

export { configure } from './internal/config.js';
export { setLocale } from './internal/localize.js';
export { setLogger } from './internal/logger.js';
