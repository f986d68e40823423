// The Open API on Hono: one route per operation of the contract, each passing through fault
// injection, rate limiting, the bearer check the operation's `security` asks for, request
// validation against the contract, idempotency for keyed writes, and its handler. Errors are
// RFC 9457 problems everywhere, unknown routes included.
// Longer than 400 lines on purpose: the pipeline's steps and their order in one file, read top to
// bottom; what each operation does is in handlers/, the steps' own logic in their modules.
import { randomBytes } from 'node:crypto';
import type { HttpBindings } from '@hono/node-server';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import type { CodeKeys } from '../codes/keys.js';
import { controlProblem, refuseControlWrite, sandboxControlHeader } from '../controls.js';
import type { Database, Queryable } from '../db/database.js';
import { SlotHorizon } from '../db/slots.js';
import { type Logger, silentLogger } from '../logger.js';
import { StepRejections } from '../matters/rejections.js';
import type { Persona } from '../personas.js';
import { shanghaiDate } from '../time.js';
import { Admission } from './admission.js';
import { type ApiOperationId, type FieldError, getContract, type Operation } from './contract.js';
import { type FaultKind, FaultRegistry } from './faults.js';
import { handlers } from './handlers.js';
import { idempotent, keyLifetimeMs, requestHash } from './idempotency.js';
import {
  ApiError,
  asApiError,
  codeForStatus,
  invalid,
  problemBody,
  problemHeaders,
} from './problems.js';
import { RateLimiter, type RateLimitOptions } from './rate-limit.js';
import type { AccessTokenInfo, Deps, HandlerContext, VerifyAccessToken } from './types.js';

/** A response that did not match the contract (reported in tests). */
export interface ResponseMismatch {
  /** The contract's operation the request matched; null for a route the contract does not have. */
  operationId: string | null;
  /** The request's HTTP method (`GET`, `POST`, …). */
  method: string;
  /** The request's path, without the query (`/v1/appointments`). */
  path: string;
  /** The response's HTTP status. */
  status: number;
  /**
   * What is wrong, one sentence each: schema errors against the operation's response (or the
   * problem schema), a problem whose `status` or `traceId` is not the response's, a 429 or 503
   * without `Retry-After`, a 401 without `WWW-Authenticate: Bearer`.
   */
  problems: string[];
  /** The response body, parsed as JSON (the raw text when it is not JSON; undefined when empty). */
  body: unknown;
}

/** The largest request body the API reads: 1 MB. */
const defaultMaxBodyBytes = 1024 * 1024;
/** The requests handled at once, and those that may wait for a turn, by default. */
export const defaultLoadLimits = { maxInFlight: 32, maxQueue: 128 } as const;

/** Options of {@link createApi}. */
export interface ApiOptions {
  /** The database the handlers read and write (see `openDatabase`). */
  db: Database;
  /** Verifies bearer access tokens (the identity provider's, or a test's). */
  verifyAccessToken: VerifyAccessToken;
  /** The platform's issuer URL: `iss` of codes. */
  issuer: string;
  /** The ES256 keys that sign the QR codes the API issues (the newest signs). */
  codeKeys: CodeKeys;
  /** The personas the profile, documents and recommendations describe, found by `sub`. */
  personas: Persona[];
  /**
   * The sandbox clock.
   * @default () => new Date()
   */
  now?: () => Date;
  /** @default silent */
  logger?: Logger;
  /**
   * The rate limit's budgets per person, per client and per anonymous address, in sliding
   * windows on {@link ApiOptions.now}; `false` turns the limit off.
   * @default { person: 120/min, client: 1200/min, anonymous: 600/min per address }
   * @example
   * ```ts
   * createApi({ ...options, rateLimit: { person: { limit: 30, windowMs: 60_000 } } });
   * ```
   */
  rateLimit?: RateLimitOptions | false;
  /** The fault rules (shared with the sandbox's controls). */
  faults?: FaultRegistry;
  /** The step rejections waiting for one-matter applications (shared with the controls). */
  stepRejections?: StepRejections;
  /**
   * The largest request body read, in bytes: a larger one is `413 payload_too_large`, refused
   * before it is read whole.
   * @default 1048576 (1 MB)
   * @example
   * ```ts
   * createApi({ ...options, maxBodyBytes: 64 * 1024 });
   * ```
   */
  maxBodyBytes?: number;
  /**
   * The most API requests handled at once; more wait in a queue (first come, first served) of
   * at most {@link ApiOptions.maxQueue}, and past that are refused at once with
   * `503 service_unavailable` and `Retry-After: 1`. `Infinity` turns load shedding off.
   * @default 32
   * @example
   * ```ts
   * createApi({ ...options, maxInFlight: 8, maxQueue: 16 });
   * ```
   */
  maxInFlight?: number;
  /**
   * The most API requests waiting for a turn when {@link ApiOptions.maxInFlight} are handled.
   * @default 128
   */
  maxQueue?: number;
  /**
   * Awaited for each request let in, after its Idempotency-Key is claimed and before its handler
   * runs (tests hold requests in flight here, to stop or overload the sandbox deterministically).
   */
  hold?: (operationId: ApiOperationId) => Promise<void>;
  /**
   * Checks every response against the contract and reports mismatches here (tests turn it on).
   */
  onResponseMismatch?: (mismatch: ResponseMismatch) => void;
}

