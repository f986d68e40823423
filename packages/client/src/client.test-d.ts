// Type tests (run by Vitest's typecheck mode): parameters and results come from the contract, a
// wrong parameter is a compile error, and call sites need no generics or casts.
import type { operations, Schemas, SuccessBody } from '@zheli/contract';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type CodeVerificationResult,
  createClient,
  verifyCode,
  type ZheliApiError,
  type ZheliClient,
} from './index.js';

const client = createClient({ baseUrl: 'http://127.0.0.1:4010' });

describe('createClient', () => {
  it('returns the typed client', () => {
    expectTypeOf(client).toEqualTypeOf<ZheliClient>();
  });

  it('types every result from the contract', () => {
    expectTypeOf(client.services.search()).resolves.toEqualTypeOf<SuccessBody<'searchServices'>>();
    expectTypeOf(client.services.get('svc-x')).resolves.toEqualTypeOf<Schemas['ServiceDetail']>();
    expectTypeOf(client.services.getMany(['svc-x'])).resolves.toEqualTypeOf<
      Schemas['ServiceBatch']
    >();
    expectTypeOf(client.services.summary('svc-x')).resolves.toEqualTypeOf<
      Schemas['ServiceSummary'] | undefined
    >();
    expectTypeOf(client.appointments.book).returns.resolves.toEqualTypeOf<Schemas['Appointment']>();
    expectTypeOf(client.sites.slots).returns.resolves.toEqualTypeOf<Schemas['SlotCalendar']>();
    expectTypeOf(client.me.profile()).resolves.toEqualTypeOf<Schemas['Profile']>();
    expectTypeOf(client.codes.keys()).resolves.toEqualTypeOf<Schemas['JsonWebKeySet']>();
    expectTypeOf(client.evaluations.submit).returns.resolves.toEqualTypeOf<Schemas['Evaluation']>();
  });

  it('iterates paginated lists item by item', () => {
    expectTypeOf(client.services.searchAll({ region: '330523' })).toEqualTypeOf<
      AsyncGenerator<Schemas['ServiceSummary'], void, undefined>
    >();
    expectTypeOf(client.appointments.listAll()).toEqualTypeOf<
      AsyncGenerator<Schemas['Appointment'], void, undefined>
    >();
  });

  it('types the parameters from the contract', () => {
    expectTypeOf(client.services.search)
      .parameter(0)
      .toEqualTypeOf<operations['searchServices']['parameters']['query']>();
    expectTypeOf(client.appointments.book).parameter(0).toEqualTypeOf<Schemas['BookingRequest']>();
    expectTypeOf(client.appointments.reschedule)
      .parameter(1)
      .toEqualTypeOf<Schemas['RescheduleRequest']>();
  });

  it('rejects a wrong parameter at compile time', () => {
    // @ts-expect-error: `audience` is `person` or `enterprise`
    void client.services.search({ audience: 'alien' });
    // @ts-expect-error: `limit` is a number
    void client.services.search({ limit: '20' });
    // @ts-expect-error: `onlineLevel` has no value `offline`
    void client.services.search({ onlineLevel: 'offline' });
    // @ts-expect-error: `service` is required by listSlots
    void client.sites.slots('site-anji-inspection-1', { from: '2026-11-24' });
    // @ts-expect-error: a booking needs a `slotId`
    void client.appointments.book({ serviceId: 'svc-x', siteId: 'site-x' });
    // @ts-expect-error: `kind` is `personal` or `appointment`
    void client.codes.issue({ kind: 'venue' });
    // @ts-expect-error: unknown filter
    void client.regions.list({ parentCode: '330500' });
  });

  it('types client.request by operationId, requiring exactly what the operation requires', () => {
    expectTypeOf(
      client.request('getSite', { path: { siteId: 'site-anji-inspection-1' } }),
    ).resolves.toEqualTypeOf<Schemas['Site']>();
    expectTypeOf(
      client.request('batchGetServices', { query: { ids: ['svc-a'] } }),
    ).resolves.toEqualTypeOf<Schemas['ServiceBatch']>();
    void client.request('listRegions', {});
    // @ts-expect-error: getSite needs its path parameter
    void client.request('getSite', {});
    // @ts-expect-error: batchGetServices needs `ids`
    void client.request('batchGetServices', {});
    // @ts-expect-error: listRegions takes no body
    void client.request('listRegions', { body: {} });
    // @ts-expect-error: not an operation of the contract
    void client.request('deleteEverything', {});
  });

  it('takes @zheli/auth’s token provider as it is', () => {
    // The shape of @zheli/auth's bound `getAccessToken` and of its `tokenProvider` object.
    const auth = {
      getAccessToken: async (options?: { forceRefresh?: boolean }): Promise<string | undefined> =>
        options?.forceRefresh ? 'fresh' : 'cached',
    };
    const tokenProvider = { getAccessToken: auth.getAccessToken };
    void createClient({ baseUrl: 'http://x', getAccessToken: auth.getAccessToken });
    void createClient({ baseUrl: 'http://x', ...tokenProvider });
    // @ts-expect-error: a provider returns a promise
    void createClient({ baseUrl: 'http://x', getAccessToken: () => 'token' });
  });

  it('takes an idempotency key on writes', () => {
    void client.appointments.cancel('apt-x', undefined, { idempotencyKey: 'k-00000001' });
    expectTypeOf<ZheliApiError['code']>().toExtend<string | undefined>();
    expectTypeOf<'slot_full'>().toExtend<ZheliApiError['code']>();
  });
});

describe('verifyCode', () => {
  it('returns a typed result, not a boolean', () => {
    expectTypeOf(
      verifyCode('x', { jwks: { keys: [] }, issuer: 'i' }),
    ).resolves.toEqualTypeOf<CodeVerificationResult>();
    const narrow = (result: CodeVerificationResult) => {
      if (result.valid) expectTypeOf(result.claims).toEqualTypeOf<Schemas['CodeClaims']>();
      else
        expectTypeOf(result.reason).toEqualTypeOf<
          | 'malformed'
          | 'bad_signature'
          | 'unknown_key'
          | 'wrong_issuer'
          | 'expired'
          | 'not_yet_valid'
          | 'wrong_kind'
        >();
    };
    void narrow;
  });
});
