// The consumer matrix with the Playwright test runner: every app of examples/consumers, installed
// from the packed tarballs (e2e/global-setup.ts), type-checked, built and driven through Debian's
// Chromium against the sandbox. The list reporter prints each check's time.
import { e2eConfig } from '../../scripts/playwright-config.ts';

export default e2eConfig({
  reporter: [['list']],
  timeout: 180_000,
  use: { actionTimeout: 20_000, navigationTimeout: 30_000 },
});
