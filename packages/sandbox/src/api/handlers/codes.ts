// Signed codes: personal service codes, appointment tickets, online verification, the JWKS.
import { signCode, verifyCodeToken } from '../../codes/codes.js';
import { invalid, notFound } from '../problems.js';
import { type Handlers, principalOf } from '../types.js';
import { ticketFor, ticketRevoked } from './appointments.js';

/** A personal code lives 3 minutes; fetch a fresh one after 1. */
const personalCodeMs = 3 * 60 * 1000;
const personalRefreshMs = 60 * 1000;

export const codeHandlers: Pick<Handlers, 'issueCode' | 'verifyCode' | 'getCodeKeys'> = {
  async issueCode(ctx) {
    const { sub } = principalOf(ctx);
    const body = ctx.request.body;
    if (!body) throw new Error('issueCode needs a body');
    if (body.kind === 'personal') {
      const code = await signCode(ctx.deps.codeKeys, ctx.deps.issuer, {
        kind: 'personal',
        sub,
        ref: null,
        issuedAt: ctx.now,
        expiresAt: new Date(ctx.now.getTime() + personalCodeMs),
        refreshAfter: new Date(ctx.now.getTime() + personalRefreshMs),
      });
      return { status: 201, body: code };
    }
    const id = body.appointmentId;
    if (id === undefined) {
      invalid([
        {
          field: 'body.appointmentId',
          code: 'required',
          message: 'is required for an appointment ticket',
        },
      ]);
    }
    const { rows } = await ctx.db.query<{ id: string; sub: string; ends_at: Date }>(
      `SELECT a.id, a.sub, sl.ends_at FROM appointments a JOIN slots sl ON sl.id = a.slot_id
        WHERE a.id = $1 AND a.sub = $2 AND a.status = 'booked'`,
      [id, sub],
    );
    const row = rows[0] ?? notFound(`No booked appointment with id "${id}".`);
    return { status: 201, body: await ticketFor(ctx.deps, row, ctx.now) };
  },

  async verifyCode(ctx) {
    const body = ctx.request.body;
    if (!body) throw new Error('verifyCode needs a body');
    const result = await verifyCodeToken(ctx.deps.codeKeys, body.token, {
      issuer: ctx.deps.issuer,
      now: ctx.now,
      isRevoked: async (claims) => {
        if (claims.kind === 'appointment') return ticketRevoked(ctx.db, claims);
        if (claims.kind === 'venue') {
          const { rows } = await ctx.db.query('SELECT 1 FROM sites WHERE id = $1', [claims.sub]);
          return rows.length === 0;
        }
        return false;
      },
    });
    return { status: 200, body: result };
  },

  async getCodeKeys(ctx) {
    return {
      status: 200,
      body: { keys: ctx.deps.codeKeys.publicJwks() as { kty: string; kid: string }[] },
      headers: { 'Cache-Control': 'public, max-age=300' },
    };
  },
};
