import type { OperationId } from '@zheli/contract';
import ky, { type Hooks, isHTTPError, type KyRequest, type RetryOptions } from 'ky';
import { retryAfterSeconds, ZheliApiError, ZheliResponseError } from './errors.js';
import { operationTable } from './generated/operations.js';
import { createSharer, joinShared, type Shared, startShared } from './share.js';
import type {
  CallOptions,
  ItemOf,
  PaginatedOperationId,
  QueryOf,
  RequestInit,
  ResultOf,
  ServiceSummary,
  WriteOptions,
  ZheliClient,
} from './types.js';

/** Asked for a token before every attempt; `forceRefresh` after a `401`. */
export type AccessTokenProvider = (options: {
  forceRefresh: boolean;
}) => Promise<string | undefined>;

/** The retry policy's tunable parts; which requests are retried is fixed (see the docs). */
export type RetryPolicy = Pick<
  RetryOptions,
  'limit' | 'backoffLimit' | 'delay' | 'jitter' | 'maxRetryAfter' | 'retryOnTimeout'
>;

/** Options of `createClient()`. */
export interface ClientOptions {
  /**
   * Where the Open API lives: the origin (and path prefix, if any) that `/v1/...` hangs off.
   * @example
   * ```ts
   * createClient({ baseUrl: 'http://127.0.0.1:4010' }); // the local sandbox
   * ```
   */
  baseUrl: string | URL;
  /**
   * Returns the bearer access token, or `undefined` when signed out. Called before every attempt
   * of an operation that needs a token (retries included), and with `{ forceRefresh: true }`
   * once after a `401` unless `onUnauthorized` is given. `@zheli/auth`'s `getAccessToken`
   * plugs in as it is.
   * @default undefined (no token is sent)
   * @example
   * ```ts
   * createClient({ baseUrl, getAccessToken: auth.getAccessToken });
   * ```
   */
  getAccessToken?: AccessTokenProvider;
  /**
   * Called once when a request with a token is answered `401`; returns a fresh token for one
   * replay, or `undefined` to give up (the call then rejects with the `401`). Concurrent `401`s
   * share one call.
   * @default `() => getAccessToken({ forceRefresh: true })`
   */
  onUnauthorized?: () => Promise<string | undefined>;
  /**
   * The `fetch` to use: a test double, a proxy-aware one in Node, a worker's.
   * @default globalThis.fetch
   */
  fetch?: typeof fetch;
  /**
   * Milliseconds per attempt before it fails with ky's `TimeoutError` (and is retried).
   * @default 10000
   */
  timeout?: number;
  /**
   * Milliseconds for a whole call, retries and their waits included. A `Retry-After` that does
   * not fit in what is left fails the call at once with the `429`/`503`.
   * @default 30000
   */
  totalTimeout?: number;
  /**
   * Retries: a number sets the limit. Backoff is exponential (300 ms, 600 ms, …) with full
   * jitter; `Retry-After` is honoured.
   * @default { limit: 2, jitter: true, retryOnTimeout: true }
   */
  retry?: number | RetryPolicy;
  /**
   * The language for `Accept-Language`, or a function read on every call.
   * @default undefined (no header)
   * @example
   * ```ts
   * createClient({ baseUrl, locale: () => document.documentElement.lang });
   * ```
   */
  locale?: string | (() => string | undefined);
  /**
   * Headers sent with every request.
   * @default {}
   */
  headers?: Record<string, string>;
  /**
   * ky hooks, run after the client's own (which set the token). `beforeRequest` runs once per
   * call, `beforeRetry` before every retry.
   * @default {}
   */
  hooks?: Hooks;
  /**
   * Identical concurrent requests (same method, URL and body) share one request.
   * @default true
   */
  dedupe?: boolean;
  /**
   * Milliseconds `services.getMany()` waits to collect ids from other callers before it sends
   * one request; `0` waits for the next macrotask.
   * @default 0
   */
  batchDelay?: number;
}

type AnyInit = {
  path?: Record<string, string>;
  query?: Record<string, unknown>;
  body?: unknown;
};

/** An `Idempotency-Key`: 128 random bits as hex (works where `randomUUID` does not, on http). */
const newKey = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0'))
    .join('')
    .replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-');

/**
 * Creates a client for the platform's Open API. Creating it does nothing on the network.
 *
 * @example
 * ```ts
 * import { createClient } from '@zheli/client';
 *
 * const client = createClient({ baseUrl: 'http://127.0.0.1:4010' });
 * const { items } = await client.services.search({ q: '机动车检验', region: '330523' });
 * ```
 */
