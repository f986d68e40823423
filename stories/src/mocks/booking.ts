// The booking side of the platform for the stories: the sandbox's sites (sites.json), their
// month calendars built from opening hours, and appointments booked, moved and cancelled with the
// platform's idempotency rules. The picker's stories run on a fixed clock (`storyNow`, a
// Wednesday in September 2026, the week before the Mid-Autumn Festival), so every story shows the
// same calendar: past days, a full day, closed Sundays and the holiday.
import type { Schemas } from '@zheli/contract';
import sitesJson from '../../../packages/sandbox/data/sites.json' with { type: 'json' };
import { displayToken, signedCode } from './codes.js';
import { serviceById } from './seed.js';

type Site = Schemas['Site'];
type Slot = Schemas['Slot'];
type SlotDay = Schemas['SlotDay'];
type Appointment = Schemas['Appointment'];

interface SiteSeed {
  key: string;
  name: string;
  nameEn: string;
  kind: Schemas['SiteKind'];
  regionCode: string;
  address: string;
  addressEn: string;
  phone: string;
  location: { lat: number; lng: number };
  openingHours: Schemas['OpeningHours'][];
  slotMinutes: number | null;
  slotCapacity: number | null;
  serviceKeys: string[];
}

const seeds: readonly SiteSeed[] = sitesJson as SiteSeed[];

/** "Now" in the picker's stories: Wednesday 16 September 2026, 09:30 in Anji. */
export const storyNow = '2026-09-16T09:30:00+08:00';
/** Today in the picker's stories. */
const storyToday = '2026-09-16';
/** Thursday 17 September: every slot taken (已约满). */
export const fullDay = '2026-09-17';
/** Friday 18 September: the day QA books; its 08:30 slot is full, 09:00 has 2 places left. */
export const bookingDay = '2026-09-18';
/** The Mid-Autumn Festival (中秋节, 25–27 September) and National Day (国庆节, 1–7 October). */
const holidays: ReadonlySet<string> = new Set([
  '2026-09-25',
  '2026-09-26',
  '2026-09-27',
  ...[1, 2, 3, 4, 5, 6, 7].map((day) => `2026-10-0${day}`),
]);

/** Places already taken by others in the seed, by slot id (the rest: a stable pseudo-random). */
const takenBefore = new Map<string, number>([
  ['slot-anji-inspection-1-202609180830', 4],
  ['slot-anji-inspection-1-202609180900', 2],
  ['slot-anji-inspection-1-202609180930', 1],
  ['slot-anji-inspection-1-202609181000', 3],
]);

function siteFrom(seed: SiteSeed): Site {
  return {
    id: `site-${seed.key}`,
    name: seed.name,
    nameEn: seed.nameEn,
    kind: seed.kind,
    regionCode: seed.regionCode,
    address: seed.address,
    addressEn: seed.addressEn,
    phone: seed.phone,
    location: seed.location,
    openingHours: seed.openingHours,
    serviceIds: seed.serviceKeys.map((key) => `svc-${seed.regionCode}-${key}`),
  };
}

/** Whether a region code is `region` or below it (330523 is below 330500 and 330000). */
function within(code: string, region: string): boolean {
  const prefix = region.replace(/(00)+$/, '');
  return code.startsWith(prefix);
}

/** The bookable sites of the seed that handle a service (`svc-<region>-<template>`). */
export function sitesFor(serviceId: string, region?: string): Site[] {
  const key = /^svc-\d{6}-(.+)$/.exec(serviceId)?.[1];
  return seeds
    .filter((seed) => seed.slotMinutes !== null && key !== undefined)
    .filter((seed) => key !== undefined && seed.serviceKeys.includes(key))
    .filter((seed) => region === undefined || within(seed.regionCode, region))
    .map(siteFrom);
}

export function siteById(id: string): Site | undefined {
  const seed = seeds.find((item) => `site-${item.key}` === id);
  return seed === undefined ? undefined : siteFrom(seed);
}

