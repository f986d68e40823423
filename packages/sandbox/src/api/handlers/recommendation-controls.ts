// The person's say over their recommendations: dismiss (with a reason), snooze, restore, and
// consent to each data category the rules read. The state lives in recommend/preferences.ts.
import type { Schemas } from '@zheli/contract';
import {
  clearFeedback,
  consentsOf,
  type FeedbackRow,
  recommendationsFor,
  saveFeedback,
  setConsent,
} from '../../recommend/preferences.js';
import { ApiError } from '../problems.js';
import { regionsOf, time } from '../rows.js';
import { type HandlerContext, type Handlers, principalOf } from '../types.js';
import { personaOf } from './me.js';

type Op = 'dismissRecommendation' | 'snoozeRecommendation' | 'restoreRecommendation';

const dayMs = 24 * 60 * 60 * 1000;

/** The person's current recommendation `recommendationId` (also when hidden), or `404`. */
async function current<O extends Op>(ctx: HandlerContext<O>): Promise<Schemas['Recommendation']> {
  const persona = personaOf(ctx.deps.personas, principalOf(ctx).sub);
  const chain = (await regionsOf(ctx.deps.db)).chain(persona.regionCode).map((r) => r.code);
  const { recommendationId } = ctx.request.path as { recommendationId: string };
  const { items } = await recommendationsFor(ctx.db, persona, chain, ctx.now, { all: true });
  const found = items.find((item) => item.id === recommendationId);
  if (!found) {
    throw new ApiError('not_found', `No current recommendation "${recommendationId}".`);
  }
  return found;
}

function feedbackOf(row: FeedbackRow): Schemas['RecommendationFeedback'] {
  return {
    recommendationId: row.recommendation_id,
    state: row.state,
    reason: row.reason,
    until: row.until ? time(row.until) : null,
    createdAt: time(row.created_at),
  };
}

export const recommendationControlHandlers: Pick<
  Handlers,
  Op | 'listDataConsents' | 'setDataConsent'
> = {
  async dismissRecommendation(ctx) {
    const { id } = await current(ctx);
    const reason = ctx.request.body?.reason ?? 'other';
    const row = await saveFeedback(
      ctx.db,
      principalOf(ctx).sub,
      id,
      { state: 'dismissed', reason, until: null },
      ctx.now,
    );
    return { status: 200, body: feedbackOf(row) };
  },

  async snoozeRecommendation(ctx) {
    const { id } = await current(ctx);
    const days = ctx.request.body?.days ?? 7;
    const until = new Date(ctx.now.getTime() + days * dayMs);
    const row = await saveFeedback(
      ctx.db,
      principalOf(ctx).sub,
      id,
      { state: 'snoozed', reason: null, until },
      ctx.now,
    );
    return { status: 200, body: feedbackOf(row) };
  },

  async restoreRecommendation(ctx) {
    const found = await current(ctx);
    if (!(await clearFeedback(ctx.db, principalOf(ctx).sub, found.id))) {
      throw new ApiError(
        'not_found',
        `Recommendation "${found.id}" is neither dismissed nor snoozed.`,
      );
    }
    return { status: 200, body: found };
  },

  async listDataConsents(ctx) {
    return { status: 200, body: { items: await consentsOf(ctx.db, principalOf(ctx).sub) } };
  },

  async setDataConsent(ctx) {
    const { sub } = principalOf(ctx);
    const { category } = ctx.request.path;
    await setConsent(ctx.db, sub, category, ctx.request.body?.granted ?? true, ctx.now);
    const consent = (await consentsOf(ctx.db, sub)).find((item) => item.category === category);
    if (!consent) throw new ApiError('not_found', `No data category "${category}".`);
    return { status: 200, body: consent };
  },
};
