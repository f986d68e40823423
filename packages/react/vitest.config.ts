import { defineConfig } from 'vitest/config';
import { browserProject, nodeProject } from '../../vitest.shared.ts';

// Lit's production build in the browser (its dev-mode notice would print on every run), and the
// browser dependencies pre-bundled up front so Vite never reloads a test midway.
const browser = {
  resolve: { conditions: ['module', 'browser', 'production', 'default'] },
  optimizeDeps: {
    include: [
      'react',
      'react-dom/client',
      '@lit/react',
      'lit',
      'lit/decorators.js',
      'lit/directives/class-map.js',
      'lit/directives/if-defined.js',
      'lit/directives/live.js',
      '@lit/context',
      '@lit/localize',
      '@lit-labs/virtualizer/virtualize.js',
      '@floating-ui/dom',
      'lean-qr/nano',
      'lean-qr/extras/svg',
      '@zheli/client',
    ],
  },
};

export default defineConfig({
  test: {
    projects: [nodeProject(), { ...browserProject(), ...browser }],
  },
});
