// Bundles for browsers with esbuild: everything included, minified, ES modules. Shared by the
// drop-in build (scripts/build-browser.mjs) and the size report (scripts/size.mjs).

import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { minifyTemplates } from './minify-css.mjs';

export const packageRoot = fileURLToPath(new URL('..', import.meta.url));

/** Options every browser bundle uses. */
export function browserOptions(overrides = {}) {
  return {
    absWorkingDir: packageRoot,
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    conditions: ['production'],
    legalComments: 'none',
    logLevel: 'silent',
    plugins: [minifyTemplates()],
    ...overrides,
  };
}

export { build };
