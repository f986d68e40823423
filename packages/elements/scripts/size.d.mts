export declare const entries: Record<string, string>;
export declare const flows: Record<string, string[]>;
export declare const withoutLit: Record<string, string>;
export interface SizeRow {
  name: string;
  bytes: number;
  gzip: number;
  lazy: { path: string; gzip: number }[];
  /** The chunks loaded on the way through the element's flow, and the total with `gzip`. */
  flow?: { chunks: { path: string; gzip: number }[]; total: number };
}
export declare function measure(): Promise<SizeRow[]>;
