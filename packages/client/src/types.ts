// Shapes of the client, bound once to `@zheli/contract`'s generated types: nothing here restates
// a field of the contract.
// Just over 400 lines because it is declarations only: one typed method group per contract tag,
// each documented for the API reference; no runtime code.
import type { OperationId, operations, Schemas, SuccessBody } from '@zheli/contract';
import type { CoreOperationId } from './generated/operations.js';

type Parameters<O extends OperationId> = operations[O]['parameters'];
type RequestBody<O extends OperationId> = operations[O]['requestBody'];

/** The query parameters of an operation, e.g. `QueryOf<'searchServices'>`. */
export type QueryOf<O extends OperationId> = NonNullable<Parameters<O>['query']>;

/** The path parameters of an operation, e.g. `PathOf<'getService'>['serviceId']`. */
export type PathOf<O extends OperationId> = NonNullable<Parameters<O>['path']>;

/** The JSON request body of an operation, `never` when it takes none. */
export type BodyOf<O extends OperationId> = [NonNullable<RequestBody<O>>] extends [never]
  ? never
  : NonNullable<RequestBody<O>> extends { content: { 'application/json': infer B } }
    ? B
    : never;

/** The JSON body of an operation's successful response. */
export type ResultOf<O extends OperationId> = SuccessBody<O>;

/** The element type of a paginated operation's `items`. */
export type ItemOf<O extends OperationId> = ResultOf<O> extends { items: (infer I)[] } ? I : never;

/** The operations answered with `{ items, nextCursor }` and taking a `cursor`. */
export type PaginatedOperationId = {
  [O in OperationId]: ResultOf<O> extends { nextCursor: unknown }
    ? 'cursor' extends keyof QueryOf<O>
      ? O
      : never
    : never;
}[OperationId];

/**
 * What `client.request(operationId, init)` takes: the operation's path and query parameters and
 * its body, each required exactly when the contract requires it. Headers the client manages
 * (`Authorization`, `Idempotency-Key`) are not part of it.
 */
export type RequestInit<O extends OperationId> = ([PathOf<O>] extends [never]
  ? { path?: undefined }
  : { path: PathOf<O> }) &
  (undefined extends Parameters<O>['query'] ? { query?: QueryOf<O> } : { query: QueryOf<O> }) &
  ([BodyOf<O>] extends [never]
    ? { body?: undefined }
    : undefined extends RequestBody<O>
      ? { body?: BodyOf<O> }
      : { body: BodyOf<O> });

/** Options of one call. */
export interface CallOptions {
  /** Aborts the call: its promise rejects with the signal's reason and no retry follows. */
  signal?: AbortSignal;
  /** Milliseconds per attempt; overrides the client's `timeout`. */
  timeout?: number;
  /** Milliseconds for the whole call, retries and waits included; overrides `totalTimeout`. */
  totalTimeout?: number;
  /** Extra request headers. */
  headers?: Record<string, string>;
}

/** Options of a write (`book`, `cancel`, `reschedule`, `submit`). */
export interface WriteOptions extends CallOptions {
  /**
   * The `Idempotency-Key` of this logical operation. By default the client makes one per call
   * and sends it on every retry; pass your own to make a retry of a whole user action (after a
   * reload, say) replay the first answer instead of acting twice.
   */
  idempotencyKey?: string;
}

/** A service as a card shows it (`batchGetServices`, `searchServices`). */
export type ServiceSummary = Schemas['ServiceSummary'];

/**
 * The typed client: one method per operation of the contract, grouped as the contract's tags.
 * Every parameter and result type comes from `@zheli/contract`.
 */
export interface ZheliClient {
  /**
   * Calls any operation of the contract by its `operationId`, with the client's retries,
   * token, de-duplication and response checks: the escape hatch under the resource methods.
   * @example
   * ```ts
   * const site = await client.request('getSite', { path: { siteId: 'site-anji-inspection-1' } });
   * ```
   */
  request<O extends CoreOperationId>(
    operationId: O,
    init: RequestInit<O>,
    options?: WriteOptions,
  ): Promise<ResultOf<O>>;

  /** Administrative regions (GB/T 2260). */
  regions: {
    /** `listRegions`: the province, or the direct children of `parent`. */
    list(query?: QueryOf<'listRegions'>, options?: CallOptions): Promise<ResultOf<'listRegions'>>;
    /** `getRegion`: a region with its ancestors and children. */
    get(code: PathOf<'getRegion'>['code'], options?: CallOptions): Promise<ResultOf<'getRegion'>>;
  };

