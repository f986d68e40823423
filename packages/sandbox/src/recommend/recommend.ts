// The recommender: the rule table (rules.ts) applied to a person, then narrowed to the services
// and bundles offered in their region. Knows no rule by name.
import type { Schemas } from '@zheli/contract';
import type { Queryable } from '../db/database.js';
import type { Persona } from '../personas.js';
import { ageOn, shanghaiDate } from '../time.js';
import { categories } from './categories.js';
import { type Circumstances, type Rule, rules as table } from './rules.js';

type Recommendation = Schemas['Recommendation'];

/** A rule's match with its templates filled: a recommendation not yet resolved to a service. */
export interface Candidate extends Omit<Recommendation, 'serviceId' | 'bundleId' | 'uses'> {
  rank: number;
  /** The template key of the service, when the rule leads to one. */
  service?: string;
  bundle?: string;
  /** The data categories of the rule that made it. */
  uses: readonly Schemas['DataCategory'][];
}

/** The services (by template key) and bundles a person's region offers. */
export interface Offer {
  serviceFor: ReadonlyMap<string, string>;
  bundles: ReadonlySet<string>;
}

/** `{name}` placeholders filled from `values`; an unknown name stays as written. */
function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

/** What the rules are matched against for `persona` at `now`. */
export function circumstancesOf(persona: Persona, now: Date): Circumstances {
  return {
    persona,
    facts: persona.facts,
    today: shanghaiDate(now),
    age: persona.kind === 'person' && persona.birthDate ? ageOn(persona.birthDate, now) : null,
  };
}

/** Every match of every rule, its templates filled, lowest rank first (ties in table order). */
export function candidates(c: Circumstances, rules: readonly Rule[] = table): Candidate[] {
  return rules
    .flatMap((rule) =>
      rule.matches(c).map((match): Candidate => {
        const values = match.values ?? {};
        const wording = { ...rule, ...(match.variant ? rule.variants?.[match.variant] : {}) };
        return {
          id: fill(rule.id, values),
          rank: rule.rank + (match.rankOffset ?? 0),
          kind: rule.kind,
          action: rule.action,
          ...(rule.service ? { service: rule.service } : { bundle: rule.bundle }),
          title: fill(wording.title, values),
          titleEn: fill(wording.titleEn, values),
          reason: fill(wording.reason, values),
          reasonEn: fill(wording.reasonEn, values),
          dueDate: match.dueDate ?? null,
          uses: rule.uses,
        };
      }),
    )
    .sort((a, b) => a.rank - b.rank);
}

/**
 * The recommendations among `found` that the region offers, the first of each id, resolved to
 * the service's id (the nearest region's) or the bundle's.
 */
export function recommend(found: readonly Candidate[], offer: Offer): Recommendation[] {
  const seen = new Set<string>();
  return found.flatMap((r): Recommendation[] => {
    if (seen.has(r.id)) return [];
    seen.add(r.id);
    const serviceId = r.service ? offer.serviceFor.get(r.service) : undefined;
    if (r.service && !serviceId) return [];
    if (r.bundle && !offer.bundles.has(r.bundle)) return [];
    return [
      {
        id: r.id,
        kind: r.kind,
        title: r.title,
        titleEn: r.titleEn,
        reason: r.reason,
        reasonEn: r.reasonEn,
        serviceId: serviceId ?? null,
        bundleId: r.bundle ?? null,
        action: r.action,
        dueDate: r.dueDate,
        uses: r.uses.map((category) => ({
          category,
          name: categories[category].name,
          nameEn: categories[category].nameEn,
        })),
      },
    ];
  });
}

/**
 * What the database offers of `found` along `chain` (a region and its ancestors, itself first):
 * each service template's nearest service, and the bundles that exist.
 */
export async function offerIn(
  db: Queryable,
  found: readonly Candidate[],
  chain: readonly string[],
): Promise<Offer> {
  const templates = [...new Set(found.flatMap((r) => (r.service ? [r.service] : [])))];
  const bundles = [...new Set(found.flatMap((r) => (r.bundle ? [r.bundle] : [])))];
  const { rows: services } = await db.query<{ template_key: string; id: string }>(
    `SELECT DISTINCT ON (template_key) template_key, id FROM services
      WHERE template_key = ANY($1::text[]) AND region_code = ANY($2::text[])
      ORDER BY template_key, array_position($2::text[], region_code), seq`,
    [templates, chain],
  );
  const { rows: known } = await db.query<{ id: string }>(
    'SELECT id FROM bundles WHERE id = ANY($1::text[])',
    [bundles],
  );
  return {
    serviceFor: new Map(services.map((s) => [s.template_key, s.id])),
    bundles: new Set(known.map((b) => b.id)),
  };
}
