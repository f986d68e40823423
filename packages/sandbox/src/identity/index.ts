import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { createLocalJWKSet, type JWTVerifyGetKey, jwtVerify } from 'jose';
import type { AccessTokenInfo } from '../api/types.js';
import { controlProblem, refuseControlWrite, sandboxControlHeader } from '../controls.js';
import { type Logger, silentLogger } from '../logger.js';
import type { Persona, RegisteredClient } from '../personas.js';
import { openProviderStore } from './adapter.js';
import { apiScopes, personaClaims, scopeClaims, supportedScopes } from './claims.js';
import { containerEndpoint, containerPath } from './container.js';
import { createOidcFaultRegistry, OidcFaultError, type OidcFaultRule } from './faults.js';
import { fromLoopback, readBody, sendJson, sendProblem } from './http.js';
import { createInteractionHandler } from './interaction.js';
import { openKeyRing } from './keys.js';
import { originAllowed } from './loopback.js';
import { accessTokenTtl, buildProvider, type ProviderHandle } from './provider.js';
import { createTicketBook, ticketControl, ticketsPath } from './tickets.js';

export type { OidcFaultKind, OidcFaultRule } from './faults.js';
export { oidcFaultKinds } from './faults.js';
export { personaHeader } from './interaction.js';

/** Options of the sandbox's OIDC provider: its issuer, where its keys persist, who signs in. */
export interface IdentityOptions {
  /** The issuer: an origin without a path, e.g. `http://127.0.0.1:4010`. */
  issuer: string;
  /**
   * Where signing keys, cookie secrets and the provider's sessions, grants and tokens persist
   * (created on first start, readable by the owner only); `null` keeps everything in memory.
   */
  keysDir: string | null;
  /** Who can sign in: the sign-in page lists them, and their claims are what tokens release. */
  personas: Persona[];
  /** The clients the provider knows (at least one); the first is `mintAccessToken`'s default. */
  clients: RegisteredClient[];
  /**
   * The sandbox's clock: tickets expire and the time-shifting faults shift on it. Access tokens
   * are not checked on it: oidc-provider stamps them with the process clock (`Date.now`), and
   * `verifyAccessToken` checks them on that same clock, so a sandbox set to another day still
   * accepts the tokens it has just issued.
   * @default () => new Date()
   */
  now?: () => Date;
  /**
   * Where the provider reports faults switched on and applied, key rotations and requests that
   * failed inside it.
   * @default silent
   */
  logger?: Logger;
}

/** The in-process OIDC fault switch (same as `/__sandbox/oidc-faults`). */
export interface OidcFaults {
  /**
   * Switches on the fault `kind` (one of {@link oidcFaultKinds}) for the next `times` sign-in
   * flows it applies to (default 1). Throws for an unknown kind or a `times` that is not a
   * positive integer.
   */
  add(f: { kind: string; times?: number }): void;
  /** Switches every OIDC fault off. */
  clear(): void;
  /**
   * The faults switched on, each as `{ kind, times }` with the flows it still hits, in order added.
   */
  list(): object[];
}

/** What `mintAccessToken` issues a token for: the persona, the scopes, the client, the lifetime. */
export interface MintAccessTokenInput {
  /** The persona the token is for: its `sub` (`p-anji-driver`); throws when no persona has it. */
  sub: string;
  /** API scopes (`profile`, `phone`, `identity`, `appointments`, `codes`, `evaluations`, `applications`). */
  scope: string[];
  /** @default the first registered client */
  clientId?: string;
  /** Seconds. @default 900 */
  expiresIn?: number;
}

/**
 * The sandbox's OIDC provider (oidc-provider), its control endpoints and the container
 * emulator.
 */
export interface Identity {
  /** true for `/.well-known/openid-configuration`, `/oidc/*`, `/interaction/*`, `/__sandbox/oidc-faults`, `/__sandbox/tickets`, `/__sandbox/container*` */
  handles(pathname: string): boolean;
  /** Node http request listener for those paths. */
  listener(req: IncomingMessage, res: ServerResponse): void;
  /**
   * Verifies a bearer access token issued by this provider: signature, issuer, audience, and
   * expiry on the provider's clock (the one that stamped it), not the sandbox's `now`.
   */
  verifyAccessToken(token: string): Promise<AccessTokenInfo | null>;
  /** Issues a real access token for a persona without a browser round trip (tests and tools). */
  mintAccessToken(input: MintAccessTokenInput): Promise<string>;
  /**
   * Makes the next sign-ins fail in a chosen way (a defective ID token or authorization response).
   */
  oidcFaults: OidcFaults;
  /** Adds a new current signing key; previous keys stay published so their tokens verify. */
  rotateKeys(): Promise<{ kid: string }>;
  /**
   * Waits until the provider's sessions, grants and tokens are written to `keysDir` (nothing to
   * wait for with `keysDir: null`). It closes no server: the HTTP server that mounts
   * `listener` is its owner's to close.
   */
  close(): Promise<void>;
}

