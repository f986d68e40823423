// Every story is a test: rendered in real Chromium through Storybook's Vitest plugin, its play
// function run, then axe (`a11y.test: 'error'` in preview.ts fails the story on a violation).
import { fileURLToPath } from 'node:url';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { chromiumArgs, findChromium } from '../scripts/chromium.mjs';

// Lit's production build, as in the elements' own tests (its dev-mode warning would print in every
// run): Storybook's plugin keeps Vite's default `development|production` condition, which follows
// NODE_ENV.
process.env.NODE_ENV = 'production';

export default defineConfig({
  plugins: [storybookTest({ configDir: fileURLToPath(new URL('.storybook', import.meta.url)) })],
  test: {
    name: 'storybook',
    // The browser reports "ResizeObserver loop completed with undelivered notifications" when the
    // catalog's virtualizer re-lays out as a story switches to the phone viewport: a notice that
    // layout settled a frame later (per the ResizeObserver spec), not a failure, so not printed.
    onConsoleLog: (log) => !log.includes('ResizeObserver loop completed'),
    browser: {
      enabled: true,
      headless: true,
      screenshotFailures: false,
      provider: playwright({
        launchOptions: { executablePath: findChromium(), args: chromiumArgs },
      }),
      instances: [{ browser: 'chromium' }],
    },
  },
});
