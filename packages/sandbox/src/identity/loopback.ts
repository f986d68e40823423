const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** A registered `http://<loopback>/...` URI written without a port (RFC 8252 §7.3). */
function portlessLoopback(registered: string): URL | undefined {
  const match = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(?=[/?]|$)/.exec(registered);
  if (!match) return undefined;
  return URL.parse(registered) ?? undefined;
}

/**
 * Whether `candidate` matches a registered redirect URI: exactly, or, for a loopback URI
 * registered without a port, with any port (same scheme, host, path and query; RFC 8252 §7.3).
 */
export function loopbackRedirectAllowed(candidate: string, registered: readonly string[]): boolean {
  const url = URL.parse(candidate);
  if (url?.protocol !== 'http:' || !loopbackHosts.has(url.hostname) || url.hash) {
    return false;
  }
  const withoutPort = new URL(url.href);
  withoutPort.port = '';
  return registered.some((uri) => {
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
