// Appointments: capacity is enforced by the database (a conditional UPDATE, and a CHECK as the
// backstop), one active appointment per person, service and day by a partial unique index.
import { randomBytes } from 'node:crypto';
import type { Schemas } from '@zheli/contract';
import { signCode } from '../../codes/codes.js';
import { type Queryable, type SqlValue, sqlState } from '../../db/database.js';
import { decodeCursor, page } from '../paging.js';
import { ApiError, notFound } from '../problems.js';
import { time } from '../rows.js';
import { type Deps, type Handlers, principalOf } from '../types.js';

const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';

/** A random id: `apt-7Hq2KfX9c4`. */
export function randomId(prefix: string, length = 10): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return `${prefix}-${out}`;
}

interface AppointmentRow {
  id: string;
  reference: string;
  sub: string;
  status: Schemas['AppointmentStatus'];
  service_id: string;
  service_name: string;
  service_name_en: string;
  site_id: string;
  site_name: string;
  site_region_code: string;
  site_address: string;
  slot_id: string;
  starts_at: Date;
  ends_at: Date;
  note: string | null;
  created_at: Date;
  updated_at: Date;
  cancelled_at: Date | null;
}

const appointmentSelect = `SELECT a.id, a.reference, a.sub, a.status, a.service_id,
    sv.name AS service_name, sv.name_en AS service_name_en,
    a.site_id, x.name AS site_name, x.region_code AS site_region_code, x.address AS site_address,
    a.slot_id, sl.starts_at, sl.ends_at, a.note, a.created_at, a.updated_at, a.cancelled_at
  FROM appointments a
  JOIN services sv ON sv.id = a.service_id
  JOIN sites x ON x.id = a.site_id
  JOIN slots sl ON sl.id = a.slot_id`;

/** One of the person's appointments, or 404 (someone else's included: ids cannot be probed). */
async function ownAppointment(db: Queryable, sub: string, id: string): Promise<AppointmentRow> {
  const { rows } = await db.query<AppointmentRow>(
    `${appointmentSelect} WHERE a.id = $1 AND a.sub = $2`,
    [id, sub],
  );
  return rows[0] ?? notFound(`No appointment with id "${id}".`);
}

/** The ticket of a booked appointment: valid until its slot ends. */
export function ticketFor(deps: Deps, row: { id: string; sub: string; ends_at: Date }, now: Date) {
  return signCode(deps.codeKeys, deps.issuer, {
    kind: 'appointment',
    sub: row.sub,
    ref: row.id,
    issuedAt: now,
    expiresAt: row.ends_at,
    refreshAfter: null,
  });
}

async function appointment(
  deps: Deps,
  row: AppointmentRow,
  now: Date,
): Promise<Schemas['Appointment']> {
  return {
    id: row.id,
    reference: row.reference,
    status: row.status,
    service: { id: row.service_id, name: row.service_name, nameEn: row.service_name_en },
    site: {
      id: row.site_id,
      name: row.site_name,
      regionCode: row.site_region_code,
      address: row.site_address,
    },
    slot: { id: row.slot_id, start: time(row.starts_at), end: time(row.ends_at) },
    note: row.note,
    ticket: row.status === 'booked' ? await ticketFor(deps, row, now) : null,
    createdAt: time(row.created_at),
    updatedAt: time(row.updated_at),
    cancelledAt: row.cancelled_at ? time(row.cancelled_at) : null,
  };
}

interface SlotRow {
  id: string;
  site_id: string;
  service_id: string;
  day: string;
  starts_at: Date;
}

/** The slot to book, checked against the service, the site and the clock. */
async function bookableSlot(
  tx: Queryable,
  slotId: string,
  now: Date,
  expect: { serviceId: string; siteId?: string },
): Promise<SlotRow> {
  const { rows } = await tx.query<SlotRow>(
    'SELECT id, site_id, service_id, day, starts_at FROM slots WHERE id = $1',
    [slotId],
  );
  const slot = rows[0] ?? notFound(`No slot with id "${slotId}".`);
  if (slot.service_id !== expect.serviceId || (expect.siteId && slot.site_id !== expect.siteId)) {
    throw new ApiError('slot_unavailable', 'The slot is not for that service and site.');
  }
  if (slot.starts_at.getTime() <= now.getTime()) {
    throw new ApiError('slot_unavailable', 'The slot has begun or is in the past.');
  }
  return slot;
}

