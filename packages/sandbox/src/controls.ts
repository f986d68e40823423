// The guard on the sandbox's control endpoints (`/__sandbox/faults`, `/__sandbox/oidc-faults`).
// Loopback is not a boundary against the browser: any page open on the machine can send a
// no-cors POST or submit a form to 127.0.0.1. A write must therefore carry JSON and a custom
// header, which only a same-origin script or a preflighted request can send; the control
// endpoints answer no CORS preflight, so another origin never gets past the preflight.

/** The header every write to a sandbox control must carry, with the value `1`. */
export const sandboxControlHeader = 'X-Zheli-Sandbox';

/** Why a write to a control was refused: the status and the problem's title and detail. */
export interface ControlRefusal {
  status: 403 | 415;
  title: string;
  detail: string;
}

const writes = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Checks a request to a control endpoint; `null` lets it through. Reads need nothing; writes
 * need `Content-Type: application/json` (415 otherwise) and `X-Zheli-Sandbox: 1` (403).
 */
export function refuseControlWrite(
  method: string,
  contentType: string | undefined,
  marker: string | undefined,
): ControlRefusal | null {
  if (!writes.has(method.toUpperCase())) return null;
  if (!/^application\/json\s*(?:;|$)/i.test(contentType?.trim() ?? '')) {
    return {
      status: 415,
      title: 'Unsupported media type',
      detail: `A write to a sandbox control must be sent as Content-Type: application/json, with ${sandboxControlHeader}: 1`,
    };
  }
  if (marker?.trim() !== '1') {
    return {
      status: 403,
      title: 'Sandbox control header missing',
      detail: `A write to a sandbox control must carry the header ${sandboxControlHeader}: 1 (it keeps other web pages on this machine from switching faults)`,
    };
  }
  return null;
}

/** The RFC 9457 body of a refusal. */
export function controlProblem(refusal: ControlRefusal, instance: string) {
  return {
    type: 'about:blank',
    title: refusal.title,
    status: refusal.status,
    detail: refusal.detail,
    instance,
  };
}
