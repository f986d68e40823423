// The identity module's interface (src/identity/, written by the identity helper), as agreed in
// the sandbox's interface document. The server loads the module through `loadIdentity()`.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AccessTokenInfo } from './api/types.js';
import type { Logger } from './logger.js';
import type { Persona, RegisteredClient } from './personas.js';

export interface IdentityOptions {
  issuer: string;
  /** Where signing keys persist (`null`: in memory). */
  keysDir: string | null;
  personas: Persona[];
  clients: RegisteredClient[];
  now?: () => Date;
  logger?: Logger;
}

/** The OIDC fault switches (`sandbox.oidcFaults`). */
export interface OidcFaults {
  add(f: { kind: string; times?: number }): void;
  clear(): void;
  list(): object[];
}

export interface Identity {
  /** `/.well-known/openid-configuration`, `/oidc/*`, `/interaction/*`, `/__sandbox/oidc-faults`. */
  handles(pathname: string): boolean;
  listener(req: IncomingMessage, res: ServerResponse): void;
  verifyAccessToken(token: string): Promise<AccessTokenInfo | null>;
  mintAccessToken(input: {
    sub: string;
    scope: string[];
    clientId?: string;
    expiresIn?: number;
  }): Promise<string>;
  oidcFaults: OidcFaults;
  rotateKeys(): Promise<{ kid: string }>;
  close(): Promise<void>;
}

export type CreateIdentity = (options: IdentityOptions) => Promise<Identity>;

/**
 * The identity module's `createIdentity`, or `null` when this build has none (the API branch
 * before the identity branch is merged).
 */
export async function loadIdentity(): Promise<CreateIdentity | null> {
  try {
    // src/identity/ comes from the identity branch: absent before the merge, present after it, so
    // an `@ts-ignore` (silent when there is nothing to ignore), not an `@ts-expect-error`.
    // biome-ignore lint/suspicious/noTsIgnore: must hold both before and after the merge
    // @ts-ignore
    const module = (await import('./identity/index.js')) as { createIdentity?: CreateIdentity };
    return module.createIdentity ?? null;
  } catch (error) {
    // Only the module itself missing means "no identity"; its own failures are real errors.
    const message = String((error as Error)?.message ?? error);
    if (
      /identity[\\/]index/.test(message) &&
      /not find|not found|failed to load|does not exist/i.test(message)
    ) {
      return null;
    }
    throw error;
  }
}
