// The page of `container.sandbox.test.ts`: a county page as docs/container.md shows it, with the
// sandbox emulator's bridge.js (in the HTML) and a `<zheli-config>` that signs in by itself.
import '../../src/config/define.js';
import '../../src/login-button/define.js';
