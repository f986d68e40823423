import { decodeProtectedHeader, type JWTPayload, jwtVerify } from 'jose';
// The error classes by name from `jose/errors`, not the package's `errors` namespace: a namespace
// object makes esbuild put its helper in a chunk of its own, which every chunk of an app that
// splits code (the elements' pages) then imports.
import {
  JOSEAlgNotAllowed,
  JOSEError,
  JWKSNoMatchingKey,
  JWSSignatureVerificationFailed,
  JWTClaimValidationFailed,
  JWTExpired,
} from 'jose/errors';
import { type AuthErrorReason, ZheliAuthError } from './errors.js';
import type { IssuerKeys } from './keys.js';

/** The claims of a validated ID token. */
export interface IdTokenClaims extends JWTPayload {
  /** The issuer that signed the token: equal to the provider's discovered `issuer`. */
  iss: string;
  /**
   * The person's subject identifier at the platform: stable for the person and this client,
   * opaque (do not parse it). A refreshed ID token must carry the same one.
   */
  sub: string;
  /** The audience: this app's `client_id`, alone or in a list. */
  aud: string | string[];
  /** When the token expires, in seconds since the epoch (checked with `clockSkewSeconds`). */
  exp: number;
  /**
   * When the token was issued, in seconds since the epoch; never in the future (beyond the skew).
   */
  iat: number;
  /**
   * The `nonce` the sign-in request sent, echoed back; checked on sign-in (`nonce_mismatch`).
   * Undefined when the provider sent none, as in ID tokens from a refresh (not checked for it).
   */
  nonce?: string;
  /**
   * The authorized party: when present it must equal this app's `client_id`. Undefined when the
   * provider leaves it out.
   */
  azp?: string;
  /**
   * When the person last signed in at the provider, in seconds since the epoch; undefined when
   * the provider does not say. A refresh keeps the time of the original sign-in.
   */
  auth_time?: number;
  /** Any other claim the provider adds (`name`, `locale`, the platform's own claims), as sent. */
  [claim: string]: unknown;
}

/** What an ID token is checked against. */
export interface IdTokenExpectations {
  /** The issuer, exactly (from validated discovery). */
  issuer: string;
  /** This client's `client_id`: must be in `aud`; `azp` must equal it when present. */
  clientId: string;
  /** Allowed signing algorithms (never `none`). */
  algorithms: string[];
  /** Seconds of clock skew tolerated on `exp`, `iat` and `nbf`. */
  clockSkewSeconds: number;
  /** The `nonce` the authorization request sent; omit for refreshes. */
  nonce?: string;
  /** The `sub` of the session being refreshed: a refreshed ID token must name the same user. */
  sub?: string;
  /** The clock. */
  now?: () => Date;
}

/**
 * Validates an ID token as OIDC Core §3.1.3.7 says, with jose against the issuer's JWKS:
 * signature and algorithm, `iss`, `aud` and `azp`, `exp`, `iat` (required, not in the future),
 * `nbf`, `nonce`, and the same `sub` after a refresh.
 *
 * @throws {ZheliAuthError} `invalid_id_token` (with a `reason`) or `nonce_mismatch`.
 */
export async function validateIdToken(
  token: string,
  keys: IssuerKeys,
  expect: IdTokenExpectations,
): Promise<IdTokenClaims> {
  let alg: unknown;
  try {
    alg = decodeProtectedHeader(token).alg;
  } catch (error) {
    throw invalid('malformed', 'The ID token is not a JWS', error);
  }
  if (typeof alg !== 'string' || alg === 'none' || !expect.algorithms.includes(alg)) {
    throw invalid('alg', `The ID token's algorithm "${String(alg)}" is not allowed`);
  }
  const currentDate = (expect.now ?? (() => new Date()))();
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, keys.forToken(), {
      issuer: expect.issuer,
      audience: expect.clientId,
      algorithms: expect.algorithms,
      clockTolerance: expect.clockSkewSeconds,
      currentDate,
      requiredClaims: ['iss', 'sub', 'aud', 'exp', 'iat'],
    }));
  } catch (error) {
    if (error instanceof ZheliAuthError) throw error;
    throw fromJose(error);
  }
  const claims = payload as IdTokenClaims;
  const now = Math.floor(currentDate.getTime() / 1000);
  if (typeof claims.iat !== 'number' || claims.iat > now + expect.clockSkewSeconds) {
    throw invalid('iat', 'The ID token was issued in the future ("iat")');
  }
  if (typeof claims.sub !== 'string' || claims.sub === '') {
    throw invalid('sub', 'The ID token has no subject ("sub")');
  }
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (audiences.length > 1 && claims.azp === undefined) {
    throw invalid('azp', 'The ID token has several audiences but no "azp"');
  }
  if (claims.azp !== undefined && claims.azp !== expect.clientId) {
    throw invalid('azp', `The ID token's "azp" is not this client ("${String(claims.azp)}")`);
  }
  if (expect.nonce !== undefined && claims.nonce !== expect.nonce) {
    throw new ZheliAuthError(
      'nonce_mismatch',
      "The ID token's nonce does not match the one this sign-in sent",
      { reason: 'nonce' },
    );
  }
  if (expect.sub !== undefined && claims.sub !== expect.sub) {
    throw invalid('sub', 'The refreshed ID token names another user ("sub" changed)');
  }
  return claims;
}

function invalid(reason: AuthErrorReason, message: string, cause?: unknown): ZheliAuthError {
  return new ZheliAuthError('invalid_id_token', message, { reason, cause });
}

function fromJose(error: unknown): ZheliAuthError {
  if (error instanceof JWTExpired) {
    return invalid('exp', 'The ID token has expired ("exp")', error);
  }
  if (error instanceof JWTClaimValidationFailed) {
    const claim = error.claim;
    const reason: AuthErrorReason =
      claim === 'iss' || claim === 'aud' || claim === 'iat' || claim === 'nbf' || claim === 'sub'
        ? claim
        : claim === 'exp'
          ? 'exp'
          : 'malformed';
    const what = error.reason === 'missing' ? `lacks "${claim}"` : `has a wrong "${claim}"`;
    return invalid(reason, `The ID token ${what}`, error);
  }
  if (error instanceof JWKSNoMatchingKey) {
    return invalid('kid', "No key in the issuer's JWKS matches the ID token's kid", error);
  }
  if (error instanceof JWSSignatureVerificationFailed) {
    return invalid('signature', "The ID token's signature does not verify", error);
  }
  if (error instanceof JOSEAlgNotAllowed) {
    return invalid('alg', "The ID token's algorithm is not allowed", error);
  }
  if (error instanceof JOSEError) {
    return invalid('malformed', `The ID token is malformed (${error.code})`, error);
  }
  return invalid('malformed', 'The ID token could not be validated', error);
}
