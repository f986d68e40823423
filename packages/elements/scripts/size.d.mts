export declare const entries: Record<string, string>;
export declare const flows: Record<string, RegExp[]>;
export declare const withoutLit: Record<string, string>;
export declare const bundlers: ('esbuild' | 'rollup' | 'vite')[];
export declare const dropIn: string;
export declare const dropInWithCard: string;
export interface SizeRow {
  name: string;
  bytes: number;
  /** The eager files, each gzipped on its own, summed. */
  gzip: number;
  files: number;
  lazy: { path: string; gzip: number }[];
  /** The chunks loaded on the way through the element's flow, and the total with `gzip`. */
  flow?: { chunks: { path: string; gzip: number }[]; total: number };
}
export interface Graph {
  files: Map<string, Uint8Array>;
  entry: string;
  eager: Set<string>;
  lazy: Set<string>;
  inputsOf(paths: Iterable<string>): string[];
}
export declare function measure(bundler?: string): Promise<SizeRow[]>;
export declare function bundleGraph(
  code: string,
  options?: { bundler?: string; external?: string[] },
): Promise<Graph>;
export declare function dropInGraph(): Promise<Graph>;
/**
 * What the drop-in's loader asks for: every page (`main`), and each tag when it appears; and
 * the integrity hash it checks each file against, by path.
 */
export declare function dropInManifest(loader: string): {
  main: string[];
  elements: Record<string, string[]>;
  integrity: Record<string, string>;
};
export declare function table(): Promise<string>;
