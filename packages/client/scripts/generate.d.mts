/** The operation tables: file name in src/generated → its contents, generated from the contract. */
export function generate(): Promise<Map<string, string>>;
