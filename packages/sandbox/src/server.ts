// The sandbox: one Node HTTP server on loopback that routes the OIDC issuer's paths to the
// identity module and everything else to the Open API (Hono), over one database.
// Just over 400 lines because the options and the handle (`SandboxOptions`, `Sandbox`) are most
// of it: each option is documented where it is declared, the published reference of the sandbox.
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { getRequestListener } from '@hono/node-server';
import { type Api, createApi, type ResponseMismatch } from './api/app.js';
import { type ApiOperationId, getContract } from './api/contract.js';
import { type ApiFaults, FaultRegistry } from './api/faults.js';
import { releaseOrphanedClaims } from './api/idempotency.js';
import { ApiError, problemBody, problemHeaders } from './api/problems.js';
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
import { StepRejections } from './matters/rejections.js';
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
  /**
   * The sandbox clock (tests): the booking window, progress, rate limits, tickets. Access tokens
   * are stamped and checked on the identity provider's clock (the process clock) instead.
   */
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
  /**
   * The most API requests handled at once; more wait in a queue of at most
   * {@link SandboxOptions.maxQueue}, and past that are answered `503 service_unavailable` with
   * `Retry-After: 1` at once. `Infinity` turns load shedding off. An addition to the interface.
   * @default 32
   */
  maxInFlight?: number;
  /**
   * The most API requests waiting for a turn. An addition to the interface.
   * @default 128
   */
  maxQueue?: number;
  /**
   * How long `stop()` waits for the requests in flight to finish before it cuts them (their
   * clients see the connection close; a retry with the same Idempotency-Key after a restart runs
   * the request once). An addition to the interface.
   * @default 10000
   */
  stopTimeoutMs?: number;
  /** Reports responses that do not match the contract (tests). An addition to the interface. */
  onResponseMismatch?: (mismatch: ResponseMismatch) => void;
}

/** A running sandbox. */
export interface Sandbox {
  /** The origin, e.g. `http://127.0.0.1:39123`. */
  url: string;
  /**
   * The OIDC issuer (`<url>` unless `issuer` was given, without a trailing slash): discovery is
   * at `<issuer>/.well-known/openid-configuration`, and signed codes carry it as `iss`.
   */
  issuer: string;
  /**
   * Stops: refuses new connections (and answers `503` with `Retry-After` to new requests on open
   * ones), lets the requests in flight finish for up to {@link SandboxOptions.stopTimeoutMs}, then
   * closes the connections, the identity provider and the database.
   */
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
  /**
   * Makes a step of the next one-matter application of a bundle reject for missing materials, as
   * `/__sandbox/step-rejections`: `sandbox.stepRejections.add({ bundleId, position })`.
   */
  stepRejections: Pick<StepRejections, 'add' | 'list' | 'clear'>;
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
 * Routes a request: the identity module's paths to it, everything else to the API. Resolves when
 * the request is handled (the API's handler done, the identity provider's response closed).
 * Exported for tests that serve the API alone over HTTP.
 */
export function createRequestListener(
  api: Api,
  identity: Pick<Identity, 'handles' | 'listener'> | null,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const apiListener = getRequestListener(api.app.fetch);
  return async (req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://sandbox').pathname;
    if (identity?.handles(pathname)) {
      const closed = new Promise<void>((done) => res.once('close', () => done()));
      identity.listener(req, res);
      await closed;
    } else {
      await apiListener(req, res);
    }
  };
}

/** Answers a request that arrives while the sandbox stops: 503 with Retry-After, connection closed. */
function refuseWhileStopping(req: IncomingMessage, res: ServerResponse): void {
  const error = new ApiError('service_unavailable', 'The sandbox is stopping; retry in a moment.', {
    retryAfter: 1,
  });
  const path = new URL(req.url ?? '/', 'http://sandbox').pathname;
  const body = problemBody(error, path, randomBytes(16).toString('hex'));
  res.writeHead(503, { ...problemHeaders(error), Connection: 'close' }).end(JSON.stringify(body));
}

/**
 * The requests an HTTP server is handling, so that a stop can let them finish: while stopping,
 * each response closes its connection, and new requests on open connections are refused.
 */
class InFlight {
  readonly #responses = new Set<ServerResponse>();
  #stopping = false;
  #idle: (() => void) | null = null;

