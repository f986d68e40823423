import { defineConfig } from 'vitest/config';
import { browserProject, nodeProject } from '../../vitest.shared.ts';

export default defineConfig({
  test: {
    projects: [
      // Unit tests (MSW, fake keys) and the type tests (`*.test-d.ts`).
      nodeProject({
        exclude: [
          '**/*.sandbox.test.ts',
          '**/*.browser.test.ts',
          '**/node_modules/**',
          '**/dist/**',
        ],
        typecheck: { enabled: true, include: ['src/**/*.test-d.ts'] },
      }),
      // The same code in real Chromium.
      browserProject(),
      // Against the real sandbox on an ephemeral port, one per test.
      nodeProject({
        name: 'sandbox',
        include: ['src/**/*.sandbox.test.ts'],
        testTimeout: 30_000,
        hookTimeout: 60_000,
      }),
    ],
  },
});
