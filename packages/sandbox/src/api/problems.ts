import type { ErrorCode, Problem } from '@zheli/contract';
import { isTransient } from '../db/database.js';
import type { FieldError } from './contract.js';

const titles: Record<ErrorCode, string> = {
  validation_failed: 'Validation failed',
  idempotency_key_required: 'Idempotency key required',
  unauthenticated: 'Authentication required',
  insufficient_scope: 'Insufficient scope',
  not_found: 'Not found',
  slot_full: 'Slot full',
  slot_unavailable: 'Slot unavailable',
  appointment_exists: 'Appointment exists',
  appointment_not_cancellable: 'Appointment not cancellable',
  already_evaluated: 'Already evaluated',
  step_not_rejected: 'Step not rejected',
  insufficient_points: 'Insufficient points',
  idempotency_conflict: 'Idempotency key reused',
  idempotency_in_progress: 'Request in progress',
  payload_too_large: 'Payload too large',
  rate_limited: 'Too many requests',
  service_unavailable: 'Service unavailable',
  internal_error: 'Internal error',
};

const statuses: Record<ErrorCode, number> = {
  validation_failed: 400,
  idempotency_key_required: 400,
  unauthenticated: 401,
  insufficient_scope: 403,
  not_found: 404,
  slot_full: 409,
  slot_unavailable: 409,
  appointment_exists: 409,
  appointment_not_cancellable: 409,
  already_evaluated: 409,
  step_not_rejected: 409,
  insufficient_points: 409,
  idempotency_conflict: 422,
  idempotency_in_progress: 409,
  payload_too_large: 413,
  rate_limited: 429,
  service_unavailable: 503,
  internal_error: 500,
};

/** The error code a bare HTTP status stands for (fault injection answers any status). */
export function codeForStatus(status: number): ErrorCode {
  const byStatus: Record<number, ErrorCode> = {
    400: 'validation_failed',
    401: 'unauthenticated',
    403: 'insufficient_scope',
    404: 'not_found',
    409: 'slot_unavailable',
    413: 'payload_too_large',
    422: 'idempotency_conflict',
    429: 'rate_limited',
    503: 'service_unavailable',
  };
  return byStatus[status] ?? (status >= 500 ? 'internal_error' : 'validation_failed');
}

/** A failure the API answers as an RFC 9457 problem. Thrown by handlers, caught by the app. */
export class ApiError extends Error {
  override name = 'ApiError' as const;
  readonly code: ErrorCode;
  readonly status: number;
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string>;
  readonly retryAfter: number | undefined;

  constructor(
    code: ErrorCode,
    detail: string,
    options: {
      status?: number;
      errors?: FieldError[];
      headers?: Record<string, string>;
      retryAfter?: number;
      cause?: unknown;
    } = {},
  ) {
    super(detail, { cause: options.cause });
    this.code = code;
    this.status = options.status ?? statuses[code];
    this.errors = options.errors;
    this.headers = options.headers ?? {};
    this.retryAfter = options.retryAfter;
  }
}

/**
 * The problem an error is answered with: an {@link ApiError} as it is; a transaction that kept
 * losing races (deadlock, serialization failure) is `503 service_unavailable` with
 * `Retry-After`, since the same request will succeed in a moment; anything else is `500`.
 */
export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (isTransient(error)) {
    return new ApiError(
      'service_unavailable',
      'The database was busy with conflicting requests; retry in a moment.',
      { retryAfter: 1, cause: error },
    );
  }
  return new ApiError('internal_error', 'The sandbox failed to handle the request', {
    cause: error,
  });
}

/** Throws `404 not_found`. */
export function notFound(detail: string): never {
  throw new ApiError('not_found', detail);
}

/** Throws `400 validation_failed` for the fields given. */
export function invalid(errors: FieldError[]): never {
  throw new ApiError(
    'validation_failed',
    errors.map((e) => `${e.field}: ${e.message}`).join('; '),
    {
      errors,
    },
  );
}

/** The problem body of an error, with the request's trace id. */
export function problemBody(error: ApiError, instance: string, traceId: string): Problem {
  return {
    type: `https://open.zjzwfw.gov.cn/problems/${error.code}`,
    title: titles[error.code],
    status: error.status,
    detail: error.message,
    instance,
    code: error.code,
    traceId,
    ...(error.errors ? { errors: error.errors } : {}),
    ...(error.retryAfter !== undefined ? { retryAfter: error.retryAfter } : {}),
  };
}

/** The response headers of an error (`Retry-After` included). */
export function problemHeaders(error: ApiError): Record<string, string> {
  return {
    'Content-Type': 'application/problem+json',
    ...(error.retryAfter !== undefined ? { 'Retry-After': String(error.retryAfter) } : {}),
    ...error.headers,
  };
}
