import { defineConfig } from 'vitest/config';
import { nodeProject } from '../../vitest.shared.ts';

export default defineConfig({
  test: {
    projects: [
      nodeProject({
        // Builds the migrated and seeded database snapshot once, before the workers start.
        globalSetup: ['./test/global-setup.ts'],
        // Nets against a hang, not limits on speed (no test asserts a duration): a test that
        // starts sandboxes and PostgreSQL servers on a machine loaded ten times over its cores
        // took over 30 s, so the net is 2 minutes.
        testTimeout: 120_000,
        hookTimeout: 120_000,
      }),
    ],
  },
});
