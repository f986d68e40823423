// Sites, their slot calendars and venue codes.
import type { Schemas } from '@zheli/contract';
import { signCode } from '../../codes/codes.js';
import type { SqlValue } from '../../db/database.js';
import { bookingWindowDays } from '../../db/slots.js';
import { addDays, daysBetween, shanghaiDate } from '../../time.js';
import { decodeCursor, page } from '../paging.js';
import { invalid, notFound } from '../problems.js';
import { regionsOf, type SiteRow, site, siteSelect, time } from '../rows.js';
import type { Handlers } from '../types.js';

/** The longest calendar `listSlots` answers: `to` at most this many days after `from`. */
const maxCalendarDays = 31;

export const siteHandlers: Pick<Handlers, 'listSites' | 'getSite' | 'listSlots' | 'getVenueCode'> =
  {
    async listSites({ request, deps }) {
      const { service, region, kind, cursor } = request.query;
      const limit = request.query.limit ?? 20;
      const filters = { service, region, kind };
      const offset = decodeCursor(cursor, filters);
      const where: string[] = [];
      const params: SqlValue[] = [];
      if (service !== undefined) {
        params.push(service);
        where.push(
          `EXISTS (SELECT 1 FROM site_services f WHERE f.site_id = x.id AND f.service_id = $${params.length})`,
        );
      }
      if (region !== undefined) {
        const regions = await regionsOf(deps.db);
        regions.filter(region, 'query.region');
        params.push(regions.subtree(region));
        where.push(`x.region_code = ANY($${params.length}::text[])`);
      }
      if (kind !== undefined) {
        params.push(kind);
        where.push(`x.kind = $${params.length}`);
      }
      params.push(limit + 1, offset);
      const { rows } = await deps.db.query<SiteRow>(
        `${siteSelect} ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY x.seq LIMIT $${params.length - 1} OFFSET $${params.length}`,
        params,
      );
      const result = page(rows, offset, limit, filters);
      return {
        status: 200,
        body: { items: result.items.map(site), nextCursor: result.nextCursor },
      };
    },

    async getSite({ request, deps }) {
      const id = request.path.siteId;
      const { rows } = await deps.db.query<SiteRow>(`${siteSelect} WHERE x.id = $1`, [id]);
      return { status: 200, body: site(rows[0] ?? notFound(`No site with id "${id}".`)) };
    },

    async listSlots({ request, deps, now }) {
      const siteId = request.path.siteId;
      const serviceId = request.query.service;
      const today = shanghaiDate(now);
      const from = request.query.from ?? today;
      const to = request.query.to ?? addDays(from, 13);
      if (to < from)
        invalid([{ field: 'query.to', code: 'minimum', message: 'must not be before from' }]);
      if (daysBetween(from, to) > maxCalendarDays) {
        invalid([
          {
            field: 'query.to',
            code: 'maximum',
            message: `must be at most ${maxCalendarDays} days after from`,
          },
        ]);
      }
      const { rows: sites } = await deps.db.query<{ id: string }>(
        'SELECT id FROM sites WHERE id = $1',
        [siteId],
      );
      if (sites.length === 0) notFound(`No site with id "${siteId}".`);
      const { rows: handled } = await deps.db.query<{ slot_minutes: number }>(
        'SELECT slot_minutes FROM site_services WHERE site_id = $1 AND service_id = $2',
        [siteId, serviceId],
      );
      if (handled.length === 0)
        notFound(`Service "${serviceId}" is not handled at site "${siteId}".`);

      const { rows: hours } = await deps.db.query<{ weekday: number }>(
        'SELECT DISTINCT weekday FROM site_hours WHERE site_id = $1',
        [siteId],
      );
      const openDays = new Set(hours.map((h) => h.weekday));
      const { rows: slots } = await deps.db.query<{
        id: string;
        day: string;
        starts_at: Date;
        ends_at: Date;
        capacity: number;
        booked: number;
      }>(
        `SELECT id, day, starts_at, ends_at, capacity, booked FROM slots
        WHERE site_id = $1 AND service_id = $2 AND day BETWEEN $3 AND $4 AND starts_at > $5
        ORDER BY starts_at`,
        [siteId, serviceId, from, to, now],
      );
      const byDay = new Map<string, Schemas['Slot'][]>();
      for (const s of slots) {
        const list = byDay.get(s.day) ?? [];
        list.push({
          id: s.id,
          start: time(s.starts_at),
          end: time(s.ends_at),
          capacity: s.capacity,
          remaining: Math.max(0, s.capacity - s.booked),
        });
        byDay.set(s.day, list);
      }
      const lastBookable = addDays(today, bookingWindowDays);
      const days: Schemas['SlotDay'][] = [];
      for (let day = from; day <= to; day = addDays(day, 1)) {
        const weekday = ((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
        const daySlots = byDay.get(day) ?? [];
        let reason: Schemas['DayUnavailableReason'] | null = null;
        if (day < today) reason = 'past';
        else if (!openDays.has(weekday) || day > lastBookable || handled[0]?.slot_minutes === 0) {
          reason = 'closed';
        } else if (daySlots.length === 0) reason = day === today ? 'past' : 'closed';
        else if (daySlots.every((s) => s.remaining === 0)) reason = 'full';
        days.push({
          date: day,
          available: reason === null,
          reason,
          slots: reason === 'past' || reason === 'closed' ? [] : daySlots,
        });
      }
      return {
        status: 200,
        body: { siteId, serviceId, timeZone: 'Asia/Shanghai', days },
      };
    },

    async getVenueCode({ request, deps, now }) {
      const id = request.path.siteId;
      const { rows } = await deps.db.query<{ id: string }>('SELECT id FROM sites WHERE id = $1', [
        id,
      ]);
      if (rows.length === 0) notFound(`No site with id "${id}".`);
      const expiresAt = new Date(now);
      expiresAt.setUTCFullYear(expiresAt.getUTCFullYear() + 1);
      const code = await signCode(deps.codeKeys, deps.issuer, {
        kind: 'venue',
        sub: id,
        ref: id,
        issuedAt: now,
        expiresAt,
        refreshAfter: null,
      });
      return { status: 200, body: code };
    },
  };
