// MSW handlers typed from the contract: the path must be one of `paths`, the resolver's path
// params, request body and response body are the operation's, so a handler cannot drift from the
// Open API (a wrong path or a wrong field fails `npm run typecheck`).
import type { Problem, paths, Schemas } from '@zheli/contract';
import {
  delay,
  type HttpHandler,
  HttpResponse,
  type HttpResponseResolver,
  http,
  type RequestHandlerOptions,
} from 'msw';
import { bookings, siteById, sitesFor } from './booking.js';
import { apiBase, signedCode } from './codes.js';
import {
  childrenOf,
  dataConsents,
  evaluationTags,
  handledMatter,
  matterInProgress,
  recommendations,
  regionByCode,
  regionPath,
  regions,
  serviceById,
  servicesIn,
  summary,
} from './seed.js';

export { apiBase, signedCode } from './codes.js';

type Method = 'get' | 'post' | 'put';
type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;
type Json<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type Ok<O> = O extends { responses: infer R } ? Json<R[Extract<keyof R, 200 | 201>]> : never;
type Body<O> = O extends { requestBody?: infer B } ? Json<NonNullable<B>> : never;
type Params<O> = O extends { parameters: { path?: infer P } }
  ? [NonNullable<P>] extends [never]
    ? Record<string, never>
    : { [K in keyof NonNullable<P>]: string }
  : Record<string, never>;

/** The resolver of an operation: its params and body in, its success body or a problem out. */
export type ApiResolver<P extends keyof paths, M extends Method> = HttpResponseResolver<
  Params<Operation<P, M>>,
  Body<Operation<P, M>>,
  Ok<Operation<P, M>> | Problem
>;

/**
 * A handler for one operation of the contract, e.g.
 * `handle('get', '/v1/services', () => HttpResponse.json({ items: [], nextCursor: null }))`.
 */
export function handle<P extends keyof paths, M extends Method>(
  method: M,
  path: P,
  resolver: ApiResolver<P, M>,
  options?: RequestHandlerOptions,
): HttpHandler {
  const url = apiBase + String(path).replace(/\{(\w+)\}/g, ':$1');
  return http[method](url, resolver, options);
}

/** An RFC 9457 problem answer, as the platform sends one. */
export function problem(
  status: number,
  code: Problem['code'],
  title: string,
): HttpResponse<Problem> {
  return HttpResponse.json(
    {
      type: `https://api.zheli.example.gov.cn/problems/${code}`,
      title,
      status,
      code,
      traceId: 'story-0000',
    },
    { status, headers: { 'content-type': 'application/problem+json' } },
  );
}

// --- The platform as the stories see it: the sandbox's seed, searched and paged like the API. ---

const listRegions = handle('get', '/v1/regions', ({ request }) => {
  const parent = new URL(request.url).searchParams.get('parent') ?? undefined;
  return HttpResponse.json({
    items: parent ? childrenOf(parent) : regions.filter((r) => r.parentCode === null),
  });
});

const getRegion = handle('get', '/v1/regions/{code}', ({ params }) => {
  const region = regionByCode(params.code);
  if (!region) return problem(404, 'not_found', '没有这个行政区划');
  return HttpResponse.json({
    ...region,
    path: regionPath(region.code).slice(0, -1),
    children: childrenOf(region.code),
  });
});

const sorts: Record<
  Schemas['ServiceSort'],
  (a: ReturnType<typeof servicesIn>[number], b: ReturnType<typeof servicesIn>[number]) => number
> = {
  relevance: (a, b) => b.popularity - a.popularity,
  popularity: (a, b) => b.popularity - a.popularity,
  rating: (a, b) => (b.rating.score ?? 0) - (a.rating.score ?? 0),
  name: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
};

const searchServices = handle('get', '/v1/services', ({ request }) => {
  const query = new URL(request.url).searchParams;
  const q = (query.get('q') ?? '').trim().toLowerCase();
  const category = query.get('category');
  const audience = query.get('audience');
  const sort = (query.get('sort') ?? 'popularity') as Schemas['ServiceSort'];
  const limit = Number(query.get('limit') ?? 20);
  const offset = Number(query.get('cursor') ?? 0);
  const found = servicesIn(query.get('region') ?? '330000')
    .filter((s) => q === '' || q.split(/\s+/).every((word) => s.haystack.includes(word)))
    .filter((s) => !category || s.category === category)
    .filter((s) => !audience || s.audience === audience)
    .sort(sorts[sort] ?? sorts.popularity);
  const next = offset + limit;
  return HttpResponse.json({
    items: found.slice(offset, next).map(summary),
    nextCursor: next < found.length ? String(next) : null,
    total: found.length,
  });
});

