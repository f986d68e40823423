// Where the stories' requests go, and signed codes shaped as the platform issues them.
import type { Schemas } from '@zheli/contract';

/** Where the stories' client sends requests; nothing listens there, MSW answers. */
export const apiBase = 'https://api.zheli.example.gov.cn';

/** A compact JWS-shaped token for display (not signed: the stories never verify it). */
export function displayToken(claims: Record<string, unknown>): string {
  const encode = (value: unknown) =>
    btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(value))))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
  return `${encode({ alg: 'ES256', kid: 'story' })}.${encode(claims)}.c3Rvcnk`;
}

/** A signed code as the platform issues it, valid for `minutes` from now. */
export function signedCode(
  kind: Schemas['CodeKind'],
  subject: string,
  options: {
    status?: Schemas['CodeStatus'];
    minutes?: number;
    refreshMinutes?: number | null;
  } = {},
): Schemas['SignedCode'] {
  const now = Date.now();
  const { status = 'green', minutes = 10, refreshMinutes = null } = options;
  return {
    kind,
    token: displayToken({ iss: apiBase, sub: subject, kind, iat: Math.floor(now / 1000) }),
    status,
    issuedAt: new Date(now).toISOString(),
    expiresAt: new Date(now + minutes * 60_000).toISOString(),
    refreshAfter:
      refreshMinutes === null ? null : new Date(now + refreshMinutes * 60_000).toISOString(),
  };
}
