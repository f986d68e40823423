// Registers every element. Import this once (`import '@zheli/elements/define.js'`); importing
// the classes from `@zheli/elements` registers nothing.
import './config/define.js';
import './service-card/define.js';
import './region-picker/define.js';
import './service-catalog/define.js';
import './login-button/define.js';
import './qr-code/define.js';
import './evaluation/define.js';
