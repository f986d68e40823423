import { ZheliAuthError } from './errors.js';

/** The `fetch` shape the package calls; inject one for tests or custom transports. */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** Fetches with a timeout; network failures and timeouts become `network_error`. */
export async function fetchWithTimeout(
  fetchFn: FetchLike,
  url: string,
  init: RequestInit,
  timeoutMs: number,
): Promise<Response> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    return await fetchFn(url, { ...init, signal });
  } catch (error) {
    const what = `${init.method ?? 'GET'} ${stripQuery(url)}`;
    const timedOut = signal.aborted;
    throw new ZheliAuthError(
      'network_error',
      timedOut ? `Request timed out after ${timeoutMs} ms: ${what}` : `Request failed: ${what}`,
      { cause: error },
    );
  }
}

/** Reads a JSON object body, or throws `discovery_failed`/`token_error` style errors upstream. */
export async function readJsonObject(response: Response): Promise<Record<string, unknown> | null> {
  const text = await response.text();
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

function stripQuery(url: string): string {
  const index = url.search(/[?#]/);
  return index === -1 ? url : url.slice(0, index);
}
