export declare const entries: Record<string, string>;
export declare const withoutLit: Record<string, string>;
export declare function measure(): Promise<
  { name: string; bytes: number; gzip: number; lazy: { path: string; gzip: number }[] }[]
>;