function seedOf(siteId: string): SiteSeed | undefined {
  return seeds.find((item) => `site-${item.key}` === siteId);
}

/** Two sites with the longest names a county writes, for the long-text story. */
export const longSites: Site[] = (() => {
  const first = siteById('site-anji-inspection-1') as Site;
  const second = siteById('site-anji-inspection-2') as Site;
  return [
    {
      ...first,
      name: '安吉县公安局交通警察大队车辆管理所递铺机动车安全技术检验站（含新能源汽车及营运车辆检验专用通道）',
      address:
        '浙江省湖州市安吉县递铺街道天目路88号安吉县机动车综合服务中心一楼东侧检验大厅3号至7号窗口',
    },
    {
      ...second,
      name: '安吉县孝丰镇机动车安全技术检验和环保定期检验联合服务站（孝丰、天荒坪、杭垓、章村片区）',
      address: '浙江省湖州市安吉县孝丰镇城南路168号孝丰镇便民服务中心西侧二号楼检验车间',
    },
  ];
})();

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

function nextDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  return `${next.getUTCFullYear()}-${pad(next.getUTCMonth() + 1)}-${pad(next.getUTCDate())}`;
}

/** ISO weekday of a `YYYY-MM-DD` day: 1 = Monday … 7 = Sunday. */
function isoWeekday(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay() || 7;
}

function minutes(time: string): number {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

function clock(total: number): string {
  return `${pad(Math.floor(total / 60))}:${pad(total % 60)}`;
}

/** A stable number in [0, 1) from a string (FNV-1a). */
function hash(seed: string): number {
  let h = 2166136261;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619);
  return (h >>> 0) / 4294967296;
}

/** The state of bookings in one story: what was booked, and the answers kept per key. */
class BookingWorld {
  /** Places booked in this story, by slot id. */
  readonly booked = new Map<string, number>();
  /** Slots someone else just took (the slot_full story). */
  readonly takenNow = new Set<string>();
  readonly appointments = new Map<string, Appointment>();
  /** The first answer per Idempotency-Key, replayed for a retry with the same key. */
  readonly answers = new Map<string, Appointment>();
  /** Every write the picker sent: operation and Idempotency-Key, in order. */
  readonly writes: { operation: string; key: string | null }[] = [];
  private sequence = 30;

  reset(): void {
    this.booked.clear();
    this.takenNow.clear();
    this.appointments.clear();
    this.answers.clear();
    this.writes.length = 0;
    this.sequence = 30;
  }

  remaining(slotId: string, capacity: number): number {
    if (this.takenNow.has(slotId)) return 0;
    const before = takenBefore.get(slotId) ?? Math.floor(hash(slotId) * capacity);
    return Math.max(0, capacity - before - (this.booked.get(slotId) ?? 0));
  }

  /** The site's days from `from` to `to`, as `GET /v1/sites/{siteId}/slots` answers. */
  calendar(siteId: string, from: string, to: string): SlotDay[] {
    const seed = seedOf(siteId);
    const days: SlotDay[] = [];
    if (seed === undefined) return days;
    const now = Date.now();
    for (let date = from; date <= to; date = nextDay(date)) {
      if (date < storyToday) {
        days.push({ date, available: false, reason: 'past', slots: [] });
        continue;
      }
      if (holidays.has(date)) {
        days.push({ date, available: false, reason: 'holiday', slots: [] });
        continue;
      }
      const hours = seed.openingHours.find((item) => item.days.includes(isoWeekday(date)));
      if (hours === undefined || seed.slotMinutes === null || seed.slotCapacity === null) {
        days.push({ date, available: false, reason: 'closed', slots: [] });
        continue;
      }
      const slots: Slot[] = [];
      const capacity = seed.slotCapacity;
      for (
        let start = minutes(hours.open);
        start + seed.slotMinutes <= minutes(hours.close);
        start += seed.slotMinutes
      ) {
        const startAt = `${date}T${clock(start)}:00+08:00`;
        if (new Date(startAt).getTime() <= now) continue;
        const id = `slot-${seed.key}-${date.replace(/-/g, '')}${clock(start).replace(':', '')}`;
        slots.push({
          id,
          start: startAt,
          end: `${date}T${clock(start + seed.slotMinutes)}:00+08:00`,
          capacity,
          remaining: date === fullDay ? 0 : this.remaining(id, capacity),
        });
      }
      const available = slots.some((slot) => slot.remaining > 0);
      days.push({ date, available, reason: available ? null : 'full', slots });
    }
    return days;
  }

