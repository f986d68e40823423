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
/** The API paths the proxy forwards unless the app names others: the versioned Open API only. */
export const defaultProxyPathPrefixes = ['/v1/'];

/**
 * The API path to forward for `rest` (the request's path after the proxy's mount point), or
 * `undefined` when it is outside `prefixes`. The path is normalised by the URL parser before it
 * is matched, and a segment that decodes to `.` or `..` or holds an encoded `/` or `\\` is
 * refused, so `/v1/..%2Foidc/me` cannot reach `/oidc/me` on a server that decodes it again.
 */
export function allowedApiPath(rest: string, prefixes: readonly string[]): string | undefined {
  if (!rest.startsWith('/') || rest.startsWith('//')) return undefined;
  const host = 'proxy.invalid';
  const url = new URL(`http://${host}${rest}`);
  if (url.host !== host) return undefined;
  for (const segment of url.pathname.split('/')) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return undefined;
    }
    if (decoded === '.' || decoded === '..' || decoded.includes('/') || decoded.includes('\\')) {
      return undefined;
    }
  }
  return prefixes.some((prefix) => url.pathname.startsWith(prefix)) ? url.pathname : undefined;
}

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
 * Returns the function that sends it with an access token (called again after a renewal), or
 * with no `Authorization` at all when it is given none.
 */
export async function forwarder(
  request: Request,
  target: string,
  options: { forwardHeaders: readonly string[]; fetch: FetchLike; timeoutMs: number },
): Promise<(accessToken?: string) => Promise<Response>> {
  const headers = new Headers();
  for (const name of options.forwardHeaders) {
    const value = request.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  const body = hasBody ? await request.arrayBuffer() : undefined;
  return (accessToken) => {
    if (accessToken !== undefined) headers.set('authorization', `Bearer ${accessToken}`);
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
