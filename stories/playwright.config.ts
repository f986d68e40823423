// End to end on the static Storybook, with the Playwright test runner: e2e/global-setup.ts builds
// it (`storybook build` to storybook-static/) and serves it on a free 127.0.0.1 port; the tests
// open the main stories the way a reviewer does, check each element really rendered (its shadow
// root has the documented parts) and save screenshots to test-results/screenshots/.
import { e2eConfig } from '../scripts/playwright-config.ts';

export default e2eConfig({ timeout: 60_000, expect: { timeout: 15_000 } });
