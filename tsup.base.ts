import type { Options } from 'tsup';

/**
 * The one tsup base every package builds with: ESM only, declarations, dependencies external
 * (tsup leaves `dependencies` and `peerDependencies` out of the bundle by default).
 */
export function packageBuild(options: Options = {}): Options {
  return {
    format: ['esm'],
    target: 'es2023',
    dts: true,
    sourcemap: true,
    clean: true,
    splitting: false,
    treeshake: true,
    outDir: 'dist',
    ...options,
  };
}
