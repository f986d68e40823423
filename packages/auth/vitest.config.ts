import { defineConfig } from 'vitest/config';
import { nodeProject } from '../../vitest.shared.ts';

// Browser flows run in Chromium driven by Playwright from Node tests (full-page redirects and
// popups need a real top-level browsing context), so only the Node project is used.
export default defineConfig({
  test: { projects: [nodeProject({ testTimeout: 30_000, hookTimeout: 60_000 })] },
});