/** The API: the Hono app and its fault switches. */
export interface Api {
  /**
   * The Hono app serving `/v1/*` and the `/__sandbox/faults` and `/__sandbox/step-rejections`
   * controls: mount it, or call `app.request()`.
   */
  app: Hono<ApiEnv>;
  /** The API's fault rules: `options.faults` when given, else a registry of the app's own. */
  faults: FaultRegistry;
}

/** Hono's environment: the Node request and response when served over HTTP. */
export type ApiEnv = {
  Bindings: Partial<HttpBindings>;
  Variables: {
    traceId: string;
    operationId: ApiOperationId | null;
    /** The fault injected, if any: its response is checked as a problem or not at all. */
    faulted: FaultKind | null;
  };
};

/** Thrown to drop the connection when there is no socket to destroy (in-process requests). */
class ConnectionDropped extends Error {
  override name = 'ConnectionDropped' as const;
}

const loopback = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * The sandbox's Open API as a Hono app over an open database: the contract's checks, the
 * handlers, the faults and the limits.
 */
export function createApi(options: ApiOptions): Api {
  const contract = getContract();
  const logger = options.logger ?? silentLogger;
  const now = options.now ?? (() => new Date());
  const faults = options.faults ?? new FaultRegistry(contract.operations.map((o) => o.operationId));
  const limiter =
    options.rateLimit === false
      ? null
      : new RateLimiter(options.rateLimit ?? {}, () => now().getTime());
  const deps: Deps = {
    db: options.db,
    issuer: options.issuer,
    codeKeys: options.codeKeys,
    personas: new Map(options.personas.map((p) => [p.sub, p])),
    slots: new SlotHorizon(options.db),
    now,
    logger,
    stepRejections: options.stepRejections ?? new StepRejections(),
  };
  const admission = new Admission({
    maxInFlight: options.maxInFlight ?? defaultLoadLimits.maxInFlight,
    maxQueue: options.maxQueue ?? defaultLoadLimits.maxQueue,
  });
  const hold = options.hold ?? (async () => {});
  const app = new Hono<ApiEnv>();
  let lastPurge = 0;

  app.use('*', async (c, next) => {
    const started = performance.now();
    const traceparent = /^[\da-f]{2}-([\da-f]{32})-[\da-f]{16}-[\da-f]{2}$/.exec(
      c.req.header('traceparent') ?? '',
    );
    c.set('traceId', traceparent?.[1] ?? randomBytes(16).toString('hex'));
    c.set('operationId', null);
    c.set('faulted', null);
    await next();
    const log = {
      traceId: c.get('traceId'),
      method: c.req.method,
      path: c.req.path,
      operationId: c.get('operationId'),
      status: c.res.status,
      ms: Math.round(performance.now() - started),
    };
    if (c.res.status >= 500) logger.error(log, 'request failed');
    else logger.info(log, 'request');
    const faulted = c.get('faulted');
    if (
      options.onResponseMismatch &&
      (faulted === null || faulted === 'status' || faulted === 'delay')
    ) {
      await checkResponse(c, options.onResponseMismatch);
    }
  });

  // Browsers call the API from other origins (partner apps, county sites, Storybook). Tokens
  // travel in the Authorization header, never in cookies, so any origin may call.
  app.use(
    '/v1/*',
    cors({
      origin: '*',
      allowMethods: ['GET', 'POST', 'PUT', 'OPTIONS'],
      allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'traceparent'],
      exposeHeaders: ['Location', 'Idempotent-Replayed', 'Retry-After', 'WWW-Authenticate'],
      maxAge: 600,
    }),
  );

  // Bodies are read whole and parsed: refuse a large one by its Content-Length, or as soon as
  // the bytes streamed exceed the limit, before it is read.
  const maxSize = options.maxBodyBytes ?? defaultMaxBodyBytes;
  const limitBody = bodyLimit({
    maxSize,
    onError: () => {
      throw new ApiError('payload_too_large', `The request body is larger than ${maxSize} bytes.`);
    },
  });
  app.use('/__sandbox/*', limitBody);
  for (const op of contract.operations) {
    if (op.body) app.on(op.method, op.honoPath, limitBody);
  }

  /**
   * A sandbox control over a registry of rules, on loopback only, written with JSON and the
   * X-Zheli-Sandbox header (controls.ts). No CORS here: a preflight from another origin fails.
   * GET lists the rules, POST adds one, DELETE clears them.
   */
  const control = (
    path: string,
    registry: { list(): unknown[]; add(rule: unknown): unknown; clear(): void },
  ) =>
    app.all(path, async (c) => {
      const address = c.env?.incoming?.socket.remoteAddress;
      if (address !== undefined && !loopback.has(address)) {
        throw new ApiError('not_found', 'Sandbox controls answer on loopback only');
      }
      const refusal = refuseControlWrite(
        c.req.method,
        c.req.header('content-type'),
        c.req.header(sandboxControlHeader),
      );
      if (refusal) {
        return new Response(JSON.stringify(controlProblem(refusal, c.req.path)), {
          status: refusal.status,
          headers: { 'Content-Type': 'application/problem+json' },
        });
      }
      if (c.req.method === 'GET') return c.json({ items: registry.list() });
      if (c.req.method === 'DELETE') {
        registry.clear();
        return c.body(null, 204);
      }
      if (c.req.method === 'POST') {
        let rule: unknown;
        try {
          rule = await c.req.json();
        } catch {
          invalid([{ field: 'body', code: 'invalid', message: 'is not valid JSON' }]);
        }
        try {
          return c.json(registry.add(rule), 201);
        } catch (error) {
          const [field, message] = String((error as Error).message).split(': ');
          invalid([{ field: `body.${field}`, code: 'invalid', message: message ?? 'is invalid' }]);
        }
      }
      throw new ApiError('not_found', `No route ${c.req.method} ${c.req.path}`);
    });
  // The API's fault switches, and the step rejections of one-matter applications
  // (matters/rejections.ts).
  control('/__sandbox/faults', faults);
  control('/__sandbox/step-rejections', deps.stepRejections);

  for (const op of contract.operations) {
    app.on(op.method, op.honoPath, async (c) => {
      // Past the requests in flight and the queue, push back at once: 503 and Retry-After.
      const entered = admission.enter();
      if (!entered) {
        c.set('operationId', op.operationId);
        throw new ApiError(
          'service_unavailable',
          'The sandbox is handling as many requests as it may, and its queue is full; retry in a moment.',
          { retryAfter: 1 },
        );
      }
      const leave = await entered;
      try {
        return await dispatch(op, c);
      } finally {
        leave();
      }
    });
  }

  app.notFound((c) => {
    throw new ApiError('not_found', `No route ${c.req.method} ${c.req.path}`);
  });

  app.onError((error, c) => {
    if (error instanceof ConnectionDropped) throw error;
    const apiError = asApiError(error);
    if (!(error instanceof ApiError)) {
      logger.error(
        { traceId: c.get('traceId'), err: { message: error.message, stack: error.stack } },
        'unhandled error',
      );
    }
    return problemResponse(apiError, c);
  });

  async function dispatch(op: Operation, c: Context<ApiEnv>): Promise<Response> {
    c.set('operationId', op.operationId);

    const fault = faults.take(op.operationId);
    if (fault?.kind === 'delay') await sleep(fault.delayMs ?? 0);
    if (fault?.kind === 'drop-before') return drop(c);
    if (fault?.kind === 'malformed') {
      c.set('faulted', 'malformed');
      return c.json({ unexpected: true }, 200);
    }
    if (fault?.kind === 'status') {
      c.set('faulted', 'status');
      const status = fault.status ?? 503;
      const retryAfter = status === 429 || status === 503 ? fault.retryAfter : undefined;
      throw new ApiError(
        codeForStatus(status),
        `Injected fault: ${op.operationId} answers ${status}`,
        {
          status,
          ...(retryAfter !== undefined ? { retryAfter } : {}),
          ...(status === 401
            ? { headers: { 'WWW-Authenticate': 'Bearer realm="zheli", error="invalid_token"' } }
            : {}),
        },
      );
    }

    const token = await authenticate(c);
    // A token that fails verification is refused even where none is needed: it would otherwise
    // escape the person's and client's budgets into the anonymous one.
    if (token.error === 'invalid') unauthenticated('invalid');
    if (limiter) {
      const decision = limiter.hit(
        token.info
          ? { sub: token.info.sub, clientId: token.info.clientId }
          : { address: c.env?.incoming?.socket.remoteAddress ?? 'local' },
      );
      if (!decision.allowed) {
        const { limit, windowMs } = decision.limit;
        throw new ApiError(
          'rate_limited',
          `Rate limit of ${limit} requests per ${windowMs / 1000} s exceeded (${decision.bucket})`,
          { retryAfter: decision.retryAfter },
        );
      }
    }
    const principal = authorize(op, token);
    const request = await validate(op, c);

    const handler = handlers[op.operationId] as unknown as (
      ctx: HandlerContext<ApiOperationId>,
    ) => Promise<{ status: number; body: unknown; headers?: Record<string, string> }>;
    const moment = now();
    await deps.slots.ensure(shanghaiDate(moment));
    const context = (db: Queryable, inTransaction: boolean): HandlerContext<ApiOperationId> => ({
      request: request as unknown as HandlerContext<ApiOperationId>['request'],
      principal,
      now: moment,
      deps,
      db,
      transaction: inTransaction ? (fn) => fn(db) : (fn) => options.db.transaction(fn),
    });

    const key = request.key;
    if (op.idempotencyKey && moment.getTime() - lastPurge > 10 * 60 * 1000) {
      // Keys are kept 24 hours: forget the older ones now and then.
      lastPurge = moment.getTime();
      void options.db
        .query('DELETE FROM idempotency_keys WHERE created_at < $1', [
          new Date(moment.getTime() - keyLifetimeMs),
        ])
        .catch((error: unknown) =>
          logger.warn({ err: String(error) }, 'purging idempotency keys failed'),
        );
    }
    let result: { status: number; body: unknown; headers: Record<string, string> };
    if (op.idempotencyKey && key && principal) {
      result = await idempotent({
        db: options.db,
        scope: { clientId: principal.clientId, sub: principal.sub, key },
        hash: requestHash(op.method, c.req.path, request.body),
        now: moment,
        traceId: c.get('traceId'),
        instance: c.req.path,
        beforeRun: () => hold(op.operationId),
        run: async (tx) => {
          const r = await handler(context(tx, true));
          return { status: r.status, body: r.body, headers: r.headers ?? {} };
        },
      });
    } else {
      await hold(op.operationId);
      const r = await handler(context(options.db, false));
      result = { status: r.status, body: r.body, headers: r.headers ?? {} };
    }

    if (fault?.kind === 'drop-after') return drop(c);
    const isProblem = result.status >= 400;
    return new Response(JSON.stringify(result.body), {
      status: result.status,
      headers: {
        'Content-Type': isProblem ? 'application/problem+json' : 'application/json',
        ...result.headers,
      },
    });
  }

  async function authenticate(
    c: Context<ApiEnv>,
  ): Promise<{ info: AccessTokenInfo | null; error: 'missing' | 'invalid' | null }> {
    const header = c.req.header('authorization');
    if (!header) return { info: null, error: 'missing' };
    const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i.exec(header.trim());
    if (!match?.[1]) return { info: null, error: 'invalid' };
    const info = await options.verifyAccessToken(match[1]).catch(() => null);
    return info ? { info, error: null } : { info: null, error: 'invalid' };
  }

  function authorize(
    op: Operation,
    token: { info: AccessTokenInfo | null; error: 'missing' | 'invalid' | null },
  ): AccessTokenInfo | null {
    if (!op.security) return null;
    if (!token.info) unauthenticated(token.error ?? 'missing');
    const granted = new Set(token.info.scope);
    if (!op.security.some((scopes) => scopes.every((s) => granted.has(s)))) {
      const needed = op.security[0] ?? [];
      throw new ApiError(
        'insufficient_scope',
        `This operation needs the scope ${needed.map((s) => `"${s}"`).join(', ')}.`,
        {
          headers: {
            'WWW-Authenticate': `Bearer realm="zheli", error="insufficient_scope", scope="${needed.join(' ')}"`,
          },
        },
      );
    }
    return token.info;
  }

  return { app, faults };
}

