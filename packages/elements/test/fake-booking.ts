// An in-test implementation of the picker's part of `ZheliData` (sites, slots, appointments) over
// an in-memory calendar with capacity, idempotency keys and sign-in, for component state tests.
// The real client and sandbox are exercised in `appointment-picker.sandbox.test.ts`.
import type { Schemas } from '@zheli/contract';
import { addDays } from '../src/appointment-picker/time.js';
import type { ZheliAuth, ZheliUser } from '../src/internal/config.js';
import type {
  CallOptions,
  SiteQuery,
  SlotQuery,
  WriteOptions,
  ZheliData,
} from '../src/internal/data.js';
import { FakeData, service } from './fake-data.js';

type Site = Schemas['Site'];
type Appointment = Schemas['Appointment'];

/** The picker's clock in these tests: Monday 23 November 2026, 10:00 in Shanghai. */
export const now = new Date('2026-11-23T10:00:00+08:00');
const today = '2026-11-23';
export const serviceId = 'svc-330523-vehicle-inspection-booking';

function site(key: string, name: string, regionCode = '330523'): Site {
  return {
    id: `site-${key}`,
    name,
    nameEn: `${key} station`,
    kind: 'inspection_station',
    regionCode,
    address: `${name}地址`,
    addressEn: `${key} road`,
    phone: '0572-5123456',
    location: { lat: 30.63, lng: 119.68 },
    openingHours: [{ days: [1, 2, 3, 4, 5], open: '08:30', close: '17:00' }],
    serviceIds: [serviceId],
  } as Site;
}

const sites = [
  site('anji-inspection-1', '安吉县机动车检测站（递铺）'),
  site('anji-inspection-2', '安吉县机动车检测站（孝丰）'),
  site('deqing-inspection', '德清县机动车检测站（武康）', '330521'),
];

/** A problem as `@zheli/client` throws it (`ZheliApiError`, recognised by its name). */
export class FakeApiError extends Error {
  override name = 'ZheliApiError' as const;
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string) {
    super(`Request failed (${status} ${code})`);
    this.status = status;
    this.code = code;
  }
}

const times = ['08:30', '09:00', '09:30'];

/** `ZheliData` with a booking calendar: Sundays closed, 25 Nov full, 18 Dec a holiday, 09:00 slots full. */
export class FakeBooking extends FakeData {
  signedIn = true;
  /** Places left per slot id; slots not listed have `capacity`. */
  readonly remaining = new Map<string, number>();
  readonly capacity = 2;
  /** Failures to throw on the next `book` calls, first first. */
  readonly bookFailures: unknown[] = [];
  /** When set, `book` waits for it. */
  bookGate: Promise<unknown> | undefined;
  readonly keys: string[] = [];
  private readonly replays = new Map<string, Promise<Appointment>>();
  private counter = 0;
  sites: NonNullable<ZheliData['sites']>;
  appointments: NonNullable<ZheliData['appointments']>;

  constructor() {
    super([service({ id: serviceId })]);
    this.sites = {
      venueCode: async () => {
        throw new Error('not used');
      },
      list: async (query?: SiteQuery, _options?: CallOptions) => {
        this.calls.push({ method: 'sites.list', args: [query] });
        await this.gate;
        const items = sites.filter(
          (item) => query?.region === undefined || item.regionCode === query.region,
        );
        return { items, nextCursor: null };
      },
      get: async (siteId: string) => {
        this.calls.push({ method: 'sites.get', args: [siteId] });
        await this.gate;
        const found = sites.find((item) => item.id === siteId);
        if (found === undefined) throw new FakeApiError(404, 'not_found');
        return found;
      },
      slots: async (siteId: string, query: SlotQuery) => {
        this.calls.push({ method: 'sites.slots', args: [siteId, query] });
        await this.gate;
        return this.calendar(siteId, query.from ?? today, query.to ?? addDays(today, 13));
      },
    };
    this.appointments = {
      list: async (query) => {
        this.calls.push({ method: 'appointments.list', args: [query] });
        const items = [...this.booked.values()].filter(
          (item) => query?.status === undefined || item.status === query.status,
        );
        return { items, nextCursor: null };
      },
      book: (body, options?: WriteOptions) => {
        this.calls.push({ method: 'appointments.book', args: [body, options] });
        return this.idempotent(options, () => this.take(body.siteId, body.slotId, undefined));
      },
      cancel: async (appointmentId, body, options?: WriteOptions) => {
        this.calls.push({ method: 'appointments.cancel', args: [appointmentId, body, options] });
        const found = this.booked.get(appointmentId);
        if (found === undefined) throw new FakeApiError(404, 'not_found');
        const cancelled = { ...found, status: 'cancelled' as const, ticket: null };
        this.booked.set(appointmentId, cancelled);
        return cancelled;
      },
      reschedule: (appointmentId, body, options?: WriteOptions) => {
        this.calls.push({
          method: 'appointments.reschedule',
          args: [appointmentId, body, options],
        });
        const found = this.booked.get(appointmentId);
        if (found === undefined) return Promise.reject(new FakeApiError(404, 'not_found'));
        return this.idempotent(options, () => this.take(found.site.id, body.slotId, found));
      },
    };
    this.codes = {
      issue: async (body) => {
        this.calls.push({ method: 'codes.issue', args: [body] });
        return {
          kind: 'appointment',
          token: `ticket-${body.kind === 'appointment' ? body.appointmentId : 'personal'}`,
          status: 'green',
          issuedAt: now.toISOString(),
          expiresAt: '2026-12-31T00:00:00+08:00',
          refreshAfter: null,
        } as Schemas['SignedCode'];
      },
      keys: async () => ({ keys: [] }),
    };
  }

