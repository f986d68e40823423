import type { Plugin } from 'esbuild';

export declare function minifyCssTemplates(source: string): Promise<string>;
export declare function minifyTemplates(): Plugin;
