import { addDays } from '../time.js';
import type { Queryable } from './database.js';

/** How far ahead slots can be booked, in days after today. */
export const bookingWindowDays = 30;

/**
 * Generates the slots of every bookable service at every site for the days `from`..`to`
 * (inclusive, `YYYY-MM-DD` in Asia/Shanghai) from the sites' opening hours: one slot every
 * `slot_minutes` from opening while it ends by closing time, `slot_capacity` places each. Days that
 * have slots already are left alone. Times are computed in SQL `AT TIME ZONE 'Asia/Shanghai'`, so
 * the machine's time zone plays no part.
 */
export async function generateSlots(q: Queryable, from: string, to: string): Promise<number> {
  const { rowCount } = await q.query(
    `INSERT INTO slots (id, site_id, service_id, day, starts_at, ends_at, capacity)
     SELECT 'slot-' || ss.slot_prefix || '-' || to_char(t.local_start, 'YYYYMMDDHH24MI'),
            ss.site_id, ss.service_id, d.day::date,
            t.local_start AT TIME ZONE 'Asia/Shanghai',
            (t.local_start + make_interval(mins => ss.slot_minutes)) AT TIME ZONE 'Asia/Shanghai',
            ss.slot_capacity
       FROM site_services ss
       CROSS JOIN generate_series($1::date::timestamp, $2::date::timestamp, interval '1 day') AS d(day)
       JOIN site_hours h ON h.site_id = ss.site_id AND h.weekday = extract(isodow FROM d.day)::int
       CROSS JOIN LATERAL generate_series(
         d.day + h.opens,
         d.day + h.closes - make_interval(mins => ss.slot_minutes),
         make_interval(mins => ss.slot_minutes)) AS t(local_start)
      WHERE ss.slot_minutes > 0 AND ss.slot_capacity > 0
     ON CONFLICT (id) DO NOTHING`,
    [from, to],
  );
  return rowCount;
}

/**
 * Makes sure slots exist from `today` through the booking window. Remembers the days covered in
 * `meta` (`slots`), so a sandbox that keeps running past midnight, or a clock set by a test, only
 * generates the days it lacks.
 */
export class SlotHorizon {
  #covered: { from: string; to: string } | null | undefined;
  readonly #db: Queryable;

  constructor(db: Queryable) {
    this.#db = db;
  }

  async ensure(today: string): Promise<void> {
    const until = addDays(today, bookingWindowDays);
    if (this.#covered === undefined) {
      const { rows } = await this.#db.query<{ value: { from: string; to: string } }>(
        `SELECT value FROM meta WHERE key = 'slots'`,
      );
      this.#covered = rows[0]?.value ?? null;
    }
    const covered = this.#covered;
    if (covered && covered.from <= today && covered.to >= until) return;
    // Generate what is missing on either side of the covered range.
    if (!covered || until < covered.from || today > covered.to) {
      await generateSlots(this.#db, today, until);
    } else {
      if (today < covered.from) await generateSlots(this.#db, today, addDays(covered.from, -1));
      if (until > covered.to) await generateSlots(this.#db, addDays(covered.to, 1), until);
    }
    const next =
      covered && !(until < covered.from || today > covered.to)
        ? {
            from: [today, covered.from].sort()[0] as string,
            to: [until, covered.to].sort()[1] as string,
          }
        : { from: today, to: until };
    await this.#db.query(
      `INSERT INTO meta (key, value) VALUES ('slots', $1::jsonb)
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
      [JSON.stringify(next)],
    );
    this.#covered = next;
  }
}
