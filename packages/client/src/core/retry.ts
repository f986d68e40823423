import { isHTTPError, type RetryOptions } from 'ky';
import { retryAfterSeconds } from '../errors.js';

/** The retry policy's tunable parts; which requests are retried is fixed (see the docs). */
export type RetryPolicy = Pick<
  RetryOptions,
  'limit' | 'backoffLimit' | 'delay' | 'jitter' | 'maxRetryAfter' | 'retryOnTimeout'
>;

/** The statuses worth another attempt; `429` and `503` wait for their `Retry-After`. */
const retryStatuses = [408, 429, 500, 502, 503, 504];
const afterStatuses = [429, 503];

/**
 * Whether a failed attempt is retried, beyond ky's own rules: `true` for a write whose key is
 * still being handled (`409 idempotency_in_progress`), `false` for a `Retry-After` that does not
 * fit in the `left` milliseconds, `undefined` to leave it to the statuses.
 */
export function retryDecision(error: unknown, left: number): boolean | undefined {
  if (!isHTTPError(error)) return undefined;
  const { status, headers } = error.response;
  // A write with the same key still running: wait and ask again.
  if (status === 409) {
    return (error.data as { code?: string } | undefined)?.code === 'idempotency_in_progress'
      ? true
      : undefined;
  }
  const after = retryAfterSeconds(headers);
  return after !== undefined && after * 1000 >= left ? false : undefined;
}

/**
 * ky's retry options for one call: the `retry` option (a number is the limit) on the defaults,
 * then the safety rules
 * (reads, and writes only with their `Idempotency-Key`; only the listed statuses; a
 * `Retry-After` only within what is left of the call, as `left()` says).
 */
export function retryOptions(
  retry: number | RetryPolicy,
  method: string,
  idempotencyKey: string | undefined,
  left: () => number,
): RetryOptions {
  return {
    limit: 2,
    jitter: true,
    retryOnTimeout: true,
    ...(typeof retry === 'number' ? { limit: retry } : retry),
    ...(method !== 'GET' && !idempotencyKey && { limit: 0 }),
    methods: [method.toLowerCase() as 'get'],
    statusCodes: retryStatuses,
    afterStatusCodes: afterStatuses,
    shouldRetry: ({ error }) => retryDecision(error, left()),
  };
}