/** The userinfo endpoint's path (oidc-provider's `routes.userinfo`). */
const userinfoPath = '/oidc/me';

/** The path of the sandbox's OIDC fault controls. */
export const oidcFaultsPath = '/__sandbox/oidc-faults';

/**
 * Starts the sandbox's OpenID Provider (oidc-provider 9) with the test personas and the
 * registered clients. Access tokens are JWTs (RFC 9068) for the Open API resource
 * (`<issuer>/v1`), signed ES256 by the provider's own keys.
 */
export async function createIdentity(options: IdentityOptions): Promise<Identity> {
  const issuerUrl = new URL(options.issuer);
  if (issuerUrl.origin !== options.issuer.replace(/\/$/, '')) {
    throw new Error(`Identity issuer must be an origin without a path, got ${options.issuer}`);
  }
  const issuer = issuerUrl.origin;
  const apiResource = `${issuer}/v1`;
  const logger = options.logger ?? silentLogger;
  const now = options.now ?? (() => new Date());
  const personas = new Map(options.personas.map((persona) => [persona.sub, persona]));
  const clients = new Map(options.clients.map((client) => [client.client_id, client]));
  if (clients.size === 0) throw new Error('Identity needs at least one registered client');

  const ring = await openKeyRing(options.keysDir);
  const store = await openProviderStore(
    options.keysDir === null ? null : join(options.keysDir, 'store'),
  );
  const faults = createOidcFaultRegistry();

  const providerOptions = {
    issuer,
    apiResource,
    personas,
    clients: options.clients,
    ring,
    store,
    faults,
    codeFaults: new Map(),
    grantFaults: new Map(),
    logger,
    now,
    tickets: createTicketBook(now),
  };
  let handle: ProviderHandle = buildProvider(providerOptions);
  let jwks: JWTVerifyGetKey = createLocalJWKSet(ring.publicJwks());

  const interactions = createInteractionHandler({
    provider: () => handle.provider,
    issuer,
    apiResource,
    personas,
    clients,
    formSecret: ring.formSecret(),
  });

  async function faultsEndpoint(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!fromLoopback(req)) {
      sendProblem(res, 403, 'Sandbox controls are open only on loopback');
      return;
    }
    const marker = req.headers[sandboxControlHeader.toLowerCase()];
    const refusal = refuseControlWrite(
      req.method ?? 'GET',
      req.headers['content-type'],
      Array.isArray(marker) ? marker.join(',') : marker,
    );
    if (refusal) {
      sendJson(
        res,
        refusal.status,
        controlProblem(refusal, oidcFaultsPath),
        'application/problem+json',
      );
      return;
    }
    switch (req.method) {
      case 'GET':
        sendJson(res, 200, faults.list());
        return;
      case 'DELETE':
        faults.clear();
        res.writeHead(204).end();
        return;
      case 'POST': {
        let body: unknown;
        try {
          body = JSON.parse(await readBody(req));
        } catch {
          sendProblem(res, 400, 'Body must be JSON: {"kind": "...", "times"?: 1}');
          return;
        }
        try {
          faults.add((body ?? {}) as { kind: string; times?: number });
        } catch (error) {
          if (!(error instanceof OidcFaultError)) throw error;
          sendProblem(res, 400, 'Invalid OIDC fault', error.message);
          return;
        }
        logger.info({ fault: body }, 'OIDC fault added');
        sendJson(res, 201, faults.list());
        return;
      }
      default:
        res.writeHead(405, { allow: 'GET, POST, DELETE' }).end();
    }
  }

  /**
   * Userinfo for the sandbox's own access tokens. oidc-provider's userinfo accepts only opaque
   * tokens without an audience, but every token here is a JWT for the Open API (the default
   * resource), so a standard relying party (openid-client's `fetchUserInfo`) got 401
   * invalid_token. A token `verifyAccessToken` accepts is answered here with the persona's
   * (masked) claims for the token's scopes; anything else goes on to oidc-provider, which
   * answers preflights and refuses the token as before. Returns whether it answered.
   */
  async function userinfo(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    if (req.method !== 'GET' && req.method !== 'POST') return false;
    const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i.exec(
      req.headers.authorization?.trim() ?? '',
    );
    const info = match?.[1] ? await identity.verifyAccessToken(match[1]) : null;
    const persona = info ? personas.get(info.sub) : undefined;
    if (!info || !persona) return false;
    const released = personaClaims(persona);
    const claims: Record<string, unknown> = { sub: info.sub };
    for (const scope of info.scope) {
      const names: readonly string[] = scopeClaims[scope as keyof typeof scopeClaims] ?? [];
      for (const name of names) if (released[name] !== undefined) claims[name] = released[name];
    }
    const origin = req.headers.origin;
    const client = clients.get(info.clientId);
    if (origin && client) {
      const registered = [...client.redirect_uris, ...(client.post_logout_redirect_uris ?? [])];
      if (originAllowed(origin, registered)) {
        res.setHeader('access-control-allow-origin', origin);
        res.setHeader('vary', 'Origin');
      }
    }
    sendJson(res, 200, claims);
    return true;
  }

  function fail(res: ServerResponse, error: unknown) {
    logger.error({ err: error }, 'Identity request failed');
    if (!res.headersSent) sendProblem(res, 500, 'Internal error in the sandbox identity provider');
    else res.destroy();
  }

  const identity: Identity = {
    handles(pathname) {
      return (
        pathname === '/.well-known/openid-configuration' ||
        pathname.startsWith('/oidc/') ||
        pathname.startsWith('/interaction/') ||
        pathname === oidcFaultsPath ||
        pathname === ticketsPath ||
        pathname === containerPath ||
        pathname.startsWith(`${containerPath}/`)
      );
    },

    listener(req, res) {
      const pathname = new URL(req.url ?? '/', issuer).pathname;
      if (pathname === oidcFaultsPath) {
        faultsEndpoint(req, res).catch((error: unknown) => fail(res, error));
      } else if (pathname === containerPath || pathname.startsWith(`${containerPath}/`)) {
        containerEndpoint(req, res, { issuer, personas, clients });
      } else if (pathname === ticketsPath) {
        const tickets = { book: providerOptions.tickets, personas, clients };
        ticketControl(req, res, tickets).catch((error: unknown) => fail(res, error));
      } else if (pathname.startsWith('/interaction/')) {
        interactions(req, res).catch((error: unknown) => fail(res, error));
      } else if (pathname === userinfoPath) {
        userinfo(req, res).then(
          (answered) => {
            if (!answered) handle.callback(req, res);
          },
          (error: unknown) => fail(res, error),
        );
      } else {
        handle.callback(req, res);
      }
    },

    async verifyAccessToken(token) {
      try {
        const { payload } = await jwtVerify(token, jwks, {
          issuer,
          audience: apiResource,
          typ: 'at+jwt',
          algorithms: ['ES256', 'RS256'],
          // The clock the token was stamped on (oidc-provider's `Date.now`), not the sandbox's
          // `now`: a token's lifetime is the provider's, while the API's business (slots,
          // progress, rate limits) runs on the sandbox's clock, whatever day that is set to.
          currentDate: new Date(),
          requiredClaims: ['exp', 'iat', 'sub', 'client_id'],
        });
        const { sub, client_id: clientId, scope, exp } = payload;
        if (typeof sub !== 'string' || !personas.has(sub)) return null;
        if (typeof clientId !== 'string' || !clients.has(clientId)) return null;
        if (typeof exp !== 'number') return null;
        return {
          sub,
          scope: typeof scope === 'string' && scope ? scope.split(' ') : [],
          clientId,
          exp,
        };
      } catch {
        return null;
      }
    },

    async mintAccessToken({ sub, scope, clientId, expiresIn = accessTokenTtl }) {
      if (!personas.has(sub)) throw new Error(`mintAccessToken: no persona "${sub}"`);
      const client = clientId ? clients.get(clientId) : options.clients[0];
      if (!client) throw new Error(`mintAccessToken: no registered client "${clientId}"`);
      const allowed = new Set(client.scope.split(' '));
      for (const s of scope) {
        if (!(supportedScopes as readonly string[]).includes(s)) {
          throw new Error(`mintAccessToken: unknown scope "${s}"`);
        }
        if (!allowed.has(s)) {
          throw new Error(`mintAccessToken: client ${client.client_id} may not ask for "${s}"`);
        }
      }
      if (!Number.isInteger(expiresIn) || expiresIn <= 0) {
        throw new Error(`mintAccessToken: expiresIn must be a positive integer, got ${expiresIn}`);
      }
      // Only API scopes reach an access token for the Open API, as in a real flow.
      const granted = scope.filter((s) => (apiScopes as readonly string[]).includes(s));
      return handle.mintAccessToken(sub, client.client_id, granted, expiresIn);
    },

    oidcFaults: {
      add: (fault) => faults.add(fault),
      clear: () => faults.clear(),
      list: (): OidcFaultRule[] => faults.list(),
    },

    async rotateKeys() {
      const rotated = await ring.rotate();
      handle = buildProvider(providerOptions);
      jwks = createLocalJWKSet(ring.publicJwks());
      logger.info({ kid: rotated.kid }, 'Signing keys rotated');
      return rotated;
    },

    async close() {
      await store.flush();
    },
  };
  return identity;
}
