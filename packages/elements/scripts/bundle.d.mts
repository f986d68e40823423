import type { BuildOptions } from 'esbuild';

export { build } from 'esbuild';
export declare const packageRoot: string;
export declare function browserOptions(overrides?: BuildOptions): BuildOptions;
