// Test fixtures: the API in process on a fresh copy of the seeded database, with a test token
// verifier, and every response checked against the contract.
import { randomBytes } from 'node:crypto';
import { type ApiOptions, createApi, type ResponseMismatch } from '../src/api/app.js';
import type { ApiOperationId } from '../src/api/contract.js';
import type { AccessTokenInfo } from '../src/api/types.js';
import { CodeKeys } from '../src/codes/keys.js';
import { loadSeedData } from '../src/data.js';
import { type Database, openPglite } from '../src/db/database.js';
import { ensureSnapshot } from '../src/db/open.js';
import { SlotHorizon } from '../src/db/slots.js';
import { silentLogger } from '../src/logger.js';
import { loadPersonas } from '../src/personas.js';
import { shanghaiDate } from '../src/time.js';

/** Monday 23 November 2026, 10:00 in Shanghai: the tests' default clock. */
export const testNow = new Date('2026-11-23T02:00:00Z');
export const testIssuer = 'http://127.0.0.1:4010';

/** A response as the tests read it. */
export interface TestResponse {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field in tests
  body: any;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A fresh PGlite database from the cached snapshot (about a second). */
async function snapshotDatabase(): Promise<Database> {
  const personas = await loadPersonas();
  const { snapshot } = await ensureSnapshot({
    data: await loadSeedData(personas),
    logger: silentLogger,
  });
  return openPglite({ loadDataDir: snapshot });
}

/** The API in process with a test verifier; every response is validated against the contract. */
export async function testApi(
  options: Partial<
    Pick<ApiOptions, 'now' | 'rateLimit' | 'db' | 'logger' | 'maxInFlight' | 'maxQueue' | 'hold'>
  > = {},
) {
  const personas = await loadPersonas();
  const db = options.db ?? (await snapshotDatabase());
  const codeKeys = await CodeKeys.open(null);
  const tokens = new Map<string, AccessTokenInfo>();
  const mismatches: ResponseMismatch[] = [];
  let clock = options.now ?? (() => testNow);
  const api = createApi({
    db,
    verifyAccessToken: async (token) => tokens.get(token) ?? null,
    issuer: testIssuer,
    codeKeys,
    personas,
    now: () => clock(),
    rateLimit: options.rateLimit ?? false,
    logger: options.logger ?? silentLogger,
    onResponseMismatch: (m) => mismatches.push(m),
    ...(options.maxInFlight !== undefined ? { maxInFlight: options.maxInFlight } : {}),
    ...(options.maxQueue !== undefined ? { maxQueue: options.maxQueue } : {}),
    ...(options.hold ? { hold: options.hold } : {}),
  });
  // The slots of the test clock's booking window, as a sandbox opening on that day makes them, so
  // that a test can read a slot before its first request.
  await new SlotHorizon(db).ensure(shanghaiDate(clock()));

  /** Registers a token for a person with the scopes given. */
  function token(sub: string, scope: string[], clientId = 'partner-app'): string {
    const value = randomBytes(16).toString('base64url');
    tokens.set(value, { sub, scope, clientId, exp: Math.floor(clock().getTime() / 1000) + 3600 });
    return value;
  }

  /** Fails the test at once when a response does not match the contract. */
  function assertContract(): void {
    const found = mismatches.splice(0);
    if (found.length > 0) {
      throw new Error(`Response does not match the contract:\n${JSON.stringify(found, null, 2)}`);
    }
  }

  async function request(
    method: string,
    path: string,
    opts: RequestOptions = {},
  ): Promise<TestResponse> {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
    let body: string | undefined;
    if (opts.body !== undefined) {
      body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
      headers['Content-Type'] ??= 'application/json';
    }
    const res = await api.app.request(path, {
      method,
      headers,
      ...(body !== undefined ? { body } : {}),
    });
    const text = await res.text();
    assertContract();
    return {
      status: res.status,
      headers: res.headers,
      body: text === '' ? undefined : JSON.parse(text),
    };
  }

  return {
    api,
    db,
    codeKeys,
    token,
    request,
    get: (path: string, opts?: RequestOptions) => request('GET', path, opts),
    post: (path: string, opts?: RequestOptions) => request('POST', path, opts),
    /** Moves the sandbox clock. */
    setNow(now: () => Date) {
      clock = now;
    },
    mismatches,
    close: () => db.close(),
  };
}

export type TestApi = Awaited<ReturnType<typeof testApi>>;

/** A fresh idempotency key. */
export function key(): string {
  return randomBytes(12).toString('hex');
}

/**
 * A gate for `testApi`'s `hold`: holds every request let in (or only those of `operation`)
 * until it is opened, and counts those it holds, so that nothing depends on timing.
 */
export function gate(operation?: ApiOperationId) {
  let open: () => void = () => {};
  const opened = new Promise<void>((done) => {
    open = done;
  });
  let held = 0;
  let arrived: () => void = () => {};
  return {
    hold: async (operationId?: ApiOperationId) => {
      if (operation !== undefined && operationId !== operation) return;
      held += 1;
      arrived();
      await opened;
    },
    open,
    get held() {
      return held;
    },
    /** Resolves once `n` requests are held. */
    async until(n: number) {
      while (held < n) await new Promise<void>((done) => (arrived = done));
    },
  };
}