  /** A slot of a site by id, with its places left now. */
  slot(siteId: string, slotId: string): Slot | undefined {
    const date = /(\d{4})(\d{2})(\d{2})\d{4}$/.exec(slotId);
    if (date === null) return undefined;
    const day = `${date[1]}-${date[2]}-${date[3]}`;
    return this.calendar(siteId, day, day)[0]?.slots.find((slot) => slot.id === slotId);
  }

  /** Books a place: the appointment, or `undefined` when the slot has none left. */
  book(serviceId: string, site: Site, slot: Slot): Appointment | undefined {
    if (this.remaining(slot.id, slot.capacity) === 0) return undefined;
    this.booked.set(slot.id, (this.booked.get(slot.id) ?? 0) + 1);
    const service = serviceById(serviceId);
    const now = new Date().toISOString();
    this.sequence += 1;
    const id = `apt-story${this.sequence}`;
    const appointment: Appointment = {
      id,
      reference: `YY${slot.start.slice(0, 10).replace(/-/g, '')}-${String(this.sequence).padStart(4, '0')}`,
      status: 'booked',
      service: {
        id: serviceId,
        name: service?.name ?? serviceId,
        nameEn: service?.nameEn ?? serviceId,
      },
      site: { id: site.id, name: site.name, regionCode: site.regionCode, address: site.address },
      slot: { id: slot.id, start: slot.start, end: slot.end },
      note: null,
      ticket: signedCode('appointment', id, { minutes: 60 }),
      createdAt: now,
      updatedAt: now,
      cancelledAt: null,
    };
    this.appointments.set(id, appointment);
    return appointment;
  }

  /** Moves an appointment to another slot of its site (frees the old place). */
  reschedule(appointment: Appointment, slot: Slot): Appointment | undefined {
    if (this.remaining(slot.id, slot.capacity) === 0) return undefined;
    this.booked.set(slot.id, (this.booked.get(slot.id) ?? 0) + 1);
    this.booked.set(
      appointment.slot.id,
      Math.max(0, (this.booked.get(appointment.slot.id) ?? 1) - 1),
    );
    const moved: Appointment = {
      ...appointment,
      slot: { id: slot.id, start: slot.start, end: slot.end },
      ticket: {
        ...signedCode('appointment', appointment.id, { minutes: 60 }),
        token: displayToken({ sub: appointment.id, kind: 'appointment', slot: slot.id }),
      },
      updatedAt: new Date().toISOString(),
    };
    this.appointments.set(moved.id, moved);
    return moved;
  }

  cancel(appointment: Appointment): Appointment {
    if (appointment.status === 'cancelled') return appointment;
    this.booked.set(
      appointment.slot.id,
      Math.max(0, (this.booked.get(appointment.slot.id) ?? 1) - 1),
    );
    const now = new Date().toISOString();
    const cancelled: Appointment = {
      ...appointment,
      status: 'cancelled',
      ticket: null,
      updatedAt: now,
      cancelledAt: now,
    };
    this.appointments.set(cancelled.id, cancelled);
    return cancelled;
  }
}

/** The bookings of the story being shown (reset before each story). */
export const bookings = new BookingWorld();