  /** Service categories. */
  categories: {
    /** `listCategories`: the categories with their service counts for a region. */
    list(
      query?: QueryOf<'listCategories'>,
      options?: CallOptions,
    ): Promise<ResultOf<'listCategories'>>;
  };

  /** The service catalog. */
  services: {
    /** `searchServices`: one page of results. */
    search(
      query?: QueryOf<'searchServices'>,
      options?: CallOptions,
    ): Promise<ResultOf<'searchServices'>>;
    /** Every result of a search, page after page: `for await (const s of searchAll(q))`. */
    searchAll(
      query?: QueryOf<'searchServices'>,
      options?: CallOptions,
    ): AsyncGenerator<ItemOf<'searchServices'>, void, undefined>;
    /** `getService`: a service with its materials, sites and rules. */
    get(
      serviceId: PathOf<'getService'>['serviceId'],
      options?: CallOptions,
    ): Promise<ResultOf<'getService'>>;
    /**
     * `batchGetServices`, batched: the ids asked for by every caller within one tick go out as
     * one request (split by 100); each caller gets its own ids, in its order, and `missing`.
     */
    getMany(
      ids: readonly ServiceSummary['id'][],
      options?: CallOptions,
    ): Promise<ResultOf<'batchGetServices'>>;
    /** One service card's data through the batcher; `undefined` when no such service exists. */
    summary(
      serviceId: ServiceSummary['id'],
      options?: CallOptions,
    ): Promise<ServiceSummary | undefined>;
  };

  /** One-matter bundles (一件事). */
  bundles: {
    /** `listBundles`: one page. */
    list(query?: QueryOf<'listBundles'>, options?: CallOptions): Promise<ResultOf<'listBundles'>>;
    /** Every bundle, page after page. */
    listAll(
      query?: QueryOf<'listBundles'>,
      options?: CallOptions,
    ): AsyncGenerator<ItemOf<'listBundles'>, void, undefined>;
    /** `getBundle`: a bundle with its services. */
    get(
      bundleId: PathOf<'getBundle'>['bundleId'],
      options?: CallOptions,
    ): Promise<ResultOf<'getBundle'>>;
  };

  /** Where services are handled. */
  sites: {
    /** `listSites`: one page. */
    list(query?: QueryOf<'listSites'>, options?: CallOptions): Promise<ResultOf<'listSites'>>;
    /** Every site, page after page. */
    listAll(
      query?: QueryOf<'listSites'>,
      options?: CallOptions,
    ): AsyncGenerator<ItemOf<'listSites'>, void, undefined>;
    /** `getSite`: a site's address, hours and services. */
    get(siteId: PathOf<'getSite'>['siteId'], options?: CallOptions): Promise<ResultOf<'getSite'>>;
    /** `listSlots`: the bookable days and slots of a site for a service. */
    slots(
      siteId: PathOf<'listSlots'>['siteId'],
      query: QueryOf<'listSlots'>,
      options?: CallOptions,
    ): Promise<ResultOf<'listSlots'>>;
    /** `getVenueCode`: the site's signed venue code (场所码). */
    venueCode(
      siteId: PathOf<'getVenueCode'>['siteId'],
      options?: CallOptions,
    ): Promise<ResultOf<'getVenueCode'>>;
  };

  /** The signed-in person's appointments (scope `appointments`). */
  appointments: {
    /** `bookAppointment`, with one `Idempotency-Key` for the call and all its retries. */
    book(
      body: BodyOf<'bookAppointment'>,
      options?: WriteOptions,
    ): Promise<ResultOf<'bookAppointment'>>;
    /** `listMyAppointments`: one page. */
    list(
      query?: QueryOf<'listMyAppointments'>,
      options?: CallOptions,
    ): Promise<ResultOf<'listMyAppointments'>>;
    /** Every appointment, page after page. */
    listAll(
      query?: QueryOf<'listMyAppointments'>,
      options?: CallOptions,
    ): AsyncGenerator<ItemOf<'listMyAppointments'>, void, undefined>;
    /** `getAppointment`. */
    get(
      appointmentId: PathOf<'getAppointment'>['appointmentId'],
      options?: CallOptions,
    ): Promise<ResultOf<'getAppointment'>>;
    /** `cancelAppointment`, with an `Idempotency-Key`. */
    cancel(
      appointmentId: PathOf<'cancelAppointment'>['appointmentId'],
      body?: BodyOf<'cancelAppointment'>,
      options?: WriteOptions,
    ): Promise<ResultOf<'cancelAppointment'>>;
    /** `rescheduleAppointment`, with an `Idempotency-Key`. */
    reschedule(
      appointmentId: PathOf<'rescheduleAppointment'>['appointmentId'],
      body: BodyOf<'rescheduleAppointment'>,
      options?: WriteOptions,
    ): Promise<ResultOf<'rescheduleAppointment'>>;
  };