  /** Handles a request through `handle`, counted until it is done. */
  run(
    req: IncomingMessage,
    res: ServerResponse,
    handle: (req: IncomingMessage, res: ServerResponse) => Promise<void> | void,
  ): void {
    if (this.#stopping) {
      refuseWhileStopping(req, res);
      return;
    }
    this.#responses.add(res);
    const done = () => {
      this.#responses.delete(res);
      if (this.#responses.size === 0) this.#idle?.();
    };
    Promise.resolve()
      .then(() => handle(req, res))
      .then(done, done);
  }

  /** Stops taking requests; resolves when those in flight are done. */
  drain(): Promise<void> {
    this.#stopping = true;
    for (const res of this.#responses) {
      if (!res.headersSent) res.setHeader('Connection', 'close');
    }
    if (this.#responses.size === 0) return Promise.resolve();
    return new Promise((done) => {
      this.#idle = done;
    });
  }
}

/**
 * Starts a sandbox: database, keys, identity provider, API, HTTP server. `seams` lets tests put
 * another identity provider in (not part of the public interface).
 */
export async function startSandbox(
  options: SandboxOptions = {},
  seams: {
    createIdentity?: CreateIdentity;
    /** Awaited by each API request let in, before its handler (tests hold requests here). */
    hold?: (operationId: ApiOperationId) => Promise<void>;
  } = {},
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
    // Keys claimed by requests that an earlier run could not finish (a crash, a cut stop): free
    // them now, so that their retries run at once.
    const released = await releaseOrphanedClaims(db);
    if (released > 0) {
      logger.info(
        { phase: 'idempotency', released },
        `Released ${released} Idempotency-Key claim(s) left by requests an earlier run did not finish`,
      );
    }
    const codeKeys = await CodeKeys.open(memory ? null : layout.codeKeys, now);

    let handler: (req: IncomingMessage, res: ServerResponse) => Promise<void> | void = (
      _req,
      res,
    ) => {
      res.writeHead(503).end();
    };
    const inFlight = new InFlight();
    const server = createServer((req, res) => inFlight.run(req, res, handler));
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
    const stepRejections = new StepRejections();
    const api = createApi({
      db,
      stepRejections,
      verifyAccessToken: (token) => identity.verifyAccessToken(token),
      issuer,
      codeKeys,
      personas,
      now,
      logger,
      faults,
      ...(options.rateLimit !== undefined ? { rateLimit: options.rateLimit } : {}),
      ...(options.maxInFlight !== undefined ? { maxInFlight: options.maxInFlight } : {}),
      ...(options.maxQueue !== undefined ? { maxQueue: options.maxQueue } : {}),
      ...(seams.hold ? { hold: seams.hold } : {}),
      ...(options.onResponseMismatch ? { onResponseMismatch: options.onResponseMismatch } : {}),
    });
    handler = createRequestListener(api, identity);

    const stopTimeoutMs = options.stopTimeoutMs ?? 10_000;
    /** Stops accepting, lets the requests in flight finish (up to the deadline), then closes. */
    const stop = async () => {
      server.close();
      server.closeIdleConnections();
      let timer: NodeJS.Timeout | undefined;
      const drained = await Promise.race([
        inFlight.drain().then(() => true),
        new Promise<false>((done) => {
          timer = setTimeout(() => done(false), stopTimeoutMs);
        }),
      ]);
      clearTimeout(timer);
      if (!drained) {
        logger.warn(
          { phase: 'stop', stopTimeoutMs },
          `Requests still in flight after ${stopTimeoutMs} ms were cut; their retries run again after a restart`,
        );
      }
      await cleanup();
    };
    let stopping: Promise<void> | undefined;
    return {
      url: origin,
      issuer,
      stop: () => {
        stopping ??= stop();
        return stopping;
      },
      mintAccessToken: (input) => identity.mintAccessToken(input),
      faults,
      stepRejections,
      oidcFaults: identity.oidcFaults,
      rotateCodeKeys: () => codeKeys.rotate(),
      rotateSigningKeys: () => identity.rotateKeys(),
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}
