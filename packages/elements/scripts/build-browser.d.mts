/** What the drop-in's loader lists: file names, and which a page needs, by index. */
export interface DropInManifest {
  files: string[];
  main: number[];
  elements: Record<string, number[]>;
}

/**
 * Builds the drop-in into `outdir`: `zheli-elements.js` and `chunks/` (Rollup merges esbuild's
 * chunks smaller than `minChunkSize` bytes, 1,000 by default).
 */
export function buildDropIn(
  outdir: string,
  options?: { sourcemap?: boolean; minChunkSize?: number },
): Promise<DropInManifest>;
