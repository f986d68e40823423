import { defineConfig } from 'vitest/config';
import { browserProject, nodeProject } from '../../vitest.shared.ts';

// Node: server rendering (no window at import) and the timeouts on fake timers with a fake
// window. Chromium: a fake ZWJSBridge installed in a real page, and the fallbacks.
export default defineConfig({ test: { projects: [nodeProject(), browserProject()] } });
