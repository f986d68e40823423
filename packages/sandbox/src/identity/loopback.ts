const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** A registered `http://<loopback>/...` URI written without a port (RFC 8252 §7.3). */
function portlessLoopback(registered: string): URL | undefined {
  const match = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(?=[/?]|$)/.exec(registered);
  if (!match) return undefined;
  return URL.parse(registered) ?? undefined;
}

/**
 * Whether a registered URI is a development wildcard: `http://127.0.0.1/*`, `http://localhost/*`
 * or `http://[::1]/*`, written exactly so (no port, nothing after the `*`). It admits any page of
 * that loopback host, like MockPass's development clients; nothing but loopback hosts can be
 * written this way.
 */
function loopbackWildcard(registered: string): URL | undefined {
  if (!/^http:\/\/(127\.0\.0\.1|localhost|\[::1\])\/\*$/.test(registered)) return undefined;
  return URL.parse(registered) ?? undefined;
}

/**
 * Whether `candidate` matches a registered redirect URI: exactly, or, for a loopback URI
 * registered without a port, with any port (same scheme, host, path and query; RFC 8252 §7.3),
 * or, for a loopback wildcard (`http://127.0.0.1/*`), with any port, path and query on that host.
 */
export function loopbackRedirectAllowed(candidate: string, registered: readonly string[]): boolean {
  const url = URL.parse(candidate);
  if (url?.protocol !== 'http:' || !loopbackHosts.has(url.hostname) || url.hash) {
    return false;
  }
  // A URL that only parses into a loopback one (`http://127.0.0.1@evil.example/`) is refused.
  if (url.username || url.password || candidate.includes('#')) return false;
  const withoutPort = new URL(url.href);
  withoutPort.port = '';
  return registered.some((uri) => {
    const wildcard = loopbackWildcard(uri);
    if (wildcard) return wildcard.hostname === url.hostname;
    const allowed = portlessLoopback(uri);
    return allowed !== undefined && allowed.href === withoutPort.href;
  });
}

/**
 * Whether a browser origin belongs to a client: the origin of one of its registered URIs, or any
 * port of a loopback host it registered without a port.
 */
export function originAllowed(origin: string, registered: readonly string[]): boolean {
  if (!origin || origin === 'null') return false;
  const url = URL.parse(origin);
  if (!url || url.origin !== origin) return false;
  return registered.some((uri) => {
    const allowed = URL.parse(uri);
    if (!allowed) return false;
    if (allowed.origin === origin) return true;
    return (
      portlessLoopback(uri) !== undefined &&
      url.protocol === 'http:' &&
      url.hostname === allowed.hostname
    );
  });
}
