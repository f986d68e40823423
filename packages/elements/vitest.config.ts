import { defineConfig } from 'vitest/config';
import { browserProject, nodeProject } from '../../vitest.shared.ts';

// Lit's production build in the browser tests (its dev-mode warning would print on every run),
// and every browser dependency pre-bundled up front so Vite never reloads a test midway.
const browser = {
  resolve: { conditions: ['module', 'browser', 'production', 'default'] },
  optimizeDeps: {
    include: [
      'lit',
      'lit/decorators.js',
      'lit/directives/class-map.js',
      'lit/directives/if-defined.js',
      'lit/directives/live.js',
      '@lit/context',
      '@lit/localize',
      '@lit-labs/virtualizer/virtualize.js',
      '@floating-ui/dom',
      'axe-core',
      'jsqr',
      'lean-qr/nano',
      'lean-qr/extras/svg',
      '@zheli/client',
    ],
  },
};

export default defineConfig({
  test: {
    projects: [
      nodeProject({
        exclude: [
          '**/*.browser.test.ts',
          '**/*.sandbox.test.ts',
          '**/node_modules/**',
          '**/dist/**',
        ],
        sequence: { groupOrder: 0 },
      }),
      {
        ...browserProject({ setupFiles: ['test/setup.browser.ts'], sequence: { groupOrder: 0 } }),
        ...browser,
      },
      // Against the real sandbox (PGlite, ~20 s to start): after the others, so its start-up does
      // not slow the timing-sensitive browser tests on a 2-core machine.
      nodeProject({
        name: 'sandbox',
        include: ['src/**/*.sandbox.test.ts', 'test/**/*.sandbox.test.ts'],
        sequence: { groupOrder: 1 },
        hookTimeout: 120_000,
      }),
    ],
  },
});