export function createClient(options: ClientOptions): ZheliClient {
  const {
    getAccessToken,
    timeout = 10_000,
    totalTimeout = 30_000,
    retry = {},
    locale,
    hooks = {},
    batchDelay = 0,
  } = options;
  const base = new URL(options.baseUrl);
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  const policy = typeof retry === 'number' ? { limit: retry } : retry;
  const refresh = options.onUnauthorized ?? (async () => getAccessToken?.({ forceRefresh: true }));
  const share = createSharer();
  let refreshing: Promise<string | undefined> | undefined;

  const authorize = async ({
    request,
    options: { context },
    retryCount,
  }: {
    request: KyRequest;
    options: { context: Record<string, unknown> };
    retryCount: number;
  }) => {
    if (!context.auth) return;
    const token =
      (!retryCount && (context.token as string | undefined)) ||
      (await getAccessToken?.({ forceRefresh: false }));
    if (token) request.headers.set('authorization', `Bearer ${token}`);
  };

  const api = ky.create({
    fetch: options.fetch,
    throwHttpErrors: true,
    hooks: {
      ...hooks,
      beforeRequest: [authorize, ...(hooks.beforeRequest ?? [])],
      beforeRetry: [authorize, ...(hooks.beforeRetry ?? [])],
    },
  });

  const send = async (
    operationId: OperationId,
    method: string,
    url: string,
    body: string | undefined,
    idempotencyKey: string | undefined,
    flags: number,
    required: string,
    callOptions: WriteOptions,
    signal: AbortSignal,
  ): Promise<unknown> => {
    const context = { operationId, method, url };
    const deadline = Date.now() + (callOptions.totalTimeout ?? totalTimeout);
    const lang = typeof locale === 'function' ? locale() : locale;
    const attempt = (token?: string) =>
      api(url, {
        method,
        body,
        signal,
        headers: {
          accept: 'application/json',
          ...(body && { 'content-type': 'application/json' }),
          ...(lang && { 'accept-language': lang }),
          ...(idempotencyKey && { 'idempotency-key': idempotencyKey }),
          ...options.headers,
          ...callOptions.headers,
        },
        timeout: callOptions.timeout ?? timeout,
        totalTimeout: Math.max(1, deadline - Date.now()),
        context: { auth: flags & 1, token },
        retry: {
          limit: 2,
          jitter: true,
          retryOnTimeout: true,
          ...policy,
          // The safety rules: reads, and writes only with their Idempotency-Key.
          ...(method !== 'GET' && !idempotencyKey && { limit: 0 }),
          methods: [method.toLowerCase() as 'get'],
          statusCodes: [408, 429, 500, 502, 503, 504],
          afterStatusCodes: [429, 503],
          shouldRetry: ({ error }) => {
            if (!isHTTPError(error)) return undefined;
            const { status } = error.response;
            // A write with the same key still running: wait and ask again.
            if (status === 409) {
              return (error.data as { code?: string } | undefined)?.code ===
                'idempotency_in_progress'
                ? true
                : undefined;
            }
            const after = retryAfterSeconds(error.response.headers);
            return after !== undefined && after * 1000 >= deadline - Date.now() ? false : undefined;
          },
        },
      }).text();

    let text: string;
    let token: string | undefined;
    for (;;) {
      try {
        text = await attempt(token);
        break;
      } catch (error) {
        if (!isHTTPError(error)) throw error;
        if (error.response.status === 401 && flags & 1 && !token) {
          refreshing ??= refresh()
            .catch(() => undefined)
            .finally(() => {
              refreshing = undefined;
            });
          token = await refreshing;
          if (token) continue;
        }
        throw new ZheliApiError(context, error.request, error.response, error.data, {
          cause: error,
        });
      }
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (cause) {
      throw new ZheliResponseError(context, text, [], { cause });
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      throw new ZheliResponseError(context, text, []);
    }
    const missing = required ? required.split(',').filter((field) => !(field in data)) : [];
    if (missing.length) throw new ZheliResponseError(context, text, missing);
    return data;
  };

  const call = <O extends OperationId>(
    operationId: O,
    init: RequestInit<O>,
    callOptions: WriteOptions = {},
  ): Promise<ResultOf<O>> => {
    const { path, query, body } = init as AnyInit;
    const [route, flags, required] = operationTable[operationId];
    const [method = 'GET', template = ''] = route.split(' ');
    const url = new URL(
      template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(path?.[name] ?? '')),
      base,
    );
    for (const [name, value] of Object.entries(query ?? {})) {
      if (value !== undefined) {
        url.searchParams.set(name, Array.isArray(value) ? value.join(',') : String(value));
      }
    }
    const json = body === undefined ? undefined : JSON.stringify(body);
    const explicitKey = flags & 2 ? callOptions.idempotencyKey : undefined;
    const key = options.dedupe === false ? undefined : `${method} ${url} ${explicitKey} ${json}`;
    return share(
      key,
      (signal) =>
        send(
          operationId,
          method,
          String(url),
          json,
          // One key per logical call: every retry and every joined caller sends the same one.
          flags & 2 ? (explicitKey ?? newKey()) : undefined,
          flags,
          required,
          callOptions,
          signal,
        ) as Promise<ResultOf<O>>,
      callOptions.signal,
    );
  };

  const all = <O extends PaginatedOperationId>(
    operationId: O,
    query: QueryOf<O> | undefined,
    callOptions?: CallOptions,
  ) =>
    (async function* () {
      let cursor = query?.cursor;
      do {
        const page = (await call(
          operationId,
          { query: { ...query, cursor } } as RequestInit<O>,
          callOptions,
        )) as { items: unknown[]; nextCursor: string | null };
        yield* page.items;
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
    })() as AsyncGenerator<ItemOf<O>, void, undefined>;

  type Batch = { ids: Set<string>; work: Shared<Map<string, ServiceSummary>> };
  let batch: Batch | undefined;
  const getMany = async (ids: readonly string[], callOptions: CallOptions = {}) => {
    if (!batch || batch.work.controller.signal.aborted) {
      const current: Batch = {
        ids: new Set<string>(),
        work: startShared(async (signal) => {
          await new Promise((resolve) => setTimeout(resolve, batchDelay));
          if (batch === current) batch = undefined;
          const wanted = [...current.ids];
          const pages: Promise<ResultOf<'batchGetServices'>>[] = [];
          for (let i = 0; i < wanted.length; i += 100) {
            pages.push(
              call('batchGetServices', { query: { ids: wanted.slice(i, i + 100) } }, { signal }),
            );
          }
          return new Map(
            (await Promise.all(pages)).flatMap((page) => page.items.map((s) => [s.id, s])),
          );
        }),
      };
      batch = current;
    }
    const { ids: wanted, work } = batch;
    for (const id of ids) wanted.add(id);
    const found = await joinShared(work, callOptions.signal);
    const unique = [...new Set(ids)];
    return {
      items: unique.flatMap((id) => found.get(id) ?? []),
      missing: unique.filter((id) => !found.has(id)),
    };
  };

  return {
    request: call,
    regions: {
      list: (query, o) => call('listRegions', { query }, o),
      get: (code, o) => call('getRegion', { path: { code } }, o),
    },
    categories: {
      list: (query, o) => call('listCategories', { query }, o),
    },
    services: {
      search: (query, o) => call('searchServices', { query }, o),
      searchAll: (query, o) => all('searchServices', query, o),
      get: (serviceId, o) => call('getService', { path: { serviceId } }, o),
      getMany,
      summary: async (serviceId, o) => (await getMany([serviceId], o)).items[0],
    },
    bundles: {
      list: (query, o) => call('listBundles', { query }, o),
      listAll: (query, o) => all('listBundles', query, o),
      get: (bundleId, o) => call('getBundle', { path: { bundleId } }, o),
    },
    sites: {
      list: (query, o) => call('listSites', { query }, o),
      listAll: (query, o) => all('listSites', query, o),
      get: (siteId, o) => call('getSite', { path: { siteId } }, o),
      slots: (siteId, query, o) => call('listSlots', { path: { siteId }, query }, o),
      venueCode: (siteId, o) => call('getVenueCode', { path: { siteId } }, o),
    },
    appointments: {
      book: (body, o) => call('bookAppointment', { body }, o),
      list: (query, o) => call('listMyAppointments', { query }, o),
      listAll: (query, o) => all('listMyAppointments', query, o),
      get: (appointmentId, o) => call('getAppointment', { path: { appointmentId } }, o),
      cancel: (appointmentId, body, o) =>
        call('cancelAppointment', { path: { appointmentId }, body }, o),
      reschedule: (appointmentId, body, o) =>
        call('rescheduleAppointment', { path: { appointmentId }, body }, o),
    },
    codes: {
      issue: (body, o) => call('issueCode', { body }, o),
      verify: (token, o) => call('verifyCode', { body: { token } }, o),
      keys: (o) => call('getCodeKeys', {}, o),
    },
    evaluations: {
      tags: (o) => call('listEvaluationTags', {}, o),
      submit: (body, o) => call('submitEvaluation', { body }, o),
      list: (query, o) => call('listMyEvaluations', { query }, o),
      listAll: (query, o) => all('listMyEvaluations', query, o),
    },
    me: {
      profile: (o) => call('getProfile', {}, o),
      recommendations: (o) => call('listRecommendations', {}, o),
      matters: (query, o) => call('listMyMatters', { query }, o),
      mattersAll: (query, o) => all('listMyMatters', query, o),
      matter: (caseNumber, o) => call('getMyMatter', { path: { caseNumber } }, o),
    },
    identity: {
      configuration: (o) => call('getOpenIdConfiguration', {}, o),
    },
  };
}
