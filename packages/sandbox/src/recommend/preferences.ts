// What the person said about their recommendations, kept in the database: dismissals, snoozes
// and consent per data category; and the person's recommendations with all of it applied.
import type { Schemas } from '@zheli/contract';
import type { Queryable } from '../db/database.js';
import type { Persona } from '../personas.js';
import { shanghaiDateTime } from '../time.js';
import { categories, categoryOrder } from './categories.js';
import { candidates, circumstancesOf, offerIn, recommend } from './recommend.js';
import { rules } from './rules.js';

type DataCategory = Schemas['DataCategory'];
type Recommendation = Schemas['Recommendation'];

/** A stored dismissal or snooze. */
export interface FeedbackRow {
  recommendation_id: string;
  state: 'dismissed' | 'snoozed';
  reason: Schemas['DismissReason'] | null;
  until: Date | null;
  created_at: Date;
}

/** The categories the person revoked, each with when. */
async function consentRows(
  db: Queryable,
  sub: string,
): Promise<Map<string, { granted: boolean; updated_at: Date }>> {
  const { rows } = await db.query<{ category: string; granted: boolean; updated_at: Date }>(
    'SELECT category, granted, updated_at FROM data_consents WHERE sub = $1',
    [sub],
  );
  return new Map(rows.map((row) => [row.category, row]));
}

/** The rule's id without its per-match part: `rec-vehicle-inspection-{plateId}` → `rec-vehicle-inspection`. */
const ruleId = (id: string) => id.replace(/-\{\w+\}$/, '');

/** Every category with its purpose, scope, rules and the person's consent. */
export async function consentsOf(db: Queryable, sub: string): Promise<Schemas['DataConsent'][]> {
  const stored = await consentRows(db, sub);
  return categoryOrder.map((category) => {
    const row = stored.get(category);
    return {
      category,
      ...categories[category],
      rules: rules
        .filter((rule) => rule.uses.includes(category))
        .map((rule) => ({ id: ruleId(rule.id), name: rule.name, nameEn: rule.nameEn })),
      granted: row?.granted ?? true,
      updatedAt: row ? shanghaiDateTime(row.updated_at) : null,
    };
  });
}

/** Grants or revokes the person's consent to `category` at `now`. */
export async function setConsent(
  db: Queryable,
  sub: string,
  category: DataCategory,
  granted: boolean,
  now: Date,
): Promise<void> {
  await db.query(
    `INSERT INTO data_consents (sub, category, granted, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (sub, category) DO UPDATE SET granted = $3, updated_at = $4
       WHERE data_consents.granted <> $3`,
    [sub, category, granted, now],
  );
}

/** Saves a dismissal (with its reason) or a snooze (until a moment), replacing an earlier one. */
export async function saveFeedback(
  db: Queryable,
  sub: string,
  id: string,
  feedback: Pick<FeedbackRow, 'state' | 'reason' | 'until'>,
  now: Date,
): Promise<FeedbackRow> {
  const { rows } = await db.query<FeedbackRow>(
    `INSERT INTO recommendation_feedback (sub, recommendation_id, state, reason, until, created_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (sub, recommendation_id)
       DO UPDATE SET state = $3, reason = $4, until = $5, created_at = $6
       RETURNING recommendation_id, state, reason, until, created_at`,
    [sub, id, feedback.state, feedback.reason, feedback.until, now],
  );
  return rows[0] as FeedbackRow;
}

/** Forgets the dismissal or snooze of `id`; whether there was one. */
export async function clearFeedback(db: Queryable, sub: string, id: string): Promise<boolean> {
  const { rows } = await db.query(
    'DELETE FROM recommendation_feedback WHERE sub = $1 AND recommendation_id = $2 RETURNING 1',
    [sub, id],
  );
  return rows.length > 0;
}

/**
 * The person's recommendations at `now` in the region `chain`: only the rules whose data
 * categories they consent to run (a revoked category is not read at all), and, unless `all`,
 * without those dismissed or snoozed until later. `withheld` names the revoked categories.
 */
export async function recommendationsFor(
  db: Queryable,
  persona: Persona,
  chain: readonly string[],
  now: Date,
  { all = false } = {},
): Promise<Schemas['RecommendationList'] & { withheld: Schemas['WithheldCategory'][] }> {
  const stored = await consentRows(db, persona.sub);
  const revoked = new Set(
    categoryOrder.filter((category) => stored.get(category)?.granted === false),
  );
  const allowed = rules.filter((rule) => !rule.uses.some((category) => revoked.has(category)));
  const found = candidates(circumstancesOf(persona, now), allowed);
  let items: Recommendation[] = recommend(found, await offerIn(db, found, chain));
  if (!all) {
    const { rows } = await db.query<{ recommendation_id: string }>(
      `SELECT recommendation_id FROM recommendation_feedback
        WHERE sub = $1 AND (state = 'dismissed' OR until > $2)`,
      [persona.sub, now],
    );
    const hidden = new Set(rows.map((row) => row.recommendation_id));
    items = items.filter((item) => !hidden.has(item.id));
  }
  const withheld = [...revoked].map((category) => ({
    category,
    name: categories[category].name,
    nameEn: categories[category].nameEn,
    rules: rules.filter((rule) => rule.uses.includes(category)).length,
  }));
  return { items, withheld };
}