const batchGetServices = handle('get', '/v1/services/batch', ({ request }) => {
  const ids = (new URL(request.url).searchParams.get('ids') ?? '').split(',').filter(Boolean);
  const items = ids.map(serviceById).filter((s) => s !== undefined);
  return HttpResponse.json({
    items,
    missing: ids.filter((id) => !items.some((s) => s.id === id)),
  });
});

const getVenueCode = handle('get', '/v1/sites/{siteId}/code', ({ params }) =>
  HttpResponse.json(signedCode('venue', params.siteId, { minutes: 24 * 60 })),
);

const issueCode = handle('post', '/v1/codes', async ({ request }) => {
  if (!request.headers.get('authorization')) return problem(401, 'unauthenticated', '请先登录');
  const body = await request.json();
  if (body.kind === 'personal') {
    return HttpResponse.json(
      signedCode('personal', 'p-anji-driver', { minutes: 5, refreshMinutes: 4 }),
      { status: 201 },
    );
  }
  // A ticket: the one of an appointment booked in this story, else a seed appointment's.
  const booked = bookings.appointments.get(body.appointmentId ?? '');
  if (booked?.status === 'cancelled') return problem(404, 'not_found', '预约已取消');
  return HttpResponse.json(
    booked?.ticket ??
      signedCode('appointment', body.appointmentId ?? 'apt-7Hq2KfX9', { minutes: 60 }),
    { status: 201 },
  );
});

const matters = new Map([handledMatter, matterInProgress].map((m) => [m.caseNumber, m]));

const getMyMatter = handle('get', '/v1/me/matters/{caseNumber}', ({ request, params }) => {
  if (!request.headers.get('authorization')) return problem(401, 'unauthenticated', '请先登录');
  const matter = matters.get(params.caseNumber);
  return matter ? HttpResponse.json(matter) : problem(404, 'not_found', '没有找到这个办件');
});

/**
 * What the story's person said about their recommendations: hidden ids and revoked data
 * categories, as the platform keeps them; reset before every story.
 */
export const said = {
  hidden: new Set<string>(),
  revoked: new Set<Schemas['DataCategory']>(),
  reset(): void {
    this.hidden.clear();
    this.revoked.clear();
  },
};

const consentOf = (consent: Schemas['DataConsent']): Schemas['DataConsent'] => ({
  ...consent,
  granted: !said.revoked.has(consent.category),
  updatedAt: said.revoked.has(consent.category) ? '2026-11-23T10:00:00+08:00' : null,
});

const listRecommendations = handle('get', '/v1/me/recommendations', ({ request }) => {
  if (!request.headers.get('authorization')) return problem(401, 'unauthenticated', '请先登录');
  return HttpResponse.json({
    items: recommendations.filter(
      (item) =>
        !said.hidden.has(item.id) && !item.uses?.some((use) => said.revoked.has(use.category)),
    ),
    withheld: dataConsents
      .filter((consent) => said.revoked.has(consent.category))
      .map(({ category, name, nameEn, rules }) => ({
        category,
        name,
        nameEn,
        rules: rules.length,
      })),
  });
});

const feedbackOn = (
  id: string,
  body: { reason?: Schemas['DismissReason']; days?: 7 | 30 },
): HttpResponse<Schemas['RecommendationFeedback']> => {
  said.hidden.add(id);
  const until = { 7: '2026-11-30T10:00:00+08:00', 30: '2026-12-23T10:00:00+08:00' };
  const feedback: Schemas['RecommendationFeedback'] = {
    recommendationId: id,
    state: body.days ? 'snoozed' : 'dismissed',
    reason: body.reason ?? null,
    until: body.days ? until[body.days] : null,
    createdAt: '2026-11-23T10:00:00+08:00',
  };
  return HttpResponse.json<Schemas['RecommendationFeedback']>(feedback);
};

