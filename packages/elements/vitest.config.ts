import { defineConfig } from 'vitest/config';
import { browserProject, nodeProject } from '../../vitest.shared.ts';

// Lit's production build in the browser tests: its dev-mode warning would print on every run.
const production = { resolve: { conditions: ['module', 'browser', 'production', 'default'] } };

export default defineConfig({
  test: {
    projects: [nodeProject(), { ...browserProject(), ...production }],
  },
});