  /** Signed QR codes. Offline verification: the standalone `verifyCode()`. */
  codes: {
    /** `issueCode`: a personal code or an appointment ticket (scope `codes`). */
    issue(body: BodyOf<'issueCode'>, options?: CallOptions): Promise<ResultOf<'issueCode'>>;
    /** `verifyCode`: online verification, revocation included. */
    verify(
      token: BodyOf<'verifyCode'>['token'],
      options?: CallOptions,
    ): Promise<ResultOf<'verifyCode'>>;
    /** `getCodeKeys`: the code-signing keys (JWKS) for offline verification. */
    keys(options?: CallOptions): Promise<ResultOf<'getCodeKeys'>>;
  };

  /** Evaluations of handled matters (好差评). */
  evaluations: {
    /** `listEvaluationTags`: the five levels and their tags. */
    tags(options?: CallOptions): Promise<ResultOf<'listEvaluationTags'>>;
    /** `submitEvaluation`, with an `Idempotency-Key` (scope `evaluations`). */
    submit(
      body: BodyOf<'submitEvaluation'>,
      options?: WriteOptions,
    ): Promise<ResultOf<'submitEvaluation'>>;
    /** `listMyEvaluations`: one page. */
    list(
      query?: QueryOf<'listMyEvaluations'>,
      options?: CallOptions,
    ): Promise<ResultOf<'listMyEvaluations'>>;
    /** Every evaluation, page after page. */
    listAll(
      query?: QueryOf<'listMyEvaluations'>,
      options?: CallOptions,
    ): AsyncGenerator<ItemOf<'listMyEvaluations'>, void, undefined>;
  };

  /** The signed-in person. */
  me: {
    /** `getProfile`: masked, by scope. */
    profile(options?: CallOptions): Promise<ResultOf<'getProfile'>>;
    /** `listRecommendations`: policies and services the person is eligible for. */
    recommendations(options?: CallOptions): Promise<ResultOf<'listRecommendations'>>;
    /** `listMyMatters`: one page of handled matters. */
    matters(
      query?: QueryOf<'listMyMatters'>,
      options?: CallOptions,
    ): Promise<ResultOf<'listMyMatters'>>;
    /** Every handled matter, page after page. */
    mattersAll(
      query?: QueryOf<'listMyMatters'>,
      options?: CallOptions,
    ): AsyncGenerator<ItemOf<'listMyMatters'>, void, undefined>;
    /** `getMyMatter`: one handled matter by case number. */
    matter(
      caseNumber: PathOf<'getMyMatter'>['caseNumber'],
      options?: CallOptions,
    ): Promise<ResultOf<'getMyMatter'>>;
  };

  /** The OpenID Connect issuer. */
  identity: {
    /** `getOpenIdConfiguration`: the discovery document at `baseUrl`. */
    configuration(options?: CallOptions): Promise<ResultOf<'getOpenIdConfiguration'>>;
  };
}

/**
 * The one-matter applications (一件事办理) of `applications(client)`, from
 * `@zheli/client/applications`: the guide is public; the rest needs the scope
 * `applications`.
 */
export interface ApplicationsClient {
  /** `getBundleGuide`: the steps, the materials merged across them, and the form's schema. */
  guide(
    bundleId: PathOf<'getBundleGuide'>['bundleId'],
    query?: QueryOf<'getBundleGuide'>,
    options?: CallOptions,
  ): Promise<ResultOf<'getBundleGuide'>>;
  /** `listMyDocuments`: the person's documents on file (证照), masked. */
  documents(options?: CallOptions): Promise<ResultOf<'listMyDocuments'>>;
  /** `getBundleDraft`: the draft saved last, from any device; rejects with `404` when none. */
  draft(
    bundleId: PathOf<'getBundleDraft'>['bundleId'],
    options?: CallOptions,
  ): Promise<ResultOf<'getBundleDraft'>>;
  /** `saveBundleDraft` (PUT): replaces the draft. */
  saveDraft(
    bundleId: PathOf<'saveBundleDraft'>['bundleId'],
    body: BodyOf<'saveBundleDraft'>,
    options?: CallOptions,
  ): Promise<ResultOf<'saveBundleDraft'>>;
  /** `submitBundleApplication`, with one `Idempotency-Key` for the call and all its retries. */
  submit(
    body: BodyOf<'submitBundleApplication'>,
    options?: WriteOptions,
  ): Promise<ResultOf<'submitBundleApplication'>>;
  /** `listMyBundleApplications`: one page, newest first. */
  list(
    query?: QueryOf<'listMyBundleApplications'>,
    options?: CallOptions,
  ): Promise<ResultOf<'listMyBundleApplications'>>;
  /** Every application, page after page. */
  listAll(
    query?: QueryOf<'listMyBundleApplications'>,
    options?: CallOptions,
  ): AsyncGenerator<ItemOf<'listMyBundleApplications'>, void, undefined>;
  /** `getBundleApplication`: with each department's progress as of now. */
  get(
    applicationId: PathOf<'getBundleApplication'>['applicationId'],
    options?: CallOptions,
  ): Promise<ResultOf<'getBundleApplication'>>;
  /** `resubmitBundleStep`: corrects a rejected step, with an `Idempotency-Key`. */
  resubmitStep(
    applicationId: PathOf<'resubmitBundleStep'>['applicationId'],
    serviceId: PathOf<'resubmitBundleStep'>['serviceId'],
    body: BodyOf<'resubmitBundleStep'>,
    options?: WriteOptions,
  ): Promise<ResultOf<'resubmitBundleStep'>>;
}

