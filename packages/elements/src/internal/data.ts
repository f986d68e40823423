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
  services: {
    /** `GET /v1/services/batch`: up to 100 services by id, and the ids not found. */
    getMany(ids: readonly ServiceId[], options?: CallOptions): Promise<Schemas['ServiceBatch']>;
    /** `GET /v1/services`: one page of a search. */
    search(query: ServiceQuery, options?: CallOptions): Promise<Schemas['ServicePage']>;
  };
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
  me?: {
    /** `GET /v1/me/matters/{caseNumber}`: one matter, with its evaluation if rated. */
    matter(caseNumber: CaseNumber, options?: CallOptions): Promise<Schemas['Matter']>;
    /** `GET /v1/me/recommendations`: the person's recommendations, best match first. */
    recommendations?(options?: CallOptions): Promise<Schemas['RecommendationList']>;
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
