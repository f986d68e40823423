// The Playwright test runner's settings every end-to-end suite here shares (examples/*, stories):
// Debian's Chromium (a browser download fails on these machines), one worker (the tests of a
// suite share one server, and a 2-core machine runs one Chromium well), Chinese locale and
// Shanghai time, a trace kept only when a test fails.
import { defineConfig, type PlaywrightTestConfig } from '@playwright/test';
import { chromiumArgs, findChromium } from './chromium.mjs';

/** The shared settings, with `e2e/` and its `global-setup.ts`; `overrides` win. */
export function e2eConfig(overrides: PlaywrightTestConfig = {}): PlaywrightTestConfig {
  return defineConfig(
    {
      testDir: 'e2e',
      globalSetup: './e2e/global-setup.ts',
      outputDir: 'test-results/playwright',
      workers: 1,
      fullyParallel: false,
      forbidOnly: true,
      retries: 0,
      timeout: 90_000,
      expect: { timeout: 20_000 },
      reporter: [['dot']],
      use: {
        browserName: 'chromium',
        launchOptions: { executablePath: findChromium(), args: chromiumArgs },
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
        viewport: { width: 1280, height: 900 },
        trace: 'retain-on-failure',
      },
    },
    overrides,
  );
}
