import type { BuildOptions } from 'esbuild';
import type { Plugin } from 'rollup';

export { build } from 'esbuild';
export declare const packageRoot: string;
export declare function browserOptions(overrides?: BuildOptions): BuildOptions;
export declare function minifyChunks(options?: { sourcemap?: boolean }): Plugin;