const dismissRecommendation = handle(
  'post',
  '/v1/me/recommendations/{recommendationId}/dismiss',
  async ({ params, request }) => feedbackOn(params.recommendationId, await request.json()),
);

const snoozeRecommendation = handle(
  'post',
  '/v1/me/recommendations/{recommendationId}/snooze',
  async ({ params, request }) => feedbackOn(params.recommendationId, await request.json()),
);

const restoreRecommendation = handle(
  'post',
  '/v1/me/recommendations/{recommendationId}/restore',
  ({ params }) => {
    const found = recommendations.find((item) => item.id === params.recommendationId);
    if (!found || !said.hidden.delete(found.id))
      return problem(404, 'not_found', '没有可恢复的推荐');
    return HttpResponse.json(found);
  },
);

const listDataConsents = handle('get', '/v1/me/data-consents', () =>
  HttpResponse.json({ items: dataConsents.map(consentOf) }),
);

const setDataConsent = handle(
  'post',
  '/v1/me/data-consents/{category}',
  async ({ params, request }) => {
    const consent = dataConsents.find((item) => item.category === params.category);
    if (!consent) return problem(400, 'validation_failed', '没有这个数据类别');
    const { granted } = await request.json();
    if (granted) said.revoked.delete(consent.category);
    else said.revoked.add(consent.category);
    return HttpResponse.json(consentOf(consent));
  },
);

const listEvaluationTags = handle('get', '/v1/evaluations/tags', () =>
  HttpResponse.json(evaluationTags),
);

const submitEvaluation = handle('post', '/v1/evaluations', async ({ request }) => {
  if (!request.headers.get('authorization')) return problem(401, 'unauthenticated', '请先登录');
  if (!request.headers.get('idempotency-key')) {
    return problem(400, 'idempotency_key_required', '缺少 Idempotency-Key');
  }
  const body = await request.json();
  const matter = matters.get(body.caseNumber);
  if (!matter) return problem(404, 'not_found', '没有找到这个办件');
  return HttpResponse.json(
    {
      id: 'evl-story0001',
      caseNumber: body.caseNumber,
      serviceId: matter.service.id,
      level: body.level,
      tags: body.tags ?? [],
      comment: body.comment ?? null,
      createdAt: new Date().toISOString(),
    },
    { status: 201 },
  );
});

// --- Booking: sites, their calendars, appointments (idempotent writes) and their tickets. ---

const listSites = handle('get', '/v1/sites', ({ request }) => {
  const query = new URL(request.url).searchParams;
  const service = query.get('service');
  const items = service === null ? [] : sitesFor(service, query.get('region') ?? undefined);
  return HttpResponse.json({ items, nextCursor: null });
});

const getSite = handle('get', '/v1/sites/{siteId}', ({ params }) => {
  const site = siteById(params.siteId);
  return site ? HttpResponse.json(site) : problem(404, 'not_found', '没有这个办理地点');
});

const listSlots = handle('get', '/v1/sites/{siteId}/slots', ({ request, params }) => {
  const query = new URL(request.url).searchParams;
  const service = query.get('service');
  const from = query.get('from');
  const to = query.get('to');
  if (!siteById(params.siteId)) return problem(404, 'not_found', '没有这个办理地点');
  if (service === null || from === null || to === null) {
    return problem(400, 'validation_failed', '缺少 service、from 或 to');
  }
  return HttpResponse.json({
    siteId: params.siteId,
    serviceId: service,
    timeZone: 'Asia/Shanghai',
    days: bookings.calendar(params.siteId, from, to),
  });
});

/** The checks every write to appointments makes: signed in, and an Idempotency-Key. */
function writeRefused(request: Request, operation: string): HttpResponse<Problem> | undefined {
  const key = request.headers.get('idempotency-key');
  bookings.writes.push({ operation, key });
  if (!request.headers.get('authorization')) return problem(401, 'unauthenticated', '请先登录');
  if (key === null && operation !== 'cancel') {
    return problem(400, 'idempotency_key_required', '缺少 Idempotency-Key');
  }
  return undefined;
}

