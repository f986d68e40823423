// The service catalog's search, without extensions (so it runs on PGlite): a query's terms, each
// scored by where it occurs, and for Chinese runs that match nothing their two-character pieces.
import type { Schemas } from '@zheli/contract';
import type { Queryable, SqlValue } from '../db/database.js';
import { type ServiceSummaryRow, serviceColumns, serviceFrom } from './rows.js';

/** Splits a query into search terms: words, lower-cased, at most 8. */
export function searchTerms(q: string): string[] {
  return [
    ...new Set(
      q
        .toLowerCase()
        .split(/[\s,，、;；]+/u)
        .filter(Boolean),
    ),
  ].slice(0, 8);
}

const cjk = /[\u3400-\u9fff\uf900-\ufaff]/u;

/** Overlapping two-character pieces of the Chinese terms of three characters or more. */
function bigrams(terms: string[]): string[] {
  const out = new Set<string>();
  for (const term of terms) {
    const chars = [...term];
    if (chars.length < 3 || !chars.every((ch) => cjk.test(ch))) {
      out.add(term);
      continue;
    }
    for (let i = 0; i + 1 < chars.length; i++) out.add(`${chars[i]}${chars[i + 1]}`);
  }
  return [...out];
}

/** Relevance of one term (a `$n` parameter) against a service `s`: weighted by field. */
function termScore(p: string): string {
  return `(CASE WHEN lower(s.name) = ${p} OR lower(s.name_en) = ${p} THEN 100
               WHEN starts_with(s.search_name, ${p}) THEN 60
               WHEN strpos(s.search_name, ${p}) > 0 THEN 40 ELSE 0 END
         + CASE WHEN strpos(' ' || s.search_keywords || ' ', ' ' || ${p} || ' ') > 0 THEN 30
                WHEN strpos(s.search_keywords, ${p}) > 0 THEN 20 ELSE 0 END
         + CASE WHEN strpos(s.search_department, ${p}) > 0 THEN 10 ELSE 0 END)`;
}

/** The term occurs in the name, keywords or department (one byte-wise scan of one column). */
function termMatches(p: string): string {
  return `strpos(s.search_text, ${p}) > 0`;
}

/** The filters every term adds to: `WHERE` conditions and their parameters. */
export interface SearchFilter {
  where: string[];
  params: SqlValue[];
}

interface SearchPlan {
  where: string[];
  params: SqlValue[];
  score: string;
}

/**
 * Full-text-ish search without extensions (so it runs on PGlite): every term must occur in the
 * name, keywords or department (lower-cased, Chinese or English), scored by where it occurs. When that finds nothing and the query has Chinese runs of three characters or more
 * (`安吉机动车`), their two-character pieces are matched instead, and most of them must occur.
 */
function searchPlan(terms: string[], base: SearchFilter, loose: boolean): SearchPlan {
  const params = [...base.params];
  const where = [...base.where];
  const words = loose ? bigrams(terms) : terms;
  const refs = words.map((w) => {
    params.push(w);
    return `$${params.length}`;
  });
  if (refs.length === 0) return { where, params, score: '0' };
  if (loose) {
    const need = Math.ceil(refs.length * 0.6);
    where.push(
      `(${refs.map((p) => `(CASE WHEN ${termMatches(p)} THEN 1 ELSE 0 END)`).join(' + ')}) >= ${need}`,
    );
  } else {
    where.push(...refs.map(termMatches));
  }
  return { where, params, score: refs.map(termScore).join(' + ') };
}

const orders: Record<Schemas['ServiceSort'], string> = {
  relevance: 'score DESC, s.popularity DESC, s.id',
  popularity: 's.popularity DESC, s.id',
  rating: `CASE WHEN s.rating_count > 0 THEN s.rating_sum::float8 / s.rating_count END DESC NULLS LAST,
           s.rating_count DESC, s.id`,
  name: 's.name COLLATE "C", s.id',
};

async function search(
  db: Queryable,
  plan: SearchPlan,
  sort: Schemas['ServiceSort'],
  offset: number,
  limit: number,
): Promise<{ rows: (ServiceSummaryRow & { total: number })[] }> {
  const params = [...plan.params, limit + 1, offset];
  return db.query<ServiceSummaryRow & { total: number }>(
    `SELECT ${serviceColumns}, (${plan.score}) AS score, count(*) OVER ()::int AS total
       FROM ${serviceFrom}
      ${plan.where.length > 0 ? `WHERE ${plan.where.join(' AND ')}` : ''}
      ORDER BY ${orders[sort]}
      LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
}

async function count(db: Queryable, plan: SearchPlan): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${serviceFrom}
      ${plan.where.length > 0 ? `WHERE ${plan.where.join(' AND ')}` : ''}`,
    plan.params,
  );
  return rows[0]?.n ?? 0;
}

/**
 * The services `filter` and `terms` find, a page of them sorted by `sort`, and how many there are
 * in all. When the terms find nothing and hold Chinese runs of three characters or more, their
 * two-character pieces are matched instead.
 */
export async function searchServices(
  db: Queryable,
  terms: string[],
  filter: SearchFilter,
  sort: Schemas['ServiceSort'],
  offset: number,
  limit: number,
): Promise<{ rows: ServiceSummaryRow[]; total: number }> {
  let plan = searchPlan(terms, filter, false);
  let { rows } = await search(db, plan, sort, offset, limit);
  let total = rows[0]?.total ?? (offset > 0 ? await count(db, plan) : 0);
  if (total === 0 && terms.some((t) => [...t].length >= 3 && cjk.test(t))) {
    plan = searchPlan(terms, filter, true);
    ({ rows } = await search(db, plan, sort, offset, limit));
    total = rows[0]?.total ?? (offset > 0 ? await count(db, plan) : 0);
  }
  return { rows, total };
}
