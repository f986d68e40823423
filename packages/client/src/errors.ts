import type { ErrorCode, OperationId, Problem, Schemas } from '@zheli/contract';

/** Where a failed call went: the operation and the request line. */
interface CallContext {
  operationId: OperationId;
  method: string;
  url: string;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const path = (url: string) => url.replace(/^\w+:\/\/[^/]+/, '');

/** Seconds from a `Retry-After` header (delay seconds or an HTTP date), if it holds one. */
export const retryAfterSeconds = (headers: Headers): number | undefined => {
  const value = headers.get('retry-after');
  if (!value) return undefined;
  const seconds = /^\d+$/.test(value) ? Number(value) : (Date.parse(value) - Date.now()) / 1000;
  return Number.isNaN(seconds) ? undefined : Math.max(0, seconds);
};

/**
 * The platform answered with an error status. Built from the RFC 9457 problem details body;
 * members the client does not know are kept in `problem`, and a body that is not a problem
 * (a proxy's HTML page) leaves `code` undefined.
 *
 * @example
 * ```ts
 * try {
 *   await client.appointments.book({ serviceId, siteId, slotId });
 * } catch (error) {
 *   if (isZheliApiError(error) && error.code === 'slot_full') showOtherSlots();
 *   else throw error;
 * }
 * ```
 */
export class ZheliApiError extends Error {
  /** Always `'ZheliApiError'`, minification-proof: what {@link isZheliApiError} checks. */
  override name = 'ZheliApiError' as const;
  /** The HTTP status. */
  status: number;
  /** The problem's stable code; unknown codes from a newer platform pass through as strings. */
  code: ErrorCode | (string & {}) | undefined;
  /** The problem's title, or the status text. */
  title: string;
  /** What went wrong this time. */
  detail: string | undefined;
  /** The platform's trace id: quote it to support. */
  traceId: string | undefined;
  /** The invalid fields, for `validation_failed`. */
  errors: Schemas['FieldError'][];
  /** Seconds to wait before trying again (`Retry-After`), for 429, 503 and `idempotency_in_progress`. */
  retryAfter: number | undefined;
  /** The problem details body as received, or `undefined` when the body was not one. */
  problem: Partial<Problem> | undefined;
  /** The operation that failed. */
  operationId: OperationId;
  /** The last request sent. */
  request: Request;
  /** The error response; its body has been read into `problem`. */
  response: Response;

  constructor(
    context: CallContext,
    request: Request,
    response: Response,
    body: unknown,
    options?: ErrorOptions,
  ) {
    const problem = isObject(body) ? (body as Partial<Problem>) : undefined;
    const code = typeof problem?.code === 'string' ? problem.code : undefined;
    super(
      `${context.operationId} failed (${response.status}${code ? ` ${code}` : ''}): ${context.method} ${path(context.url)}`,
      options,
    );
    this.status = response.status;
    this.code = code;
    this.title = problem?.title ?? response.statusText;
    this.detail = problem?.detail;
    this.traceId = problem?.traceId;
    this.errors = Array.isArray(problem?.errors) ? problem.errors : [];
    this.retryAfter = retryAfterSeconds(response.headers) ?? problem?.retryAfter;
    this.problem = problem;
    this.operationId = context.operationId;
    this.request = request;
    this.response = response;
  }
}

/**
 * A successful response whose body is not what the contract says: not JSON, not an object, or
 * without a field the contract requires. Nothing is retried: the platform (or something between
 * it and you) is broken, and guessing would hide it.
 */
export class ZheliResponseError extends Error {
  /**
   * Always `'ZheliResponseError'`, minification-proof: what {@link isZheliResponseError} checks.
   */
  override name = 'ZheliResponseError' as const;
  /** The operation whose answer was wrong. */
  operationId: OperationId;
  /** The HTTP method called (`GET`, `POST`, …). */
  method: string;
  /** The absolute URL called, with its query (path parameters filled in, the base URL resolved). */
  url: string;
  /** The required fields that were missing (empty when the body was not a JSON object). */
  missing: string[];
  /** The first 1,000 characters of the body as received. */
  body: string;

  constructor(context: CallContext, body: string, missing: string[], options?: ErrorOptions) {
    super(
      `${context.operationId} returned ${
        missing.length ? `a body without ${missing.join(', ')}` : 'a body that is not a JSON object'
      }: ${context.method} ${path(context.url)}`,
      options,
    );
    this.operationId = context.operationId;
    this.method = context.method;
    this.url = context.url;
    this.missing = missing;
    this.body = body.slice(0, 1000);
  }
}

/** Whether `error` is a `ZheliApiError`, also from another copy of this package or realm. */
export const isZheliApiError = (error: unknown): error is ZheliApiError =>
  error instanceof ZheliApiError || (error as Error | undefined)?.name === 'ZheliApiError';

/** Whether `error` is a `ZheliResponseError`, also from another copy of this package or realm. */
export const isZheliResponseError = (error: unknown): error is ZheliResponseError =>
  error instanceof ZheliResponseError ||
  (error as Error | undefined)?.name === 'ZheliResponseError';
