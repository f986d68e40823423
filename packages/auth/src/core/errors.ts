/**
 * The stable codes a {@link ZheliAuthError} carries. Branch on `code`, never on `message`.
 *
 * - `state_mismatch`: the callback's `state` is missing, unknown, tampered with or already used.
 * - `nonce_mismatch`: the ID token's `nonce` is not the one this sign-in sent.
 * - `issuer_mismatch`: the discovery document's `issuer` is not the authority, or the RFC 9207
 *   `iss` response parameter is wrong or missing.
 * - `invalid_id_token`: the ID token failed a check (see `reason`: `signature`, `alg`, `kid`,
 *   `iss`, `aud`, `azp`, `exp`, `iat`, `nbf`, `sub`, `malformed`).
 * - `login_required`: the provider needs the user to sign in interactively (silent sign-in
 *   failed, third-party cookies blocked, or the session at the provider ended).
 * - `popup_blocked` / `popup_closed`: the sign-in popup could not open or was closed by the user;
 *   fall back to `signIn({ popup: false })`.
 * - `access_denied`: the user or the provider refused the authorization request.
 * - `authorization_error`: any other OAuth error in the authorization response (`oauthError`).
 * - `token_error`: the token endpoint refused a request (`oauthError`, `status`).
 * - `session_expired`: the refresh token is no longer valid; the user must sign in again.
 * - `discovery_failed`: the provider's metadata or keys could not be loaded.
 * - `network_error`: a request to the provider failed or timed out.
 * - `timeout`: a popup or silent sign-in did not complete in time.
 * - `csrf_rejected`, `not_signed_in`: server mode only.
 * - `store_unavailable`: server mode only: the shared session store (Redis, PostgreSQL) failed or
 *   could not be reached; the request is refused (503), never served as signed in or out.
 */
export const authErrorCodes = [
  'state_mismatch',
  'nonce_mismatch',
  'issuer_mismatch',
  'invalid_id_token',
  'login_required',
  'popup_blocked',
  'popup_closed',
  'access_denied',
  'authorization_error',
  'token_error',
  'session_expired',
  'discovery_failed',
  'network_error',
  'timeout',
  'csrf_rejected',
  'not_signed_in',
  'store_unavailable',
] as const;

/** One of {@link authErrorCodes}. */
export type AuthErrorCode = (typeof authErrorCodes)[number];

/** Why an ID token was rejected (`invalid_id_token`) or which issuer check failed. */
export type AuthErrorReason =
  | 'signature'
  | 'alg'
  | 'kid'
  | 'iss'
  | 'aud'
  | 'azp'
  | 'exp'
  | 'iat'
  | 'nbf'
  | 'sub'
  | 'nonce'
  | 'malformed'
  | 'discovery'
  | 'iss_parameter_missing'
  | 'iss_parameter_wrong'
  | 'state_missing'
  | 'state_unknown';

/** Context a {@link ZheliAuthError} may carry. */
export interface ZheliAuthErrorInit {
  /** The finer reason behind the code, where there is one. */
  reason?: AuthErrorReason;
  /** The OAuth `error` the provider returned (`invalid_grant`, `login_required`, …). */
  oauthError?: string;
  /** The provider's `error_description`, as sent. */
  oauthErrorDescription?: string;
  /** The HTTP status of the provider's response, where there was one. */
  status?: number;
  /** The underlying error. */
  cause?: unknown;
}

/**
 * The one error `@zheli/auth` throws. `code` is stable; `message` says what failed and where.
 *
 * @example
 * ```ts
 * try { await auth.handleCallback(); }
 * catch (error) { if (isZheliAuthError(error) && error.code === 'state_mismatch') restart(); }
 * ```
 */
export class ZheliAuthError extends Error {
  /** Always `'ZheliAuthError'`, minification-proof: what {@link isZheliAuthError} checks. */
  override name = 'ZheliAuthError' as const;
  /** What failed, one of {@link authErrorCodes}: stable, the thing to branch on. */
  readonly code: AuthErrorCode;
  /**
   * Which check failed behind `code` (for `invalid_id_token` the claim, for `issuer_mismatch`
   * `discovery` or the RFC 9207 parameter, for `state_mismatch` missing or unknown); undefined
   * when the code says it all.
   */
  readonly reason: AuthErrorReason | undefined;
  /**
   * The OAuth `error` the provider sent (`invalid_grant`, `login_required`, …); undefined when
   * the failure did not come from the provider's answer.
   */
  readonly oauthError: string | undefined;
  /** The provider's `error_description` as sent, for logs; undefined when it sent none. */
  readonly oauthErrorDescription: string | undefined;
  /**
   * The HTTP status of the provider's response (token, revocation or discovery request);
   * undefined when no response was read (network failures, checks of a response's content).
   */
  readonly status: number | undefined;

  constructor(code: AuthErrorCode, message: string, init: ZheliAuthErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = code;
    this.reason = init.reason;
    this.oauthError = init.oauthError;
    this.oauthErrorDescription = init.oauthErrorDescription;
    this.status = init.status;
  }
}

/** True for a {@link ZheliAuthError}, also one from another copy of the package or realm. */
export function isZheliAuthError(error: unknown): error is ZheliAuthError {
  return (
    error instanceof ZheliAuthError ||
    (typeof error === 'object' &&
      error !== null &&
      (error as { name?: unknown }).name === 'ZheliAuthError' &&
      typeof (error as { code?: unknown }).code === 'string')
  );
}
