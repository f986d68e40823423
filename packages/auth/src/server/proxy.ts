import type { FetchLike } from '../core/http.js';

/** The request headers the proxy forwards unless the app names others. */
export const defaultForwardHeaders = [
  'accept',
  'accept-language',
  'content-type',
  'idempotency-key',
  'if-match',
  'if-none-match',
  'prefer',
  'x-request-id',
];
/** Response headers that describe one connection (or would set cookies on the app). */
const hopByHop = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'set-cookie',
  'content-encoding',
  'content-length',
]);

/**
 * Prepares `request` for forwarding to `target`: only the allowed headers, the body read once.
 * Returns the function that sends it with an access token (called again after a renewal).
 */
export async function forwarder(
  request: Request,
  target: string,
  options: { forwardHeaders: readonly string[]; fetch: FetchLike; timeoutMs: number },
): Promise<(accessToken: string) => Promise<Response>> {
  const headers = new Headers();
  for (const name of options.forwardHeaders) {
    const value = request.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  const body = hasBody ? await request.arrayBuffer() : undefined;
  return (accessToken) => {
    headers.set('authorization', `Bearer ${accessToken}`);
    return options.fetch(target, {
      method: request.method,
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  };
}

/** The API's response as the browser gets it, without connection-level headers or cookies. */
export function withoutHopByHop(upstream: Response): Response {
  const out = new Headers();
  upstream.headers.forEach((value, name) => {
    if (!hopByHop.has(name.toLowerCase())) out.set(name, value);
  });
  return new Response(upstream.body, { status: upstream.status, headers: out });
}
