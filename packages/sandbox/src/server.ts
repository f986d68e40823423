// The sandbox: one Node HTTP server on loopback that routes the OIDC issuer's paths to the
// identity module and everything else to the Open API (Hono), over one database.
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { getRequestListener } from '@hono/node-server';
import { type Api, createApi, type ResponseMismatch } from './api/app.js';
import { getContract } from './api/contract.js';
import { type ApiFaults, FaultRegistry } from './api/faults.js';
import type { RateLimitOptions } from './api/rate-limit.js';
import { CodeKeys } from './codes/keys.js';
import { openDatabase } from './db/open.js';
import {
  type CreateIdentity,
  createIdentity as createRealIdentity,
  type Identity,
  type OidcFaults,
} from './identity-types.js';
import { type Logger, silentLogger } from './logger.js';
import { loadClients, loadPersonas } from './personas.js';

/** How to start a sandbox. */
export interface SandboxOptions {
  /**
   * The port; `0` picks a free one (tests).
   * @default 4010
   */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /**
   * The OIDC issuer and the `iss` of signed codes.
   * @default `http://${host}:${port}`
   */
  issuer?: string;
  /**
   * Where PGlite's data and the signing keys persist.
   * @default '.zheli-sandbox'
   */
  dataDir?: string;
  /** No data dir: PGlite in memory (from a cached snapshot), keys in memory. */
  memory?: boolean;
  /** A real PostgreSQL instead of PGlite (`DATABASE_URL` too). */
  databaseUrl?: string;
  /** Grow the catalog to this many services (default: one per template and region, 14,683). */
  seedServices?: number;
  /** Replace the test personas (a JSON array like `data/personas.json`). */
  personasFile?: string;
  /** Replace the registered OIDC clients (a JSON array like `data/clients.json`). */
  clientsFile?: string;
  /** The sandbox clock (tests). */
  now?: () => Date;
  /** @default silent */
  logger?: Logger;
  /**
   * The rate limit's budgets per person (`sub` and client), per client, and per address for
   * calls without a token, in sliding windows on {@link SandboxOptions.now}; `false` turns the
   * limit off. Not in the agreed interface: an addition.
   * @default { person: 120/min, client: 1200/min, anonymous: 600/min per address }
   */
  rateLimit?: RateLimitOptions | false;
  /** Reports responses that do not match the contract (tests). An addition to the interface. */
  onResponseMismatch?: (mismatch: ResponseMismatch) => void;
}

/** A running sandbox. */
export interface Sandbox {
  /** The origin, e.g. `http://127.0.0.1:39123`. */
  url: string;
  issuer: string;
  /** Closes the server and the database. */
  stop(): Promise<void>;
  /** Mints an access token for a persona without a browser round trip (tests and tools). */
  mintAccessToken(input: {
    sub: string;
    scope: string[];
    clientId?: string;
    expiresIn?: number;
  }): Promise<string>;
  /** The API's fault switches, as `/__sandbox/faults`. */
  faults: ApiFaults;
  /** The OIDC fault switches, as `/__sandbox/oidc-faults`. */
  oidcFaults: OidcFaults;
  /** Makes a new code signing key; the old public key stays in the JWKS. An addition. */
  rotateCodeKeys(): Promise<{ kid: string }>;
  /**
   * Makes a new generation of ID token signing keys; the provider signs with it from now on and
   * the old public keys stay in the JWKS (relying-party key-rotation tests). An addition.
   */
  rotateSigningKeys(): Promise<{ kid: string }>;
}

/** The files of a data dir. */
export function dataDirLayout(dataDir: string) {
  const root = resolve(dataDir);
  return {
    root,
    pgdata: join(root, 'pgdata'),
    codeKeys: join(root, 'keys', 'code-keys.json'),
    identityKeys: join(root, 'identity'),
    lock: join(root, 'sandbox.pid'),
  };
}

/** Whether a process with this id is alive. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid of a sandbox holding the data dir, if one is running. */
export async function dataDirOwner(dataDir: string): Promise<number | null> {
  try {
    const pid = Number((await readFile(dataDirLayout(dataDir).lock, 'utf8')).trim());
    return Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid) ? pid : null;
  } catch {
    return null;
  }
}

/** Data dirs held by sandboxes of this process. */
const heldHere = new Set<string>();

/**
 * Claims a data dir: two PGlite instances on one folder would corrupt it. A pid file keeps other
 * processes out, a set this process's other sandboxes.
 */
