import type { OperationId } from '@zheli/contract';
import ky, { type Hooks, isHTTPError, type Options as KyOptions } from 'ky';
import { type AccessTokenProvider, createAuthReplay } from './core/auth-replay.js';
import { createBatcher } from './core/batch.js';
import { parseBody } from './core/body.js';
import type { OperationEntry } from './core/entry.js';
import type { Features, features } from './core/features.js';
import { newIdempotencyKey } from './core/idempotency.js';
import { type Page, paginate } from './core/paginate.js';
import { type RetryPolicy, retryOptions, untilHandled } from './core/retry.js';
import { createSharer } from './core/share.js';
import { baseResolver, operationUrl } from './core/url.js';
import { ZheliApiError } from './errors.js';
import { operationTable } from './generated/operations.js';
import type {
  CallOptions,
  ItemOf,
  PaginatedOperationId,
  QueryOf,
  RequestInit,
  ResultOf,
  WriteOptions,
  ZheliClient,
} from './types.js';

// The feature modules' key, spelled here rather than imported: sharing a module with them would
// give every app that bundles the client one more chunk file.
const featuresKey: typeof features = /* @__PURE__ */ Symbol.for('@zheli/client.features') as never;

/** Options of `createClient()`. */
export interface ClientOptions {
  /**
   * Where the Open API lives: the origin (and path prefix, if any) that `/v1/...` hangs off. In a
   * browser or worker it may be relative (`'/api'`, a backend-for-frontend on the page's origin):
   * it is resolved against `document.baseURI` (or the worker's `location`) when a request is
   * made, so creating the client never needs a page. Where there is none (Node, server-side
   * rendering), a request with a relative `baseUrl` rejects with a `TypeError`: pass an absolute
   * URL there.
   * @example
   * ```ts
   * createClient({ baseUrl: 'http://127.0.0.1:4010' }); // the local sandbox
   * createClient({ baseUrl: '/api' }); // in the browser, through the app's own server
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
   * not fit in what is left fails the call at once with the `429`, `503` or
   * `409 idempotency_in_progress`.
   * @default 30000
   */
  totalTimeout?: number;
  /**
   * Retries: a number sets the limit. Backoff is exponential (300 ms, 600 ms, …) with full
   * jitter; `Retry-After` is honoured. A keyed write answered `409 idempotency_in_progress` (its
   * first request is still being handled) is sent again after each `Retry-After` until it gets
   * an answer, bounded by `totalTimeout` rather than the limit; `0` turns that off too.
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
   * Milliseconds `services.getMany()` waits after the last caller joined (at most 250 ms after
   * the first; when callers keep coming, the rest of their stream waits up to 1,000 ms more)
   * before it sends their ids as one request: about a frame by default, so cards added a few
   * milliseconds apart share one request; `0` collects the callers of one task.
   * @default 16
   */
  batchDelay?: number;
}

