// End to end on the static Storybook, with the Playwright test runner: e2e/global-setup.ts builds
// it (`storybook build` to storybook-static/) and serves it on a free 127.0.0.1 port; the tests
// open the main stories the way a reviewer does, check each element really rendered (its shadow
// root has the documented parts) and save screenshots to test-results/screenshots/.
import { defineConfig } from '@playwright/test';
import { chromiumArgs, findChromium } from '../scripts/chromium.mjs';

export default defineConfig({
  testDir: 'e2e',
  globalSetup: './e2e/global-setup.ts',
  outputDir: 'test-results/playwright',
  // One worker: this 2-core machine runs one Chromium well.
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['dot']],
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: findChromium(), args: chromiumArgs },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1280, height: 900 },
    trace: 'retain-on-failure',
  },
});