  codes: NonNullable<ZheliData['codes']>;
  readonly booked = new Map<string, Appointment>();

  left(slotId: string): number {
    if (slotId.endsWith('0900')) return 0;
    if (slotId.includes('20261125')) return 0;
    return this.remaining.get(slotId) ?? this.capacity;
  }

  private calendar(siteId: string, from: string, to: string): Schemas['SlotCalendar'] {
    const days: Schemas['SlotDay'][] = [];
    for (let date = from; date <= to; date = addDays(date, 1)) {
      const sunday = new Date(`${date}T12:00:00+08:00`).getUTCDay() === 0;
      if (date < today) {
        days.push({ date, available: false, reason: 'past', slots: [] });
      } else if (sunday || date > addDays(today, 30)) {
        days.push({ date, available: false, reason: 'closed', slots: [] });
      } else if (date === '2026-12-18') {
        days.push({ date, available: false, reason: 'holiday', slots: [] });
      } else {
        const slots = times.map((time) => {
          const compact = `${date.replaceAll('-', '')}${time.replace(':', '')}`;
          const id = `slot-${siteId.slice(5)}-${compact}`;
          const [h, m] = time.split(':').map(Number) as [number, number];
          const end = `${String(h + (m === 30 ? 1 : 0)).padStart(2, '0')}:${m === 30 ? '00' : '30'}`;
          return {
            id,
            start: `${date}T${time}:00+08:00`,
            end: `${date}T${end}:00+08:00`,
            capacity: this.capacity,
            remaining: this.left(id),
          };
        });
        const available = slots.some((slot) => slot.remaining > 0);
        days.push({ date, available, reason: available ? null : 'full', slots });
      }
    }
    return { siteId, serviceId, timeZone: 'Asia/Shanghai', days };
  }

  private idempotent(
    options: WriteOptions | undefined,
    work: () => Promise<Appointment>,
  ): Promise<Appointment> {
    const key = options?.idempotencyKey;
    if (key === undefined) return work();
    this.keys.push(key);
    const replay = this.replays.get(key);
    if (replay !== undefined) return replay;
    const result = work();
    this.replays.set(key, result);
    // Like the platform: a failure before the booking was made is not stored.
    result.catch(() => this.replays.delete(key));
    return result;
  }

  private async take(siteId: string, slotId: string, moving: Appointment | undefined) {
    await this.bookGate;
    const failure = this.bookFailures.shift();
    if (failure !== undefined) throw failure;
    if (!this.signedIn) throw new FakeApiError(401, 'unauthenticated');
    const left = this.left(slotId);
    if (left <= 0) throw new FakeApiError(409, 'slot_full');
    this.remaining.set(slotId, left - 1);
    if (moving !== undefined) this.remaining.set(moving.slot.id, this.left(moving.slot.id) + 1);
    const found = sites.find((item) => item.id === siteId) ?? sites[0];
    const compact = slotId.slice(-12);
    const date = `${compact.slice(0, 4)}-${compact.slice(4, 6)}-${compact.slice(6, 8)}`;
    const start = `${date}T${compact.slice(8, 10)}:${compact.slice(10, 12)}:00+08:00`;
    const end = new Date(new Date(start).getTime() + 30 * 60_000).toISOString();
    this.counter += 1;
    const appointment: Appointment = {
      id: moving?.id ?? `apt-fake${this.counter}`,
      reference: `YY${compact.slice(0, 8)}-${String(this.counter).padStart(4, '0')}`,
      status: 'booked',
      service: { id: serviceId, name: '机动车检验预约', nameEn: 'Vehicle inspection booking' },
      site: {
        id: found?.id ?? siteId,
        name: found?.name ?? '',
        regionCode: found?.regionCode ?? '330523',
        address: found?.address ?? '',
      },
      slot: { id: slotId, start, end },
      note: null,
      ticket: null,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      cancelledAt: null,
    };
    this.booked.set(appointment.id, appointment);
    return appointment;
  }
}

/** A `ZheliAuth` whose sign-in flips `data.signedIn` (a popup sign-in), recording its calls. */
export class FakeAuth implements ZheliAuth {
  readonly calls: string[] = [];
  private readonly data: FakeBooking;
  /** What `signIn` does; by default it signs in at once (a popup). */
  onSignIn: () => Promise<void>;
  constructor(data: FakeBooking) {
    this.data = data;
    this.onSignIn = async () => {
      this.data.signedIn = true;
    };
  }
  async signIn(options?: { popup?: boolean }): Promise<unknown> {
    this.calls.push(`signIn:${options?.popup ? 'popup' : 'redirect'}`);
    await this.onSignIn();
    return undefined;
  }
  async signOut(): Promise<unknown> {
    this.data.signedIn = false;
    return undefined;
  }
  async getUser(): Promise<ZheliUser | null> {
    return this.data.signedIn ? { sub: 'p-anji-driver', claims: { name: '陈*国' } } : null;
  }
}
