/**
 * `@zheli/auth`: browser mode. OIDC sign-in for partner single-page apps, on oidc-client-ts,
 * with the checks oidc-client-ts leaves out (ID token signature and claims, RFC 9207 `iss`,
 * nonce, discovery issuer) and refreshes serialised within and across tabs.
 *
 * Server mode (a backend-for-frontend handler) is `@zheli/auth/server`. Withheld on purpose:
 * the internal Provider, key cache and tab sync, which are not a stable API.
 */
export { type Auth, createAuth } from './browser/auth.js';
export type {
  AuthEventListener,
  AuthEventMap,
  AuthEventType,
} from './browser/events.js';
export type {
  AuthOptions,
  CallbackResult,
  GetAccessTokenOptions,
  SignInOptions,
  TokenProvider,
} from './browser/options.js';
export type { TicketBinding, TicketSource } from './browser/ticket.js';
export type { AuthUser, SessionStorageLike } from './browser/types.js';
export type { ProviderMetadata } from './core/discovery.js';
export {
  type AuthErrorCode,
  type AuthErrorReason,
  authErrorCodes,
  isZheliAuthError,
  ZheliAuthError,
  type ZheliAuthErrorInit,
} from './core/errors.js';
export type { FetchLike } from './core/http.js';
export type { IdTokenClaims } from './core/id-token.js';
export type { AuthLogger } from './core/logger.js';
