import { defineMain } from '@storybook/web-components-vite/node';

export default defineMain({
  framework: '@storybook/web-components-vite',
  stories: ['../src/**/*.stories.ts'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y', '@storybook/addon-vitest'],
  // The MSW service worker (`npx msw init public`), served at /mockServiceWorker.js.
  staticDirs: ['../public'],
  core: { disableTelemetry: true },
  async viteFinal(config) {
    // One copy of Lit and of every browser dependency, pre-bundled together up front: Vite then
    // never re-optimizes (and reloads) midway through the story tests, and Lit loads once.
    config.optimizeDeps = {
      ...config.optimizeDeps,
      include: [
        ...(config.optimizeDeps?.include ?? []),
        'lit',
        'lit/decorators.js',
        'lit/directive-helpers.js',
        'lit/directives/class-map.js',
        'lit/directives/if-defined.js',
        'lit/directives/live.js',
        '@lit/context',
        '@lit/localize',
        '@lit-labs/virtualizer/virtualize.js',
        '@floating-ui/dom',
        'lean-qr/nano',
        'lean-qr/extras/svg',
        'ky',
        'jose',
        'msw',
        'msw/browser',
        'msw-storybook-addon',
        '@storybook/web-components/entry-preview-argtypes',
      ],
    };
    // Lit's production build: its dev-mode warning would print in every story test.
    config.resolve = {
      ...config.resolve,
      conditions: ['module', 'browser', 'production', 'default'],
    };
    return config;
  },
});
