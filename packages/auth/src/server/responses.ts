import { isZheliAuthError } from '../core/errors.js';
import type { AuthLogger } from '../core/logger.js';

/** The problem details (RFC 9457) for an error: the package's own errors by code, else a 500. */
export function errorResponse(error: unknown, logger: AuthLogger): Response {
  if (isZheliAuthError(error)) {
    if (error.code === 'store_unavailable') {
      // Operators must see it: every signed-in request fails until the store is back.
      logger.error?.({ error }, 'session store unavailable');
      return problem(503, error.code, error.message);
    }
    const status =
      error.code === 'network_error' || error.code === 'discovery_failed'
        ? 502
        : error.code === 'token_error'
          ? 502
          : 400;
    return problem(status, error.code, error.message, error.reason);
  }
  logger.error?.({ error }, 'auth handler failed');
  return problem(500, 'internal_error', 'The sign-in service failed');
}

/** An `application/problem+json` response (RFC 9457) with the package's `code`. */
export function problem(status: number, code: string, detail: string, reason?: string): Response {
  const body: Record<string, unknown> = {
    type: 'about:blank',
    title: code.replace(/_/g, ' '),
    status,
    code,
    detail,
  };
  if (reason) body.reason = reason;
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/problem+json', 'cache-control': 'no-store' },
  });
}

/** A JSON response that no cache keeps. */
export function json(body: unknown, status = 200, headers = new Headers()): Response {
  headers.set('content-type', 'application/json');
  headers.set('cache-control', 'no-store');
  return new Response(JSON.stringify(body), { status, headers });
}
