// Bundles for browsers with esbuild: everything included, minified, ES modules. Shared by the
// drop-in build (scripts/build-browser.mjs) and the size report (scripts/size.mjs).

import { fileURLToPath } from 'node:url';
import { build, transform } from 'esbuild';
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

/**
 * A Rollup output plugin that minifies each chunk with esbuild (Rollup prints the code it joins
 * with its own whitespace), with its source map when `sourcemap` is set, for Rollup to chain.
 */
export function minifyChunks({ sourcemap = false } = {}) {
  return {
    name: 'minify',
    async renderChunk(code) {
      const result = await transform(code, {
        minify: true,
        format: 'esm',
        target: 'es2022',
        legalComments: 'none',
        sourcemap: sourcemap ? 'external' : false,
      });
      return { code: result.code, map: sourcemap ? result.map : null };
    },
  };
}

export { build };
