import { randomBytes } from 'node:crypto';
import type { Schemas } from '@zheli/contract';
import { CompactSign, compactVerify, decodeProtectedHeader } from 'jose';
import { shanghaiDateTime } from '../time.js';
import type { CodeKeys } from './keys.js';

/** The JWS `typ` of every code. */
const codeType = 'zheli-code+jwt';

type CodeClaims = Schemas['CodeClaims'];
type CodeKind = Schemas['CodeKind'];
type CodeInvalidReason = Schemas['CodeInvalidReason'];

/** What a code says, before it is signed. */
export interface CodeInput {
  kind: CodeKind;
  sub: string;
  ref: string | null;
  issuedAt: Date;
  expiresAt: Date;
  /** When to fetch a fresh one (personal codes), else `null`. */
  refreshAfter: Date | null;
  /** Redemption codes: what the points shop hands over, and the points it cost. */
  redemption?: { reward: string; quantity: number; points: number };
}

/** Signs a code as a compact JWS (ES256, `typ: zheli-code+jwt`) and describes it as `SignedCode`. */
export async function signCode(
  keys: CodeKeys,
  issuer: string,
  input: CodeInput,
): Promise<Schemas['SignedCode']> {
  const claims: CodeClaims = {
    iss: issuer,
    sub: input.sub,
    kind: input.kind,
    ref: input.ref,
    status: 'green',
    iat: Math.floor(input.issuedAt.getTime() / 1000),
    exp: Math.floor(input.expiresAt.getTime() / 1000),
    jti: `cd-${randomBytes(8).toString('hex')}`,
    ...input.redemption,
  };
  const { kid, privateKey } = keys.current;
  const token = await new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
    .setProtectedHeader({ alg: 'ES256', kid, typ: codeType })
    .sign(privateKey);
  return {
    kind: input.kind,
    token,
    status: 'green',
    issuedAt: shanghaiDateTime(input.issuedAt),
    expiresAt: shanghaiDateTime(input.expiresAt),
    refreshAfter: input.refreshAfter ? shanghaiDateTime(input.refreshAfter) : null,
  };
}

/** Allowed clock difference for `iat` in the future. */
const skewSeconds = 60;

/**
 * Verifies a code: signature with a published key, `typ`, issuer, times, then `isRevoked` (an
 * online check, e.g. a cancelled appointment). Never throws for a bad code.
 */
export async function verifyCodeToken(
  keys: CodeKeys,
  token: string,
  options: { issuer: string; now: Date; isRevoked?: (claims: CodeClaims) => Promise<boolean> },
): Promise<Schemas['CodeVerification']> {
  const fail = (reason: CodeInvalidReason): Schemas['CodeVerification'] => ({
    valid: false,
    reason,
    claims: null,
  });
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    return fail('malformed');
  }
  if (token.split('.').length !== 3 || header.alg !== 'ES256' || header.typ !== codeType) {
    return fail('malformed');
  }
  const key = typeof header.kid === 'string' ? keys.publicKey(header.kid) : undefined;
  if (!key) return fail('unknown_key');
  let payload: Uint8Array;
  try {
    ({ payload } = await compactVerify(token, key, { algorithms: ['ES256'] }));
  } catch (error) {
    const code = (error as { code?: string }).code;
    return fail(code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' ? 'bad_signature' : 'malformed');
  }
  let claims: CodeClaims;
  try {
    claims = JSON.parse(new TextDecoder().decode(payload)) as CodeClaims;
  } catch {
    return fail('malformed');
  }
  if (!isClaims(claims)) return fail('malformed');
  if (claims.iss !== options.issuer) return fail('wrong_issuer');
  const now = Math.floor(options.now.getTime() / 1000);
  if (claims.iat > now + skewSeconds) return fail('not_yet_valid');
  if (claims.exp <= now) return fail('expired');
  if (options.isRevoked && (await options.isRevoked(claims))) return fail('revoked');
  return { valid: true, reason: null, claims };
}

function isClaims(value: unknown): value is CodeClaims {
  const c = value as Partial<CodeClaims> | null;
  return (
    typeof c === 'object' &&
    c !== null &&
    typeof c.iss === 'string' &&
    typeof c.sub === 'string' &&
    (c.kind === 'appointment' ||
      c.kind === 'venue' ||
      c.kind === 'personal' ||
      c.kind === 'redemption') &&
    (typeof c.ref === 'string' || c.ref === null) &&
    (c.status === 'green' || c.status === 'yellow' || c.status === 'red') &&
    Number.isInteger(c.iat) &&
    Number.isInteger(c.exp) &&
    typeof c.jti === 'string'
  );
}
