// The identity module's public types, re-exported for the server, the CLI and `src/index.ts`.
export type {
  Identity,
  IdentityOptions,
  MintAccessTokenInput,
  OidcFaultKind,
  OidcFaultRule,
  OidcFaults,
} from './identity/index.js';
export { createIdentity, oidcFaultKinds, oidcFaultsPath, personaHeader } from './identity/index.js';

/** Creates the identity provider: the real one, or a test double passed to `startSandbox`. */
export type CreateIdentity = typeof import('./identity/index.js').createIdentity;