type AnyInit = {
  path?: Record<string, string>;
  query?: Record<string, unknown>;
  body?: unknown;
};

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
  const { timeout = 10_000, totalTimeout = 30_000, retry = {}, locale, batchDelay = 16 } = options;
  const base = baseResolver(options.baseUrl);
  const auth = createAuthReplay(options.getAccessToken, options.onUnauthorized);
  const share = createSharer();

  // The token hook only when there is a token to set: without `getAccessToken` or
  // `onUnauthorized` no request ever carries one, and ky races every hook with the call's time.
  // No hooks at all when there are none: ky merges an instance's hooks into every call's options
  // (five arrays a call), even empty ones.
  const tokens = options.getAccessToken || options.onUnauthorized;
  const api = ky.create({
    fetch: options.fetch,
    hooks: tokens
      ? {
          ...options.hooks,
          beforeRequest: [auth.authorize, ...(options.hooks?.beforeRequest ?? [])],
          beforeRetry: [auth.authorize, ...(options.hooks?.beforeRetry ?? [])],
        }
      : options.hooks,
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
    signal: AbortSignal | undefined,
  ): Promise<unknown> => {
    const context = { operationId, method, url };
    const deadline = Date.now() + (callOptions.totalTimeout ?? totalTimeout);
    const left = () => deadline - Date.now();
    const lang = typeof locale === 'function' ? locale() : locale;
    const needsAuth = Boolean(flags & 1);
    const retryPolicy = retryOptions(retry, method, idempotencyKey, left);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body) headers['content-type'] = 'application/json';
    if (lang) headers['accept-language'] = lang;
    if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
    if (options.headers) Object.assign(headers, options.headers);
    if (callOptions.headers) Object.assign(headers, callOptions.headers);
    const attempt = (token?: string) => {
      // Only the options this call has: ky merges every key it is given into its own, per call.
      const kyOptions: KyOptions = {
        method,
        headers,
        timeout: callOptions.timeout ?? timeout,
        totalTimeout: Math.max(1, left()),
        retry: retryPolicy,
      };
      if (body !== undefined) kyOptions.body = body;
      // Absent when no caller can abort the call: ky then combines no signals.
      if (signal) kyOptions.signal = signal;
      // Read by the token hook, which is there only when there is a token to set.
      if (tokens) kyOptions.context = { auth: needsAuth, token };
      return api(url, kyOptions).text();
    };

    // A keyed write answered `409 idempotency_in_progress` is sent again after its `Retry-After`
    // for as long as the call's time allows (unless retries are off).
    const waitsOut = idempotencyKey !== undefined && retryPolicy.limit !== 0;
    const handled = (token?: string) =>
      waitsOut
        ? untilHandled(() => attempt(token), left, signal, retryPolicy.maxRetryAfter)
        : attempt(token);

    let text: string;
    try {
      text = await auth.withReplay(needsAuth, handled);
    } catch (error) {
      if (!isHTTPError(error)) throw error;
      throw new ZheliApiError(context, error.request, error.response, error.data, { cause: error });
    }
    return parseBody(context, text, required);
  };

  // `entry` is the operation's row of a generated table: the core table's by default, a feature
  // module's (`@zheli/client/points`, …) when it calls through `features`.
  const call = <O extends OperationId>(
    operationId: O,
    init: RequestInit<O>,
    callOptions: WriteOptions = {},
    entry: OperationEntry | undefined = (operationTable as Record<string, OperationEntry>)[
      operationId
    ],
  ): Promise<ResultOf<O>> => {
    if (!entry) return Promise.reject(new TypeError(`Unknown operation ${operationId}`));
    const { path, query, body } = init as AnyInit;
    const [route, flags, required] = entry;
    const space = route.indexOf(' ');
    const method = route.slice(0, space);
    const template = route.slice(space + 1);
    let url: URL;
    try {
      url = operationUrl(base(), template, path, query);
    } catch (error) {
      return Promise.reject(error);
    }
    const json = body === undefined ? undefined : JSON.stringify(body);
    const explicitKey = flags & 2 ? callOptions.idempotencyKey : undefined;
    const href = url.href;
    const key = options.dedupe === false ? undefined : `${method} ${href} ${explicitKey} ${json}`;
    return share(
      key,
      (signal) =>
        send(
          operationId,
          method,
          href,
          json,
          // One key per logical call: every retry and every joined caller sends the same one.
          flags & 2 ? (explicitKey ?? newIdempotencyKey()) : undefined,
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
    entry?: OperationEntry,
  ) =>
    paginate(
      (cursor) =>
        call(
          operationId,
          { query: { ...query, cursor } } as RequestInit<O>,
          callOptions,
          entry,
        ) as Promise<Page<unknown>>,
      query?.cursor,
    ) as AsyncGenerator<ItemOf<O>, void, undefined>;

  const getMany = createBatcher(
    (ids, signal) => call('batchGetServices', { query: { ids } }, { signal }),
    batchDelay,
  );

  const client: ZheliClient & Features = {
    [featuresKey]: (table) => ({
      call: (operationId, init, o) => call(operationId, init, o, table[operationId]),
      all: (operationId, query, o) => all(operationId, query, o, table[operationId]),
    }),
    request: (operationId, init, o) => call(operationId, init, o),
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
  return client;
}
