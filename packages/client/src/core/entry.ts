/**
 * One operation of the generated tables: its method and path (relative to `baseUrl`), its flags
 * (1 bearer token, 2 `Idempotency-Key`), and the required top-level fields of its success body.
 */
export type OperationEntry = readonly [string, number, string];
