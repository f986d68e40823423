import { randomBytes } from 'node:crypto';
import {
  base64url,
  CompactSign,
  decodeJwt,
  decodeProtectedHeader,
  generateKeyPair,
  importJWK,
  type JWK,
} from 'jose';

/** Defects of the ID token returned by the token endpoint. */
export const idTokenFaultKinds = [
  'id_token_wrong_iss',
  'id_token_wrong_aud',
  'id_token_missing_aud',
  'id_token_missing_iat',
  'id_token_expired',
  'id_token_not_yet_valid',
  'id_token_alg_none',
  'id_token_bad_signature',
  'id_token_unknown_kid',
  'id_token_wrong_nonce',
  'id_token_other_sub',
] as const;

/** Defects of the authorization response (the redirect back to the client). */
const authorizationFaultKinds = ['iss_param_wrong', 'iss_param_missing', 'access_denied'] as const;

/**
 * Every OIDC fault the sandbox can switch on: defects of the ID token and of the authorization
 * response.
 */
export const oidcFaultKinds = [...idTokenFaultKinds, ...authorizationFaultKinds] as const;
/** One OIDC fault's name (`id_token_wrong_nonce`, `iss_param_missing`, …). */
export type OidcFaultKind = (typeof oidcFaultKinds)[number];
export type IdTokenFaultKind = (typeof idTokenFaultKinds)[number];
export type AuthorizationFaultKind = (typeof authorizationFaultKinds)[number];

export function isOidcFaultKind(value: unknown): value is OidcFaultKind {
  return typeof value === 'string' && (oidcFaultKinds as readonly string[]).includes(value);
}
export function isIdTokenFaultKind(value: unknown): value is IdTokenFaultKind {
  return typeof value === 'string' && (idTokenFaultKinds as readonly string[]).includes(value);
}
export function isAuthorizationFaultKind(value: unknown): value is AuthorizationFaultKind {
  return (
    typeof value === 'string' && (authorizationFaultKinds as readonly string[]).includes(value)
  );
}

/** The issuer the `*_wrong_iss` / `iss_param_wrong` faults put in place of the real one. */
export const wrongIssuer = 'https://wrong-issuer.invalid';
/** The nonce `id_token_wrong_nonce` puts in place of the one the client sent. */
export const wrongNonce = 'sandbox-wrong-nonce';
/** The audience `id_token_wrong_aud` puts in place of the client's id. */
export const wrongAudience = 'another-client';

/** A switched-on OIDC fault and how many more flows it hits. */
export interface OidcFaultRule {
  /** Which fault. */
  kind: OidcFaultKind;
  /** How many more flows it hits. */
  times: number;
}

/** The switched-on OIDC faults: a list of rules, each consumed by the flows it hits. */
export interface OidcFaultRegistry {
  add(fault: { kind: string; times?: number }): void;
  clear(): void;
  list(): OidcFaultRule[];
  /** Consumes one hit of the first rule whose kind passes `accept`, and returns its kind. */
  take<K extends OidcFaultKind>(accept: (kind: OidcFaultKind) => kind is K): K | undefined;
}

/** Thrown for a fault rule that names no known kind or a bad `times`. */
export class OidcFaultError extends Error {
  override name = 'OidcFaultError' as const;
}

export function createOidcFaultRegistry(): OidcFaultRegistry {
  let rules: OidcFaultRule[] = [];
  return {
    add(fault) {
      if (!isOidcFaultKind(fault.kind)) {
        throw new OidcFaultError(
          `Unknown OIDC fault kind "${String(fault.kind)}"; expected one of ${oidcFaultKinds.join(', ')}`,
        );
      }
      const times = fault.times ?? 1;
      if (!Number.isInteger(times) || times < 1) {
        throw new OidcFaultError(`OIDC fault "times" must be a positive integer, got ${times}`);
      }
      rules.push({ kind: fault.kind, times });
    },
    clear() {
      rules = [];
    },
    list() {
      return rules.map((rule) => ({ ...rule }));
    },
    take<K extends OidcFaultKind>(accept: (kind: OidcFaultKind) => kind is K): K | undefined {
      const rule = rules.find((candidate) => accept(candidate.kind));
      if (!rule) return undefined;
      rule.times -= 1;
      if (rule.times <= 0) rules = rules.filter((candidate) => candidate !== rule);
      return rule.kind as K;
    },
  };
}

