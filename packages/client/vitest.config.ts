import { defineConfig } from 'vitest/config';
import { nodeProject } from '../../vitest.shared.ts';

export default defineConfig({
  test: {
    projects: [nodeProject({ typecheck: { enabled: true, include: ['src/**/*.test-d.ts'] } })],
  },
});