async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const { root, lock } = dataDirLayout(dataDir);
  if (heldHere.has(root))
    throw new Error(`The data dir ${root} is in use by another sandbox of this process`);
  heldHere.add(root);
  try {
    await mkdir(root, { recursive: true });
    const owner = await dataDirOwner(dataDir);
    if (owner) throw new Error(`The data dir ${root} is in use by another sandbox (pid ${owner})`);
    await rm(lock, { force: true });
    const file = await open(lock, 'wx');
    await file.writeFile(String(process.pid));
    await file.close();
  } catch (error) {
    heldHere.delete(root);
    throw error;
  }
  return async () => {
    await rm(lock, { force: true });
    heldHere.delete(root);
  };
}

/**
 * Routes a request: the identity module's paths to it, everything else to the API. Exported for
 * tests that serve the API alone over HTTP.
 */
export function createRequestListener(
  api: Api,
  identity: Pick<Identity, 'handles' | 'listener'> | null,
): (req: IncomingMessage, res: ServerResponse) => void {
  const apiListener = getRequestListener(api.app.fetch);
  return (req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://sandbox').pathname;
    if (identity?.handles(pathname)) identity.listener(req, res);
    else void apiListener(req, res);
  };
}

/**
 * Starts a sandbox: database, keys, identity provider, API, HTTP server. `seams` lets tests put
 * another identity provider in (not part of the public interface).
 */
export async function startSandbox(
  options: SandboxOptions = {},
  seams: { createIdentity?: CreateIdentity } = {},
): Promise<Sandbox> {
  const logger = options.logger ?? silentLogger;
  const createIdentity = seams.createIdentity ?? createRealIdentity;
  const host = options.host ?? '127.0.0.1';
  const memory = options.memory === true;
  const databaseUrl = options.databaseUrl ?? process.env.DATABASE_URL;
  const layout = dataDirLayout(options.dataDir ?? '.zheli-sandbox');
  const now = options.now ?? (() => new Date());
  const [personas, clients] = await Promise.all([
    loadPersonas(options.personasFile),
    loadClients(options.clientsFile),
  ]);

  const cleanups: (() => Promise<void>)[] = [];
  const cleanup = async () => {
    for (const fn of cleanups.splice(0).reverse()) await fn().catch(() => {});
  };
  try {
    if (!memory) cleanups.push(await lockDataDir(layout.root));
    const opened = await openDatabase({
      ...(memory ? { memory: true } : { pgDataDir: layout.pgdata }),
      ...(databaseUrl ? { databaseUrl } : {}),
      ...(options.seedServices !== undefined ? { seedServices: options.seedServices } : {}),
      personas,
      logger,
      now,
    });
    const db = opened.db;
    cleanups.push(() => db.close());
    logger.info(
      { phase: 'database', source: opened.source, ms: opened.ms },
      `Database ready in ${opened.ms} ms (${opened.source})`,
    );
    const codeKeys = await CodeKeys.open(memory ? null : layout.codeKeys, now);

    let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => {
      res.writeHead(503).end();
    };
    const server = createServer((req, res) => handler(req, res));
    server.keepAliveTimeout = 5_000;
    await new Promise<void>((done, fail) => {
      server.once('error', fail);
      server.listen(options.port ?? 4010, host, () => {
        server.off('error', fail);
        done();
      });
    });
    cleanups.push(
      () =>
        new Promise<void>((done) => {
          server.close(() => done());
          server.closeAllConnections();
        }),
    );
    const { port } = server.address() as AddressInfo;
    const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    const issuer = (options.issuer ?? origin).replace(/\/$/, '');

    const identity = await createIdentity({
      issuer,
      keysDir: memory ? null : layout.identityKeys,
      personas,
      clients,
      now,
      logger,
    });
    cleanups.push(() => identity.close());
    const faults = new FaultRegistry(getContract().operations.map((o) => o.operationId));
    const api = createApi({
      db,
      verifyAccessToken: (token) => identity.verifyAccessToken(token),
      issuer,
      codeKeys,
      personas,
      now,
      logger,
      faults,
      ...(options.rateLimit !== undefined ? { rateLimit: options.rateLimit } : {}),
      ...(options.onResponseMismatch ? { onResponseMismatch: options.onResponseMismatch } : {}),
    });
    handler = createRequestListener(api, identity);

    let stopping: Promise<void> | undefined;
    return {
      url: origin,
      issuer,
      stop: () => {
        stopping ??= cleanup();
        return stopping;
      },
      mintAccessToken: (input) => identity.mintAccessToken(input),
      faults,
      oidcFaults: identity.oidcFaults,
      rotateCodeKeys: () => codeKeys.rotate(),
      rotateSigningKeys: () => identity.rotateKeys(),
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}
