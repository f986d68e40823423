import { defineConfig } from 'vitest/config';
import { nodeProject } from '../../vitest.shared.ts';

export default defineConfig({
  test: {
    projects: [
      nodeProject({
        // Builds the migrated and seeded database snapshot once, before the workers start.
        globalSetup: ['./test/global-setup.ts'],
        testTimeout: 30_000,
        hookTimeout: 120_000,
      }),
    ],
  },
});
