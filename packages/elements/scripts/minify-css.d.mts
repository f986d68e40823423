import type { Plugin } from 'esbuild';

export declare function outsideStrings(css: string, change: (part: string) => string): string;
export declare function minifyCssTemplates(source: string): Promise<string>;
export declare function minifyTemplates(): Plugin;