/** Takes one place of the slot, in the database: never check-then-insert. */
async function takePlace(tx: Queryable, slotId: string): Promise<void> {
  const taken = await tx.query(
    'UPDATE slots SET booked = booked + 1 WHERE id = $1 AND booked < capacity RETURNING id',
    [slotId],
  );
  if (taken.rows.length === 0) throw new ApiError('slot_full', 'No place is left in this slot.');
}

async function assertNoActiveAppointment(
  tx: Queryable,
  sub: string,
  serviceId: string,
  day: string,
  except: string | null,
): Promise<void> {
  const { rows } = await tx.query(
    `SELECT 1 FROM appointments
      WHERE sub = $1 AND service_id = $2 AND day = $3 AND status = 'booked' AND id IS DISTINCT FROM $4`,
    [sub, serviceId, day, except],
  );
  if (rows.length > 0) {
    throw new ApiError(
      'appointment_exists',
      'You already hold an appointment for this service on that day.',
    );
  }
}

/** A unique violation of the one-per-day index (a race the check above lost) is a 409 too. */
function rethrowUnique(error: unknown): never {
  if (sqlState(error) === '23505') {
    throw new ApiError(
      'appointment_exists',
      'You already hold an appointment for this service on that day.',
      {
        cause: error,
      },
    );
  }
  throw error;
}

export const appointmentHandlers: Pick<
  Handlers,
  | 'listMyAppointments'
  | 'bookAppointment'
  | 'getAppointment'
  | 'cancelAppointment'
  | 'rescheduleAppointment'
