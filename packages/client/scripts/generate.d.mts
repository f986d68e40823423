/** The contents of src/generated/operations.ts, generated from the contract. */
export function generate(): Promise<string>;
