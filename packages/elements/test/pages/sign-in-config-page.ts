// The `<zheli-config>` page of `sign-in-state.sandbox.test.ts`: the elements alone, no app code.
// `<zheli-config>` signs in by itself and completes the callback; `@zheli/auth` is not imported
// here, so its code arrives only when someone signs in, as on a county site.
import '../../src/config/define.js';
import '../../src/login-button/define.js';
