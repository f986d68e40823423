// Fixtures shared by the unit tests (not exported from the package). Bodies are the contract's
// own examples, so a fixture cannot drift from the contract unnoticed.
import type { Schemas, SuccessBody } from '@zheli/contract';
import { HTTPError, type NormalizedOptions } from 'ky';
import { HttpResponse } from 'msw';
import { vi } from 'vitest';

export const base = 'http://api.test';

export const service = (id: string): Schemas['ServiceSummary'] => ({
  id,
  code: '330523-JT-0012',
  name: '机动车检验预约',
  nameEn: 'Vehicle inspection booking',
  summary: '预约机动车安全技术检验，到站即检，30分钟办结。',
  department: { id: 'dept-330523-public_security', name: '安吉县公安局', nameEn: 'Anji PSB' },
  level: 'county',
  region: { code: '330523', name: '安吉县' },
  audience: 'person',
  category: 'transport',
  onlineLevel: 'visit_once',
  maxVisits: 1,
  promisedDays: 0,
  fee: { amount: 0, currency: 'CNY', note: null },
  bookable: true,
  rating: { score: 4.9, count: 12873 },
});

export const appointment = (id = 'apt-7Hq2KfX9'): SuccessBody<'bookAppointment'> => ({
  id,
  reference: 'YY20261124-0031',
  status: 'booked',
  service: { id: 'svc-330523-vehicle-inspection-booking', name: '机动车检验预约', nameEn: 'x' },
  site: {
    id: 'site-anji-inspection-1',
    name: '安吉县机动车检测站（递铺）',
    regionCode: '330523',
    address: '安吉县递铺街道天目路88号',
  },
  slot: {
    id: 'slot-anji-inspection-1-202611240830',
    start: '2026-11-24T08:30:00+08:00',
    end: '2026-11-24T09:00:00+08:00',
  },
  note: null,
  ticket: null,
  createdAt: '2026-11-23T10:12:03+08:00',
  updatedAt: '2026-11-23T10:12:03+08:00',
  cancelledAt: null,
});

export const profile: SuccessBody<'getProfile'> = {
  sub: 'p-xihu-elder',
  kind: 'person',
  displayName: '王*英',
  region: { code: '330106', name: '西湖区' },
  locale: 'zh-CN',
};

export const booking = {
  serviceId: 'svc-330523-vehicle-inspection-booking',
  siteId: 'site-anji-inspection-1',
  slotId: 'slot-anji-inspection-1-202611240830',
} as const;

/** An RFC 9457 problem response as the platform sends it. */
export const problem = (
  status: number,
  code: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) =>
  HttpResponse.json(
    {
      type: `https://open.zjzwfw.gov.cn/problems/${code}`,
      title: code.replaceAll('_', ' '),
      status,
      code,
      traceId: `trace-${status}`,
      ...extra,
    },
    { status, headers: { 'content-type': 'application/problem+json', ...headers } },
  );

/**
 * Records the delay of every timer set from now on, in order, while the timers still run for real:
 * how long the client waits is read from what it asked for, never from the wall clock. `restore()`
 * puts the real `setTimeout` back (`vi.restoreAllMocks()` does too).
 */
export function recordTimers(): { delays: number[]; restore: () => void } {
  const delays: number[] = [];
  const real = globalThis.setTimeout;
  const spy = vi.spyOn(globalThis, 'setTimeout').mockImplementation(((
    handler: () => void,
    ms?: number,
    ...args: unknown[]
  ) => {
    delays.push(ms ?? 0);
    return real(handler, ms, ...args);
  }) as typeof setTimeout);
  return { delays, restore: () => spy.mockRestore() };
}

/** A ky `HTTPError` as ky throws it once it has read the body into `data`. */
export function httpError(
  status: number,
  data?: unknown,
  headers: Record<string, string> = {},
): HTTPError {
  const error = new HTTPError(
    new Response(null, { status, headers }),
    new Request(`${base}/v1/regions`),
    {} as NormalizedOptions,
  );
  error.data = data;
  return error;
}