export interface TamperContext {
  /** Private JWKs the provider signs with; the ID token's `kid` picks the one to re-sign with. */
  keys: JWK[];
  /** Another persona's subject, for `id_token_other_sub`. */
  otherSub: string;
  /** Seconds since the epoch on the sandbox clock. */
  now: number;
}

/**
 * Returns the ID token with exactly the defect `kind` names, re-signed with the key that signed
 * it (same `alg` and `kid`) so that nothing else about it is wrong:
 * - `id_token_wrong_iss`: `iss` is {@link wrongIssuer};
 * - `id_token_wrong_aud`: `aud` is {@link wrongAudience} (and `azp`, if any, is left alone);
 * - `id_token_missing_aud` / `id_token_missing_iat`: the claim is removed;
 * - `id_token_expired`: `exp` an hour ago (`iat` moved back by the token's lifetime so it stays
 *   before `exp`);
 * - `id_token_not_yet_valid`: `iat` and `nbf` an hour ahead, `exp` the lifetime after that;
 * - `id_token_alg_none`: header `{"alg":"none"}` (no `kid`) and an empty signature;
 * - `id_token_bad_signature`: the signature's bytes altered (still valid base64url of the right
 *   length);
 * - `id_token_unknown_kid`: signed by a fresh key of the same algorithm whose `kid` is not in
 *   the JWKS;
 * - `id_token_wrong_nonce`: `nonce` is {@link wrongNonce};
 * - `id_token_other_sub`: `sub` is another persona's.
 */
export async function tamperIdToken(
  kind: IdTokenFaultKind,
  idToken: string,
  context: TamperContext,
): Promise<string> {
  const header = decodeProtectedHeader(idToken);
  const payload: Record<string, unknown> = { ...decodeJwt(idToken) };
  const alg = header.alg as string;
  const jwk = context.keys.find((key) => key.kid === header.kid);
  if (!jwk) throw new Error(`No signing key with kid ${header.kid} to re-sign the ID token`);
  const { exp, iat } = payload;
  const lifetime = typeof exp === 'number' && typeof iat === 'number' ? exp - iat : 3600;

  switch (kind) {
    case 'id_token_wrong_iss':
      payload.iss = wrongIssuer;
      break;
    case 'id_token_wrong_aud':
      payload.aud = wrongAudience;
      break;
    case 'id_token_missing_aud':
      delete payload.aud;
      break;
    case 'id_token_missing_iat':
      delete payload.iat;
      break;
    case 'id_token_expired':
      payload.exp = context.now - 3600;
      payload.iat = context.now - 3600 - lifetime;
      break;
    case 'id_token_not_yet_valid':
      payload.iat = context.now + 3600;
      payload.nbf = context.now + 3600;
      payload.exp = context.now + 3600 + lifetime;
      break;
    case 'id_token_wrong_nonce':
      payload.nonce = wrongNonce;
      break;
    case 'id_token_other_sub':
      payload.sub = context.otherSub;
      break;
    case 'id_token_alg_none': {
      const encode = (value: object) => base64url.encode(JSON.stringify(value));
      return `${encode({ alg: 'none' })}.${encode(payload)}.`;
    }
    case 'id_token_bad_signature': {
      const [head, body, signature = ''] = idToken.split('.');
      const bytes = base64url.decode(signature);
      for (let i = 0; i < bytes.length; i += 1) bytes[i] = (bytes[i] as number) ^ 0x5a;
      return `${head}.${body}.${base64url.encode(bytes)}`;
    }
    case 'id_token_unknown_kid': {
      const { privateKey } = await generateKeyPair(alg);
      const kid = `unknown-${randomBytes(8).toString('hex')}`;
      return sign(payload, { ...header, kid }, privateKey);
    }
  }
  return sign(payload, header, await importJWK(jwk, alg));
}

async function sign(
  payload: Record<string, unknown>,
  header: ReturnType<typeof decodeProtectedHeader>,
  key: Parameters<CompactSign['sign']>[0],
): Promise<string> {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ ...header, alg: header.alg as string })
    .sign(key);
}
