import { problem } from './responses.js';

/**
 * Refuses a state-changing request (anything but GET, HEAD, OPTIONS) without the CSRF header,
 * from an origin not allowed, or that the browser marks cross-site; `undefined` lets it through.
 */
export function csrfRejection(
  request: Request,
  csrfHeader: string,
  allowedOrigins: ReadonlySet<string>,
): Response | undefined {
  if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') {
    return undefined;
  }
  const origin = request.headers.get('origin');
  const site = request.headers.get('sec-fetch-site');
  const header = request.headers.get(csrfHeader);
  if (!header || (origin !== null && !allowedOrigins.has(origin))) {
    return problem(
      403,
      'csrf_rejected',
      `State-changing requests need the ${csrfHeader} header from an allowed origin`,
    );
  }
  if (site !== null && site !== 'same-origin' && site !== 'none') {
    return problem(403, 'csrf_rejected', `Cross-site request refused (Sec-Fetch-Site: ${site})`);
  }
  return undefined;
}
