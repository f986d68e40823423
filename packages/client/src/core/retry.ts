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

/** The wait for a `409 idempotency_in_progress` without a `Retry-After`, and the least one. */
const inProgressDefaultWait = 1000;
const inProgressLeastWait = 100;

/**
 * Whether a failed attempt is retried, beyond ky's own rules: `false` for a `Retry-After` that
 * does not fit in the `left` milliseconds, `undefined` to leave it to the statuses. (A write whose
 * key is still being handled is not a failure: {@link untilHandled} waits it out.)
 */
export function retryDecision(error: unknown, left: number): boolean | undefined {
  if (!isHTTPError(error)) return undefined;
  const after = retryAfterSeconds(error.response.headers);
  return after !== undefined && after * 1000 >= left ? false : undefined;
}

/**
 * Milliseconds to wait before asking again about a write whose key is still being handled
 * (`409 idempotency_in_progress`): its `Retry-After` (one second without one, at least 100 ms,
 * at most `maxRetryAfter`), or `undefined` for any other error.
 */
export function inProgressWait(error: unknown, maxRetryAfter = Infinity): number | undefined {
  if (!isHTTPError(error) || error.response.status !== 409) return undefined;
  if ((error.data as { code?: unknown } | undefined)?.code !== 'idempotency_in_progress') {
    return undefined;
  }
  const after = retryAfterSeconds(error.response.headers);
  const wait = after === undefined ? inProgressDefaultWait : after * 1000;
  return Math.min(maxRetryAfter, Math.max(inProgressLeastWait, wait));
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
const sleep = (ms: number, signal: AbortSignal | undefined) =>
  new Promise<void>((resolve, reject) => {
    signal?.throwIfAborted();
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/**
 * Runs a keyed write's `send` until the platform has an answer for its key: while it is answered
 * `409 idempotency_in_progress` (the first request with the key is still being handled), waits
 * for the `Retry-After` and sends again, with no limit but the call's time. A wait that does not
 * fit in the `left()` milliseconds rejects at once with that `409`, and an abort of `signal`
 * ends a wait with the signal's reason. Any other outcome settles as it came.
 */
export async function untilHandled<T>(
  send: () => Promise<T>,
  left: () => number,
  signal: AbortSignal | undefined,
  maxRetryAfter?: number,
): Promise<T> {
  for (;;) {
    try {
      return await send();
    } catch (error) {
      const wait = inProgressWait(error, maxRetryAfter);
      if (wait === undefined || wait >= left()) throw error;
      await sleep(wait, signal);
    }
  }
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
  const policy = typeof retry === 'number' ? { limit: retry } : retry;
  // No retries: nothing else of the policy is read, and ky normalizes what it is given per call.
  if (policy.limit === 0 || (method !== 'GET' && !idempotencyKey)) return { limit: 0 };
  return {
    limit: 2,
    jitter: true,
    retryOnTimeout: true,
    ...policy,
    methods: [method.toLowerCase() as 'get'],
    statusCodes: retryStatuses,
    afterStatusCodes: afterStatuses,
    shouldRetry: ({ error }) => retryDecision(error, left()),
  };
}