/** The village points ledger (信治积分) of `points(client)`, from `@zheli/client/points`. */
export interface PointsClient {
  /** `listPointRules`: a village's rules and its points shop (public). */
  rules(
    villageId: PathOf<'listPointRules'>['villageId'],
    options?: CallOptions,
  ): Promise<ResultOf<'listPointRules'>>;
  /** `getMyPoints`: the person's and their household's balances (scope `points`). */
  mine(options?: CallOptions): Promise<ResultOf<'getMyPoints'>>;
  /** `listMyPointEntries`: one page of the ledger, the person's or the household's. */
  entries(
    query?: QueryOf<'listMyPointEntries'>,
    options?: CallOptions,
  ): Promise<ResultOf<'listMyPointEntries'>>;
  /** Every ledger entry, page after page. */
  entriesAll(
    query?: QueryOf<'listMyPointEntries'>,
    options?: CallOptions,
  ): AsyncGenerator<ItemOf<'listMyPointEntries'>, void, undefined>;
  /**
   * `redeemPoints`: spends points on a reward and answers its signed redemption code, with one
   * `Idempotency-Key` for the call and all its retries (a retry gets the same code). A balance
   * that does not cover it rejects with `409 insufficient_points`.
   */
  redeem(body: BodyOf<'redeemPoints'>, options?: WriteOptions): Promise<ResultOf<'redeemPoints'>>;
  /** `listPointHouseholds`: a village's households and balances (officers, scope `points:record`). */
  households(
    villageId: PathOf<'listPointHouseholds'>['villageId'],
    options?: CallOptions,
  ): Promise<ResultOf<'listPointHouseholds'>>;
  /** `recordPoints`: records points by a rule, with an `Idempotency-Key` (officers, scope `points:record`). */
  record(
    villageId: PathOf<'recordPoints'>['villageId'],
    body: BodyOf<'recordPoints'>,
    options?: WriteOptions,
  ): Promise<ResultOf<'recordPoints'>>;
}

/**
 * The signed-in person's recommendation controls and data consents of
 * `recommendationControls(client)`, from `@zheli/client/recommendation-controls`.
 */
export interface RecommendationControlsClient {
  /** `dismissRecommendation`: hides one for good, with a reason (scope `profile`). */
  dismissRecommendation(
    recommendationId: PathOf<'dismissRecommendation'>['recommendationId'],
    body: BodyOf<'dismissRecommendation'>,
    options?: CallOptions,
  ): Promise<ResultOf<'dismissRecommendation'>>;
  /** `snoozeRecommendation`: hides one for 7 or 30 days. */
  snoozeRecommendation(
    recommendationId: PathOf<'snoozeRecommendation'>['recommendationId'],
    body: BodyOf<'snoozeRecommendation'>,
    options?: CallOptions,
  ): Promise<ResultOf<'snoozeRecommendation'>>;
  /** `restoreRecommendation`: undoes a dismissal or snooze; resolves the recommendation. */
  restoreRecommendation(
    recommendationId: PathOf<'restoreRecommendation'>['recommendationId'],
    options?: CallOptions,
  ): Promise<ResultOf<'restoreRecommendation'>>;
  /** `listDataConsents`: the data categories the rules read, and the person's consent. */
  dataConsents(options?: CallOptions): Promise<ResultOf<'listDataConsents'>>;
  /** `setDataConsent`: grants or revokes the consent to one category. */
  setDataConsent(
    category: PathOf<'setDataConsent'>['category'],
    body: BodyOf<'setDataConsent'>,
    options?: CallOptions,
  ): Promise<ResultOf<'setDataConsent'>>;
}