function unauthenticated(reason: 'missing' | 'invalid'): never {
  throw new ApiError(
    'unauthenticated',
    reason === 'missing'
      ? 'This operation needs a bearer access token.'
      : 'The access token is invalid or has expired.',
    {
      headers: {
        'WWW-Authenticate':
          reason === 'missing'
            ? 'Bearer realm="zheli"'
            : 'Bearer realm="zheli", error="invalid_token", error_description="The access token is invalid or has expired"',
      },
    },
  );
}

/** The validated request: parameters coerced to their types, the body parsed. */
async function validate(
  op: Operation,
  c: Context<ApiEnv>,
): Promise<{
  query: Record<string, unknown>;
  path: Record<string, unknown>;
  body: unknown;
  key: string | undefined;
}> {
  const key = c.req.header('idempotency-key');
  if (op.idempotencyKey === 'required' && key === undefined) {
    throw new ApiError(
      'idempotency_key_required',
      'This operation needs an Idempotency-Key header (a UUID), reused for every retry.',
    );
  }
  const query: Record<string, unknown> = { ...c.req.query() };
  for (const p of op.parameters) {
    if (p.in === 'query' && p.commaSeparated && typeof query[p.name] === 'string') {
      query[p.name] = (query[p.name] as string).split(',');
    }
  }
  const path: Record<string, unknown> = { ...c.req.param() };
  const headers: Record<string, unknown> = {};
  for (const p of op.parameters) {
    if (p.in !== 'header') continue;
    const value = c.req.header(p.name);
    if (value !== undefined) headers[p.name] = value;
  }
  const errors: FieldError[] = [
    ...op.validatePath(path),
    ...op.validateHeaders(headers),
    ...op.validateQuery(query),
  ];

  let body: unknown;
  if (op.body) {
    const text = await c.req.text();
    if (text.trim() === '') {
      if (op.body.required)
        errors.push({ field: 'body', code: 'required', message: 'is required' });
    } else if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(c.req.header('content-type') ?? '')) {
      errors.push({
        field: 'header.Content-Type',
        code: 'invalid',
        message: 'must be application/json',
      });
    } else {
      try {
        body = JSON.parse(text);
        errors.push(...(op.validateBody?.(body) ?? []));
      } catch {
        errors.push({ field: 'body', code: 'invalid', message: 'is not valid JSON' });
      }
    }
  }
  if (errors.length > 0) invalid(errors);
  return { query, path, body, key };
}

