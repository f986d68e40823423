import type { operations, Schemas } from '@zheli/contract';

/** A service's id, as the contract spells it. */
export type ServiceId = Schemas['ServiceId'];
/** A GB/T 2260 region code. */
export type RegionCode = Schemas['RegionCode'];
/** The query of `GET /v1/services`. */
export type ServiceQuery = NonNullable<operations['searchServices']['parameters']['query']>;
/** The query of `GET /v1/regions`. */
export type RegionQuery = NonNullable<operations['listRegions']['parameters']['query']>;

/** A handled matter's case number (办件编号). */
export type CaseNumber = Schemas['CaseNumber'];

/** What every data call accepts. */
export interface CallOptions {
  /** Aborts the call when the element no longer needs the answer. */
  signal?: AbortSignal;
}

/** What a write accepts: the `Idempotency-Key` of the user's action, sent on every retry. */
export interface WriteOptions extends CallOptions {
  /** The same key for a retry of the same action makes the platform replay, not act twice. */
  idempotencyKey?: string;
}

/** The query of `GET /v1/sites`. */
export type SiteQuery = NonNullable<operations['listSites']['parameters']['query']>;
/** The query of `GET /v1/sites/{siteId}/slots`. */
export type SlotQuery = operations['listSlots']['parameters']['query'];

/**
 * The part of `@zheli/client` the elements call, and nothing more. A client made by
 * `createClient()` provides it (see `connect.ts`); tests may pass their own.
 */