> = {
  async listMyAppointments(ctx) {
    const { sub } = principalOf(ctx);
    const { status, cursor } = ctx.request.query;
    const limit = ctx.request.query.limit ?? 20;
    const filters = { status };
    const offset = decodeCursor(cursor, filters);
    const params: SqlValue[] = [sub];
    if (status !== undefined) params.push(status);
    params.push(limit + 1, offset);
    const { rows } = await ctx.db.query<AppointmentRow>(
      `${appointmentSelect} WHERE a.sub = $1 ${status !== undefined ? 'AND a.status = $2' : ''}
        ORDER BY sl.starts_at DESC, a.id
        LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    const result = page(rows, offset, limit, filters);
    return {
      status: 200,
      body: {
        items: await Promise.all(result.items.map((r) => appointment(ctx.deps, r, ctx.now))),
        nextCursor: result.nextCursor,
      },
    };
  },

  async bookAppointment(ctx) {
    const principal = principalOf(ctx);
    const body = ctx.request.body;
    if (!body) throw new Error('bookAppointment needs a body');
    const row = await ctx.transaction(async (tx) => {
      const known = await tx.query<{ kind: string; id: string }>(
        `SELECT 'service' AS kind, id FROM services WHERE id = $1
         UNION ALL SELECT 'site', id FROM sites WHERE id = $2`,
        [body.serviceId, body.siteId],
      );
      if (!known.rows.some((r) => r.kind === 'service'))
        notFound(`No service with id "${body.serviceId}".`);
      if (!known.rows.some((r) => r.kind === 'site')) notFound(`No site with id "${body.siteId}".`);
      const slot = await bookableSlot(tx, body.slotId, ctx.now, {
        serviceId: body.serviceId,
        siteId: body.siteId,
      });
      await assertNoActiveAppointment(tx, principal.sub, body.serviceId, slot.day, null);
      await takePlace(tx, slot.id);
      const id = randomId('apt');
      const { rows: seq } = await tx.query<{ n: number }>(
        `SELECT (nextval('appointment_reference_seq') % 10000)::int AS n`,
      );
      const reference = `YY${slot.day.replace(/-/g, '')}-${String(seq[0]?.n ?? 0).padStart(4, '0')}`;
      try {
        await tx.query(
          `INSERT INTO appointments (id, reference, sub, client_id, service_id, site_id, slot_id, day,
             slot_starts_at, status, note, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'booked', $10, $11, $11)`,
          [
            id,
            reference,
            principal.sub,
            principal.clientId,
            body.serviceId,
            body.siteId,
            slot.id,
            slot.day,
            slot.starts_at,
            body.note ?? null,
            ctx.now,
          ],
        );
      } catch (error) {
        rethrowUnique(error);
      }
      return ownAppointment(tx, principal.sub, id);
    });
    return {
      status: 201,
      body: await appointment(ctx.deps, row, ctx.now),
      headers: { Location: `/v1/appointments/${row.id}` },
    };
  },

  async getAppointment(ctx) {
    const { sub } = principalOf(ctx);
    const row = await ownAppointment(ctx.db, sub, ctx.request.path.appointmentId);
    return { status: 200, body: await appointment(ctx.deps, row, ctx.now) };
  },

  async cancelAppointment(ctx) {
    const { sub } = principalOf(ctx);
    const id = ctx.request.path.appointmentId;
    const row = await ctx.transaction(async (tx) => {
      const { rows } = await tx.query<{ status: string; slot_id: string; slot_starts_at: Date }>(
        'SELECT status, slot_id, slot_starts_at FROM appointments WHERE id = $1 AND sub = $2 FOR UPDATE',
        [id, sub],
      );
      const current = rows[0] ?? notFound(`No appointment with id "${id}".`);
      if (current.status === 'cancelled') return ownAppointment(tx, sub, id);
      if (current.status !== 'booked' || current.slot_starts_at.getTime() <= ctx.now.getTime()) {
        throw new ApiError(
          'appointment_not_cancellable',
          'The appointment is completed, or its slot has begun.',
        );
      }
      await tx.query(
        `UPDATE appointments SET status = 'cancelled', cancelled_at = $2, updated_at = $2, cancel_reason = $3
          WHERE id = $1`,
        [id, ctx.now, ctx.request.body?.reason ?? null],
      );
      await tx.query('UPDATE slots SET booked = booked - 1 WHERE id = $1', [current.slot_id]);
      return ownAppointment(tx, sub, id);
    });
    return { status: 200, body: await appointment(ctx.deps, row, ctx.now) };
  },

  async rescheduleAppointment(ctx) {
    const { sub } = principalOf(ctx);
    const id = ctx.request.path.appointmentId;
    const body = ctx.request.body;
    if (!body) throw new Error('rescheduleAppointment needs a body');
    const row = await ctx.transaction(async (tx) => {
      const { rows } = await tx.query<{
        status: string;
        slot_id: string;
        slot_starts_at: Date;
        service_id: string;
      }>(
        `SELECT status, slot_id, slot_starts_at, service_id FROM appointments
          WHERE id = $1 AND sub = $2 FOR UPDATE`,
        [id, sub],
      );
      const current = rows[0] ?? notFound(`No appointment with id "${id}".`);
      if (current.status !== 'booked' || current.slot_starts_at.getTime() <= ctx.now.getTime()) {
        throw new ApiError(
          'appointment_not_cancellable',
          'Only a booked appointment whose slot has not begun can be moved.',
        );
      }
      if (body.slotId === current.slot_id) return ownAppointment(tx, sub, id);
      const slot = await bookableSlot(tx, body.slotId, ctx.now, { serviceId: current.service_id });
      await assertNoActiveAppointment(tx, sub, current.service_id, slot.day, id);
      // Both slots change: lock them in one order (by id) before touching either, so that two
      // people swapping slots A and B cannot each hold one and wait for the other (a deadlock).
      await tx.query('SELECT id FROM slots WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE', [
        [current.slot_id, slot.id],
      ]);
      await takePlace(tx, slot.id);
      await tx.query('UPDATE slots SET booked = booked - 1 WHERE id = $1', [current.slot_id]);
      try {
        await tx.query(
          `UPDATE appointments SET slot_id = $2, site_id = $3, day = $4, slot_starts_at = $5, updated_at = $6
            WHERE id = $1`,
          [id, slot.id, slot.site_id, slot.day, slot.starts_at, ctx.now],
        );
      } catch (error) {
        rethrowUnique(error);
      }
      return ownAppointment(tx, sub, id);
    });
    return { status: 200, body: await appointment(ctx.deps, row, ctx.now) };
  },
};

/** Whether a ticket is revoked: its appointment is not booked, or was moved to another slot. */
export async function ticketRevoked(
  db: Queryable,
  claims: { sub: string; ref: string | null; exp: number },
): Promise<boolean> {
  if (!claims.ref) return true;
  const { rows } = await db.query<{ status: string; ends_at: Date }>(
    `SELECT a.status, sl.ends_at FROM appointments a JOIN slots sl ON sl.id = a.slot_id
      WHERE a.id = $1 AND a.sub = $2`,
    [claims.ref, claims.sub],
  );
  const row = rows[0];
  return row?.status !== 'booked' || Math.floor(row.ends_at.getTime() / 1000) !== claims.exp;
}
