/**
 * `@zheli/auth/server`: the backend-for-frontend. A Web-standard fetch handler (Request in,
 * Response out) for login, callback, logout, session and an API proxy; tokens stay on the
 * server. Works on Node 22+, Hono, Next.js route handlers, and Express through an adapter.
 */

export type { ProviderMetadata } from './core/discovery.js';
export {
  type AuthErrorCode,
  type AuthErrorReason,
  authErrorCodes,
  isZheliAuthError,
  ZheliAuthError,
} from './core/errors.js';
export type { FetchLike } from './core/http.js';
export type { IdTokenClaims } from './core/id-token.js';
export type { AuthLogger } from './core/logger.js';
export type { ClientAuthentication } from './core/token-endpoint.js';
export {
  type AuthHandler,
  type AuthHandlerOptions,
  createAuthHandler,
} from './server/handler.js';
export {
  type LoginTransaction,
  MemorySessionStore,
  type MemorySessionStoreOptions,
  type ServerSession,
  type SessionStore,
  type StoredRecord,
  type StoreLock,
} from './server/store.js';
