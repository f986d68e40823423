/**
 * `@zheli/client`: the typed client for the platform's Open API, on ky.
 *
 * Withheld on purpose: the operation table and the request sharing behind `createClient` (use
 * `client.request(operationId, init)` for any operation), and ky's `HTTPError` (every error
 * status becomes a `ZheliApiError`).
 */

// ky's own errors, re-exported rather than rebuilt: a per-attempt or total timeout, and a request
// that got no response (DNS, refused, dropped connection, offline).
export { isNetworkError, isTimeoutError, NetworkError, TimeoutError } from 'ky';
export type { ClientOptions } from './client.js';
export { createClient } from './client.js';
export type { AccessTokenProvider } from './core/auth-replay.js';
export { newIdempotencyKey } from './core/idempotency.js';
export type { RetryPolicy } from './core/retry.js';
export { errorStatus, problemCode } from './error-readers.js';
export {
  isZheliApiError,
  isZheliResponseError,
  ZheliApiError,
  ZheliResponseError,
} from './errors.js';
export type { CoreOperationId } from './generated/operations.js';
export type {
  ApplicationsClient,
  BodyOf,
  CallOptions,
  ItemOf,
  PaginatedOperationId,
  PathOf,
  PointsClient,
  QueryOf,
  RecommendationControlsClient,
  RequestInit,
  ResultOf,
  ServiceSummary,
  WriteOptions,
  ZheliClient,
} from './types.js';
export type {
  CodeClaims,
  CodeFailureReason,
  CodeVerificationResult,
  JsonWebKeySet,
  VerifyCodeOptions,
} from './verify.js';
// Loads `./verify.js` and jose on first call; `@zheli/client/verify` exports it directly.
export { verifyCode } from './verify-on-demand.js';