const bookAppointment = handle('post', '/v1/appointments', async ({ request }) => {
  const refused = writeRefused(request, 'book');
  if (refused) return refused;
  const key = request.headers.get('idempotency-key') ?? '';
  const replay = bookings.answers.get(key);
  if (replay) {
    return HttpResponse.json(replay, { status: 201, headers: { 'idempotent-replayed': 'true' } });
  }
  const body = await request.json();
  const site = siteById(body.siteId);
  const slot = bookings.slot(body.siteId, body.slotId);
  if (!site || !slot) return problem(404, 'not_found', '没有这个时段');
  const appointment = bookings.book(body.serviceId, site, slot);
  if (!appointment) return problem(409, 'slot_full', '该时段已约满');
  bookings.answers.set(key, appointment);
  return HttpResponse.json(appointment, { status: 201 });
});

const cancelAppointment = handle(
  'post',
  '/v1/appointments/{appointmentId}/cancel',
  ({ request, params }) => {
    const refused = writeRefused(request, 'cancel');
    if (refused) return refused;
    const appointment = bookings.appointments.get(params.appointmentId);
    if (!appointment) return problem(404, 'not_found', '没有这个预约');
    return HttpResponse.json(bookings.cancel(appointment));
  },
);

const rescheduleAppointment = handle(
  'post',
  '/v1/appointments/{appointmentId}/reschedule',
  async ({ request, params }) => {
    const refused = writeRefused(request, 'reschedule');
    if (refused) return refused;
    const key = request.headers.get('idempotency-key') ?? '';
    const replay = bookings.answers.get(key);
    if (replay) return HttpResponse.json(replay, { headers: { 'idempotent-replayed': 'true' } });
    const appointment = bookings.appointments.get(params.appointmentId);
    if (!appointment) return problem(404, 'not_found', '没有这个预约');
    const body = await request.json();
    const slot = bookings.slot(appointment.site.id, body.slotId);
    if (!slot) return problem(404, 'not_found', '没有这个时段');
    const moved = bookings.reschedule(appointment, slot);
    if (!moved) return problem(409, 'slot_full', '该时段已约满');
    bookings.answers.set(key, moved);
    return HttpResponse.json(moved);
  },
);

/**
 * Any other request to the platform: a 501 that names it, so a story that calls an operation
 * nobody mocked shows an error instead of reaching for a host that does not exist.
 */
const notMocked = http.all(`${apiBase}/*`, ({ request }) =>
  problem(501, 'internal_error', `Not mocked in the stories: ${request.method} ${request.url}`),
);

/** Every operation the elements call, answered from the seed: what a story gets by default. */
export const platform: HttpHandler[] = [
  listRegions,
  getRegion,
  searchServices,
  batchGetServices,
  getVenueCode,
  issueCode,
  getMyMatter,
  listRecommendations,
  dismissRecommendation,
  snoozeRecommendation,
  restoreRecommendation,
  listDataConsents,
  setDataConsent,
  listEvaluationTags,
  submitEvaluation,
  listSites,
  getSite,
  listSlots,
  bookAppointment,
  cancelAppointment,
  rescheduleAppointment,
  notMocked,
];

// --- States a story asks for. ---

/** The operation never answers: the element stays in its loading state. */
export function pending<P extends keyof paths, M extends Method>(method: M, path: P): HttpHandler {
  return handle<P, M>(method, path, async () => {
    await delay('infinite');
    return problem(504, 'service_unavailable', 'never');
  });
}

/** The operation fails once with a 503 (the platform is busy), then answers normally. */
export function failsOnce<P extends keyof paths, M extends Method>(
  method: M,
  path: P,
): HttpHandler {
  return handle<P, M>(
    method,
    path,
    () => problem(503, 'service_unavailable', '服务繁忙，请稍后再试'),
    {
      once: true,
    },
  );
}

/**
 * An outage of one operation: from `start()` it fails with a 503 (the platform is busy), however
 * often the element asks, until `end()`; then it answers normally. For error states whose element
 * may ask more than once before it shows the error.
 */
export function outage<P extends keyof paths, M extends Method>(method: M, path: P) {
  let down = false;
  const handler = handle<P, M>(method, path, () =>
    down ? problem(503, 'service_unavailable', '服务繁忙，请稍后再试') : undefined,
  );
  return {
    start(): HttpHandler {
      down = true;
      return handler;
    },
    end(): void {
      down = false;
    },
  };
}
