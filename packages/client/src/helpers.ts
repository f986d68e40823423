/**
 * `@zheli/client/helpers`: the client's small pieces that need neither ky nor the client, for
 * code that reads its errors or makes keys without loading it (the elements import the client
 * lazily). The root `@zheli/client` exports the same functions.
 */

export { newIdempotencyKey } from './core/idempotency.js';
export { errorStatus, problemCode } from './error-readers.js';
