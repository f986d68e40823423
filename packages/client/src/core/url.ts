/** `url` with its path ending in `/`, so that `v1/...` hangs off it. */
const asBase = (url: URL) => {
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
};

/** The address of the page (or worker) the code runs in, if there is one. */
const pageAddress = (): string | undefined =>
  globalThis.document?.baseURI ?? globalThis.location?.href;

/**
 * The base of every operation URL, from `createClient`'s `baseUrl`. An absolute URL is read at
 * once. A relative one (`'/api'`, a backend-for-frontend on the page's own origin) is resolved
 * against the page's address (`document.baseURI`, or the worker's `location`) when a request is
 * made, so a client created where there is no page (server-side rendering) does not throw; a
 * request made there rejects with a `TypeError` that says to pass an absolute URL.
 * A `baseUrl` that is no URL at all throws `URL`'s `TypeError` at once.
 */
export function baseResolver(baseUrl: string | URL): () => URL {
  const given = String(baseUrl);
  // Resolved against any base, only a `given` that is no URL at all throws (a TypeError) here.
  const absolute = asBase(new URL(given, 'http://base.invalid/'));
  if (URL.canParse(given)) return () => absolute;
  return () => {
    const page = pageAddress();
    if (page === undefined) {
      throw new TypeError(
        `createClient: baseUrl '${given}' is relative and there is no page to resolve it against: pass an absolute URL, e.g. new URL('${given}', origin).`,
      );
    }
    return asBase(new URL(given, page));
  };
}

/**
 * The URL of an operation: `template`'s `{name}`s filled from `path` (encoded), resolved against
 * `base` (whose path must end in `/`), with each defined `query` member as a parameter (arrays as
 * comma-separated lists).
 */
export function operationUrl(
  base: URL,
  template: string,
  path: Record<string, string> | undefined,
  query: Record<string, unknown> | undefined,
): URL {
  const url = new URL(
    template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(path?.[name] ?? '')),
    base,
  );
  if (query) {
    for (const name in query) {
      const value = query[name];
      if (value !== undefined && Object.hasOwn(query, name)) {
        url.searchParams.set(name, Array.isArray(value) ? value.join(',') : String(value));
      }
    }
  }
  return url;
}
