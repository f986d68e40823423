// End to end with the Playwright test runner: the real sandbox and the partner app's backend
// (serving its production build), both on free ports (e2e/global-setup.ts), driven through
// Debian's Chromium.
import { e2eConfig } from '../../scripts/playwright-config.ts';

export default e2eConfig();
