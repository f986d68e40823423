// Shared Vitest project presets: `*.test.ts` runs in Node, `*.browser.test.ts` in real Chromium.
import { playwright } from '@vitest/browser-playwright';
import type { TestProjectInlineConfiguration } from 'vitest/config';
import { chromiumArgs, findChromium } from './scripts/chromium.mjs';

export function nodeProject(
  overrides: TestProjectInlineConfiguration['test'] = {},
): TestProjectInlineConfiguration {
  return {
    test: {
      name: 'node',
      environment: 'node',
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      exclude: ['**/*.browser.test.ts', '**/node_modules/**', '**/dist/**'],
      ...overrides,
    },
  };
}

export function browserProject(
  overrides: TestProjectInlineConfiguration['test'] = {},
): TestProjectInlineConfiguration {
  return {
    test: {
      name: 'browser',
      include: ['src/**/*.browser.test.ts', 'test/**/*.browser.test.ts'],
      browser: {
        enabled: true,
        headless: true,
        screenshotFailures: false,
        provider: playwright({
          launchOptions: { executablePath: findChromium(), args: chromiumArgs },
        }),
        instances: [{ browser: 'chromium' }],
      },
      ...overrides,
    },
  };
}
