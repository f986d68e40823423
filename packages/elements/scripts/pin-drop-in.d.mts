export declare const pinnedPages: string[];
export declare function integrityOf(bytes: Uint8Array): string;
export declare function scriptTag(version: string, integrity: string): string;
export declare function pin(
  text: string,
  version: string,
  integrity: string,
): { text: string; count: number };