function problemResponse(error: ApiError, c: Context<ApiEnv>): Response {
  return new Response(JSON.stringify(problemBody(error, c.req.path, c.get('traceId'))), {
    status: error.status,
    headers: problemHeaders(error),
  });
}

/** Destroys the connection without an answer (or, in process, rejects the request). */
async function drop(c: Context<ApiEnv>): Promise<Response> {
  const socket = c.env?.incoming?.socket;
  if (!socket) throw new ConnectionDropped('Injected fault: the connection was dropped');
  c.set('faulted', 'drop-before');
  socket.destroy();
  // Nothing will be written to the destroyed socket: wait for it to close, then answer no one.
  await new Promise<void>((done) => (socket.closed ? done() : socket.once('close', () => done())));
  return new Response(null, { status: 204 });
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

async function checkResponse(
  c: Context<ApiEnv>,
  report: (mismatch: ResponseMismatch) => void,
): Promise<void> {
  // Sandbox controls and CORS preflights are not the contract's.
  if (c.req.path.startsWith('/__sandbox/') || c.req.method === 'OPTIONS') return;
  const contract = getContract();
  const res = c.res;
  const contentType = res.headers.get('content-type');
  const text = await res.clone().text();
  let body: unknown = text;
  const problems: string[] = [];
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    problems.push('body is not JSON');
  }
  const operationId = c.get('operationId');
  // An injected status may be one the operation does not document: it must still be a problem.
  if (operationId && c.get('faulted') !== 'status') {
    problems.push(...contract.validateResponse(operationId, res.status, contentType, body));
  } else {
    problems.push(...contract.validateProblem(res.status, contentType, body));
  }
  if (res.status >= 400) {
    const problem = body as { status?: unknown; traceId?: unknown };
    if (problem?.status !== res.status)
      problems.push(`problem status ${problem?.status} ≠ ${res.status}`);
    // A replayed response is the first one as it was, with that request's trace id.
    const replayed = res.headers.get('idempotent-replayed') === 'true';
    if (!replayed && problem?.traceId !== c.get('traceId')) {
      problems.push('problem traceId is not the request’s');
    }
  }
  if (
    (res.status === 429 || res.status === 503) &&
    !/^\d+$/.test(res.headers.get('retry-after') ?? '')
  ) {
    problems.push(`${res.status} without a Retry-After header`);
  }
  if (res.status === 401 && !res.headers.get('www-authenticate')?.startsWith('Bearer')) {
    problems.push('401 without a WWW-Authenticate: Bearer header');
  }
  if (problems.length > 0) {
    report({
      operationId,
      method: c.req.method,
      path: c.req.path,
      status: res.status,
      problems,
      body,
    });
  }
}