export interface ZheliData {
  /** The service catalog: service cards load through `getMany`, the catalog through `search`. */
  services: {
    /** `GET /v1/services/batch`: up to 100 services by id, and the ids not found. */
    getMany(ids: readonly ServiceId[], options?: CallOptions): Promise<Schemas['ServiceBatch']>;
    /** `GET /v1/services`: one page of a search. */
    search(query: ServiceQuery, options?: CallOptions): Promise<Schemas['ServicePage']>;
  };
  /** The region tree of Zhejiang (GB/T 2260 codes), which `<zheli-region-picker>` walks. */
  regions: {
    /** `GET /v1/regions`: the province without `parent`, else the parent's direct children. */
    list(query?: RegionQuery, options?: CallOptions): Promise<Schemas['RegionList']>;
    /** `GET /v1/regions/{code}`: a region with its ancestors and children. */
    get(code: RegionCode, options?: CallOptions): Promise<Schemas['RegionDetail']>;
  };
  /** Sites: venue codes for `<zheli-qr-code kind="venue">`, sites and slots for the picker. */
  sites?: {
    /** `GET /v1/sites/{siteId}/code`: the site's signed venue code (场所码). */
    venueCode(siteId: string, options?: CallOptions): Promise<Schemas['SignedCode']>;
    /** `GET /v1/sites`: a page of sites, by service, region and kind (the picker's site chooser). */
    list?(query?: SiteQuery, options?: CallOptions): Promise<Schemas['SitePage']>;
    /** `GET /v1/sites/{siteId}`: one site (the picker given a `site-id`). */
    get?(siteId: string, options?: CallOptions): Promise<Schemas['Site']>;
    /** `GET /v1/sites/{siteId}/slots`: the days and slots with places left. */
    slots?(
      siteId: string,
      query: SlotQuery,
      options?: CallOptions,
    ): Promise<Schemas['SlotCalendar']>;
  };
  /** The signed-in person's appointments, for `<zheli-appointment-picker>`. */
  appointments?: {
    /** `GET /v1/appointments`: a page of the person's appointments (their booking for the service). */
    list?(
      query?: operations['listMyAppointments']['parameters']['query'],
      options?: CallOptions,
    ): Promise<Schemas['AppointmentPage']>;
    /** `POST /v1/appointments`: books a slot. */
    book(body: Schemas['BookingRequest'], options?: WriteOptions): Promise<Schemas['Appointment']>;
    /** `POST /v1/appointments/{id}/cancel`. */
    cancel(
      appointmentId: string,
      body?: Schemas['CancelRequest'],
      options?: WriteOptions,
    ): Promise<Schemas['Appointment']>;
    /** `POST /v1/appointments/{id}/reschedule`: moves it to another slot, with a new ticket. */
    reschedule(
      appointmentId: string,
      body: Schemas['RescheduleRequest'],
      options?: WriteOptions,
    ): Promise<Schemas['Appointment']>;
  };
  /** Signed codes, for `<zheli-qr-code kind="personal">` and `kind="appointment"`. */
  codes?: {
    /** `POST /v1/codes`: a personal code or an appointment ticket (signed in). */
    issue(body: Schemas['IssueCodeRequest'], options?: CallOptions): Promise<Schemas['SignedCode']>;
    /** `GET /v1/codes/jwks`: the code-signing keys, for offline verification. */
    keys(options?: CallOptions): Promise<Schemas['JsonWebKeySet']>;
  };
  /** Evaluations of handled matters (好差评), for `<zheli-evaluation>`. */
  evaluations?: {
    /** `GET /v1/evaluations/tags`: the five levels, best first, with their reason tags. */
    tags(options?: CallOptions): Promise<Schemas['EvaluationTagList']>;
    /** `POST /v1/evaluations`: rates a handled matter (signed in, with an `Idempotency-Key`). */
    submit(
      body: Schemas['EvaluationRequest'],
      options?: WriteOptions,
    ): Promise<Schemas['Evaluation']>;
  };
  /** The signed-in person: handled matters (`<zheli-evaluation>`), recommendations. */
  /** One-matter applications (一件事办理), for `<zheli-matter>`. */
  applications?: {
    /** `GET /v1/bundles/{bundleId}/guide`: steps, merged materials and the form's schema. */
    guide(
      bundleId: string,
      query?: operations['getBundleGuide']['parameters']['query'],
      options?: CallOptions,
    ): Promise<Schemas['BundleGuide']>;
    /** `GET /v1/me/documents`: the documents on file (证照), masked. */
    documents(options?: CallOptions): Promise<Schemas['DocumentList']>;
    /** `GET /v1/me/bundle-drafts/{bundleId}`: the saved draft; rejects with a `404` when none. */
    draft(bundleId: string, options?: CallOptions): Promise<Schemas['BundleDraft']>;
    /** `PUT /v1/me/bundle-drafts/{bundleId}`: saves the draft. */
    saveDraft(
      bundleId: string,
      body: Schemas['BundleDraftRequest'],
      options?: CallOptions,
    ): Promise<Schemas['BundleDraft']>;
    /** `POST /v1/me/bundle-applications`, with an `Idempotency-Key`. */
    submit(
      body: Schemas['BundleApplicationRequest'],
      options?: WriteOptions,
    ): Promise<Schemas['BundleApplication']>;
    /** `GET /v1/me/bundle-applications`: the person's applications, newest first. */
    list(
      query?: operations['listMyBundleApplications']['parameters']['query'],
      options?: CallOptions,
    ): Promise<Schemas['BundleApplicationPage']>;
    /** `GET /v1/me/bundle-applications/{applicationId}`: with each department's progress. */
    get(applicationId: string, options?: CallOptions): Promise<Schemas['BundleApplication']>;
    /** `POST …/steps/{serviceId}/resubmit`: corrects a rejected step. */
    resubmitStep(
      applicationId: string,
      serviceId: string,
      body: Schemas['StepResubmitRequest'],
      options?: WriteOptions,
    ): Promise<Schemas['BundleApplication']>;
  };
  /** The signed-in person's own resources (`/v1/me/…`): matters, recommendations and consents. */
  me?: {
    /** `GET /v1/me/matters/{caseNumber}`: one matter, with its evaluation if rated. */
    matter(caseNumber: CaseNumber, options?: CallOptions): Promise<Schemas['Matter']>;
    /** `GET /v1/me/recommendations`: the person's recommendations, best match first. */
    recommendations?(options?: CallOptions): Promise<Schemas['RecommendationList']>;
    /** `POST /v1/me/recommendations/{id}/dismiss`: hides one for good, with a reason. */
    dismissRecommendation?(
      recommendationId: string,
      body: Schemas['DismissRequest'],
      options?: CallOptions,
    ): Promise<Schemas['RecommendationFeedback']>;
    /** `POST /v1/me/recommendations/{id}/snooze`: hides one for 7 or 30 days. */
    snoozeRecommendation?(
      recommendationId: string,
      body: Schemas['SnoozeRequest'],
      options?: CallOptions,
    ): Promise<Schemas['RecommendationFeedback']>;
    /** `POST /v1/me/recommendations/{id}/restore`: undoes a dismissal or a snooze. */
    restoreRecommendation?(
      recommendationId: string,
      options?: CallOptions,
    ): Promise<Schemas['Recommendation']>;
    /** `GET /v1/me/data-consents`: the data categories the rules read, and the consent to each. */
    dataConsents?(options?: CallOptions): Promise<Schemas['DataConsentList']>;
    /** `POST /v1/me/data-consents/{category}`: grants or revokes one category. */
    setDataConsent?(
      category: Schemas['DataCategory'],
      body: Schemas['DataConsentRequest'],
      options?: CallOptions,
    ): Promise<Schemas['DataConsent']>;
  };
  /** A village's points ledger (信治积分), for `<zheli-points>`. */
  points?: {
    /** `GET /v1/villages/{villageId}/points/rules`: the rules and the points shop (public). */
    rules(villageId: string, options?: CallOptions): Promise<Schemas['PointRules']>;
    /** `GET /v1/me/points`: the person's and their household's balances (signed in). */
    mine(options?: CallOptions): Promise<Schemas['PointsAccount']>;
    /** `GET /v1/me/points/entries`: a page of the ledger, the person's or the household's. */
    entries(
      query?: operations['listMyPointEntries']['parameters']['query'],
      options?: CallOptions,
    ): Promise<Schemas['PointEntryPage']>;
    /** `POST /v1/me/points/redemptions`: redeems a reward for a signed code. */
    redeem(
      body: Schemas['RedeemPointsRequest'],
      options?: WriteOptions,
    ): Promise<Schemas['PointRedemption']>;
  };
}

