/**
 * `@zheli/sandbox`: a stateful local copy of the platform: the OIDC issuer, the full Open API over
 * realistic Zhejiang data, on PGlite (a data dir, or memory) or PostgreSQL.
 *
 * Withheld on purpose: the database layer, the seed and the handlers are internals; run the
 * sandbox through `startSandbox()` or the `zheli-sandbox` CLI. `createApi()` is exported for
 * embedding the API in another server with your own token verifier.
 */
export type { Api, ApiEnv, ApiOptions, ResponseMismatch } from './api/app.js';
export { createApi } from './api/app.js';
export type { ActiveFault, ApiFaults, FaultKind, FaultRule } from './api/faults.js';
export type { RateLimitOptions } from './api/rate-limit.js';
export type { AccessTokenInfo, VerifyAccessToken } from './api/types.js';
export { CodeKeys } from './codes/keys.js';
export { sandboxControlHeader } from './controls.js';
export type { Database } from './db/database.js';
export { openPglite, openPostgres } from './db/database.js';
export type { OpenDatabaseOptions, OpenedDatabase } from './db/open.js';
export { openDatabase } from './db/open.js';
export type {
  Identity,
  IdentityOptions,
  MintAccessTokenInput,
  OidcFaultKind,
  OidcFaultRule,
  OidcFaults,
} from './identity-types.js';
export { oidcFaultKinds, oidcFaultsPath, personaHeader } from './identity-types.js';
export type { Logger } from './logger.js';
export type { Persona, PersonaFacts, RegisteredClient } from './personas.js';
export { loadClients, loadPersonas } from './personas.js';
export type { Sandbox, SandboxOptions } from './server.js';
export { startSandbox } from './server.js';
