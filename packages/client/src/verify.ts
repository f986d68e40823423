import type { Schemas } from '@zheli/contract';
import { compactVerify, decodeProtectedHeader, importJWK } from 'jose';

/** The claims of a signed code, as the contract defines them. */
export type CodeClaims = Schemas['CodeClaims'];

/** Why a code failed offline verification: the contract's reasons that can be known offline, and `wrong_kind`. */
export type CodeFailureReason = Exclude<Schemas['CodeInvalidReason'], 'revoked'> | 'wrong_kind';

/** The result of `verifyCode()`: the verified claims, or why the code is not valid. */
export type CodeVerificationResult =
  | { valid: true; claims: CodeClaims }
  | { valid: false; reason: CodeFailureReason };

/** A JSON Web Key Set as `client.codes.keys()` returns it. */
export type JsonWebKeySet = Schemas['JsonWebKeySet'];

/** Options of `verifyCode()`. */
export interface VerifyCodeOptions {
  /**
   * The platform's code-signing keys: a key set you hold (fully offline), or a function that
   * fetches it (e.g. `() => client.codes.keys()`), which is cached per function, fetched again
   * after `maxKeyAge`, and once more when a code names a key it does not hold (keys rotate).
   */
  jwks: JsonWebKeySet | (() => Promise<JsonWebKeySet>);
  /** The issuer the codes must come from: the platform's issuer URL. */
  issuer: string;
  /**
   * The kinds of code accepted here (a ticket scanner accepts `appointment` only).
   * @default every kind
   */
  kind?: CodeClaims['kind'] | readonly CodeClaims['kind'][];
  /**
   * The clock: codes are checked against it, and so is the age of fetched keys.
   * @default () => new Date()
   */
  now?: () => Date;
  /**
   * Seconds of clock difference tolerated for `iat` and `exp`.
   * @default 60
   */
  clockTolerance?: number;
  /**
   * Seconds a fetched key set is used before it is fetched again (with a function `jwks`).
   * @default 3600
   */
  maxKeyAge?: number;
}

interface CachedKeys {
  keys: Promise<JsonWebKeySet>;
  at: number;
}

const typ = 'zheli-code+jwt';
/** A code naming an unknown key triggers at most one fetch per this many milliseconds. */
const unknownKeyCooldown = 30_000;
const caches = new WeakMap<() => Promise<JsonWebKeySet>, CachedKeys>();

const fetchKeys = (source: () => Promise<JsonWebKeySet>, at: number, stale?: CachedKeys) => {
  const entry: CachedKeys = { keys: source(), at };
  caches.set(source, entry);
  // A failed fetch keeps the keys held before (offline scanners), or is forgotten.
  entry.keys = entry.keys.catch((error: unknown) => {
    if (caches.get(source) === entry) {
      if (stale) caches.set(source, stale);
      else caches.delete(source);
    }
    if (stale) return stale.keys;
    throw error;
  });
  return entry;
};

const isClaims = (c: Record<string, unknown>): c is CodeClaims =>
  ['iss', 'sub', 'kind', 'status', 'jti'].every((k) => typeof c[k] === 'string') &&
  (typeof c.ref === 'string' || c.ref === null) &&
  Number.isInteger(c.iat) &&
  Number.isInteger(c.exp);

/**
 * Verifies a signed code (the compact JWS a QR code carries) without asking the platform:
 * the ES256 signature with the key its `kid` names, then the issuer, the kind, and the time.
 * Revocation can only be checked online (`client.codes.verify()`).
 *
 * @example
 * ```ts
 * import { createClient, verifyCode } from '@zheli/client';
 *
 * const client = createClient({ baseUrl });
 * const result = await verifyCode(scanned, {
 *   jwks: () => client.codes.keys(),
 *   issuer: 'http://127.0.0.1:4010',
 *   kind: 'appointment',
 * });
 * if (result.valid) admit(result.claims.ref);
 * else refuse(result.reason); // 'expired', 'bad_signature', …
 * ```
 */
export async function verifyCode(
  token: string,
  options: VerifyCodeOptions,
): Promise<CodeVerificationResult> {
  const { jwks, issuer, kind, now = () => new Date(), clockTolerance = 60 } = options;
  const fail = (reason: CodeFailureReason): CodeVerificationResult => ({ valid: false, reason });
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    return fail('malformed');
  }
  if (header.typ !== typ || typeof header.kid !== 'string') return fail('malformed');
  // `none`, HS256 and friends: not a signature the platform makes.
  if (header.alg !== 'ES256') return fail('bad_signature');

  const time = now().getTime();
  const find = (set: JsonWebKeySet) => set.keys.find((key) => key.kid === header.kid);
  let jwk: JsonWebKeySet['keys'][number] | undefined;
  if (typeof jwks === 'function') {
    let cached = caches.get(jwks);
    if (!cached || time - cached.at > (options.maxKeyAge ?? 3600) * 1000) {
      cached = fetchKeys(jwks, time, cached);
    }
    jwk = find(await cached.keys);
    if (!jwk && time - cached.at >= unknownKeyCooldown) {
      jwk = find(await fetchKeys(jwks, time, cached).keys);
    }
  } else {
    jwk = find(jwks);
  }
  if (!jwk) return fail('unknown_key');

  let payload: Uint8Array;
  try {
    const key = await importJWK(jwk, 'ES256');
    ({ payload } = await compactVerify(token, key, { algorithms: ['ES256'] }));
  } catch (error) {
    const code = (error as { code?: string }).code;
    return fail(
      code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED'
        ? 'bad_signature'
        : code === 'ERR_JWS_INVALID'
          ? 'malformed'
          : 'unknown_key',
    );
  }

  let claims: Record<string, unknown>;
  try {
    claims = JSON.parse(new TextDecoder().decode(payload));
  } catch {
    return fail('malformed');
  }
  if (typeof claims !== 'object' || claims === null || !isClaims(claims)) return fail('malformed');
  if (claims.iss !== issuer) return fail('wrong_issuer');
  if (kind !== undefined && !(typeof kind === 'string' ? [kind] : kind).includes(claims.kind)) {
    return fail('wrong_kind');
  }
  const seconds = time / 1000;
  if (claims.iat > seconds + clockTolerance) return fail('not_yet_valid');
  if (claims.exp <= seconds - clockTolerance) return fail('expired');
  return { valid: true, claims };
}