/** The most ids `GET /v1/services/batch` takes. */
const batchLimit = 100;

interface Pending {
  resolve(service: Schemas['ServiceSummary'] | undefined): void;
  reject(reason: unknown): void;
}

const queues = new WeakMap<ZheliData, Map<ServiceId, Pending[]>>();

/**
 * Loads one service through `data.services.getMany`, coalescing every call made in the same
 * task into one request per 100 ids: fifty cards on a page make one request. Resolves
 * `undefined` for an id the platform does not know.
 */
export function loadService(
  data: ZheliData,
  id: ServiceId,
): Promise<Schemas['ServiceSummary'] | undefined> {
  return new Promise((resolve, reject) => {
    let queue = queues.get(data);
    if (queue === undefined) {
      const fresh = new Map<ServiceId, Pending[]>();
      queues.set(data, fresh);
      queue = fresh;
      setTimeout(() => flush(data, fresh), 0);
    }
    const waiting = queue.get(id) ?? [];
    waiting.push({ resolve, reject });
    queue.set(id, waiting);
  });
}

function flush(data: ZheliData, queue: Map<ServiceId, Pending[]>): void {
  queues.delete(data);
  const ids = [...queue.keys()];
  for (let start = 0; start < ids.length; start += batchLimit) {
    const chunk = ids.slice(start, start + batchLimit);
    data.services.getMany(chunk).then(
      (batch) => {
        const byId = new Map(batch.items.map((item) => [item.id, item]));
        for (const id of chunk) {
          for (const waiting of queue.get(id) ?? []) waiting.resolve(byId.get(id));
        }
      },
      (error: unknown) => {
        for (const id of chunk) {
          for (const waiting of queue.get(id) ?? []) waiting.reject(error);
        }
      },
    );
  }
}
