// Regions, categories, the service catalog (search, through ../search.ts; batch; detail) and
// one-matter bundles.
import type { Schemas } from '@zheli/contract';
import type { Queryable, SqlValue } from '../../db/database.js';
import { decodeCursor, page } from '../paging.js';
import { notFound } from '../problems.js';
import {
  type RegionRow,
  regionsOf,
  type ServiceSummaryRow,
  serviceColumns,
  serviceFrom,
  serviceSummary,
} from '../rows.js';
import { type SearchFilter, searchServices, searchTerms } from '../search.js';
import type { Handlers } from '../types.js';

/** Codes of the regions whose services are offered in `region`: itself, its city, the province. */
function offeredIn(chain: RegionRow[]): string[] {
  return chain.map((r) => r.code);
}

export const regionHandlers: Pick<Handlers, 'listRegions' | 'getRegion'> = {
  async listRegions({ request, deps }) {
    const regions = await regionsOf(deps.db);
    const parent = request.query.parent;
    if (parent === undefined) {
      return {
        status: 200,
        body: { items: (regions.children.get(null) ?? []).map((r) => regions.region(r)) },
      };
    }
    regions.get(parent);
    return {
      status: 200,
      body: { items: (regions.children.get(parent) ?? []).map((r) => regions.region(r)) },
    };
  },

  async getRegion({ request, deps }) {
    const regions = await regionsOf(deps.db);
    const region = regions.get(request.path.code);
    return {
      status: 200,
      body: {
        ...regions.region(region),
        path: regions
          .chain(region.code)
          .slice(1)
          .reverse()
          .map((r) => regions.region(r)),
        children: (regions.children.get(region.code) ?? []).map((r) => regions.region(r)),
      },
    };
  },
};

export const catalogHandlers: Pick<
  Handlers,
  | 'listCategories'
  | 'searchServices'
  | 'batchGetServices'
  | 'getService'
  | 'listBundles'
  | 'getBundle'
> = {
  async listCategories({ request, deps }) {
    const params: SqlValue[] = [];
    let join = '';
    if (request.query.region !== undefined) {
      const regions = await regionsOf(deps.db);
      const region = regions.filter(request.query.region, 'query.region');
      params.push(offeredIn(regions.chain(region.code)));
      join = 'AND s.region_code = ANY($1::text[])';
    }
    const { rows } = await deps.db.query<{
      id: Schemas['CategoryId'];
      name: string;
      name_tw: string;
      name_en: string;
      n: number;
    }>(
      `SELECT c.id, c.name, c.name_tw, c.name_en, count(s.id)::int AS n
         FROM categories c LEFT JOIN services s ON s.category = c.id ${join}
        GROUP BY c.id ORDER BY min(c.position)`,
      params,
    );
    return {
      status: 200,
      body: {
        items: rows.map((r) => ({
          id: r.id,
          name: r.name,
          nameTw: r.name_tw,
          nameEn: r.name_en,
          serviceCount: r.n,
        })),
      },
    };
  },

  async searchServices({ request, deps }) {
    const { q, region, category, audience, onlineLevel, bookable, cursor } = request.query;
    const limit = request.query.limit ?? 20;
    const terms = searchTerms(q ?? '');
    // `relevance` needs words to be relevant to: without them, popularity.
    const asked = request.query.sort ?? 'relevance';
    const sort = asked === 'relevance' && terms.length === 0 ? 'popularity' : asked;
    const filters = { q: terms, region, category, audience, onlineLevel, bookable, sort };
    const offset = decodeCursor(cursor, filters);

    const base: SearchFilter = { where: [], params: [] };
    const add = (sql: (p: string) => string, value: SqlValue) => {
      base.params.push(value);
      base.where.push(sql(`$${base.params.length}`));
    };
    if (region !== undefined) {
      const regions = await regionsOf(deps.db);
      const r = regions.filter(region, 'query.region');
      add((p) => `s.region_code = ANY(${p}::text[])`, offeredIn(regions.chain(r.code)));
    }
    if (category !== undefined) add((p) => `s.category = ${p}`, category);
    if (audience !== undefined) add((p) => `s.audience = ${p}`, audience);
    if (onlineLevel !== undefined) add((p) => `s.online_level = ${p}`, onlineLevel);
    if (bookable !== undefined) add((p) => `s.bookable = ${p}`, bookable);

    const { rows, total } = await searchServices(deps.db, terms, base, sort, offset, limit);
    const result = page(rows, offset, limit, filters);
    return {
      status: 200,
      body: { items: result.items.map(serviceSummary), nextCursor: result.nextCursor, total },
    };
  },

  async batchGetServices({ request, deps }) {
    const ids = [...new Set(request.query.ids)];
    const { rows } = await deps.db.query<ServiceSummaryRow>(
      `SELECT ${serviceColumns} FROM ${serviceFrom} WHERE s.id = ANY($1::text[])`,
      [ids],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    return {
      status: 200,
      body: {
        items: ids.flatMap((id) => {
          const row = byId.get(id);
          return row ? [serviceSummary(row)] : [];
        }),
        missing: ids.filter((id) => !byId.has(id)),
      },
    };
  },

  async getService({ request, deps }) {
    const id = request.path.serviceId;
    const { rows } = await deps.db.query<
      ServiceSummaryRow & {
        legal_days: number;
        keywords: string[];
        materials: Schemas['Material'][];
        conditions: string[];
        template_key: string;
      }
    >(
      `SELECT ${serviceColumns}, s.legal_days, s.keywords, s.materials, s.conditions, s.template_key
         FROM ${serviceFrom} WHERE s.id = $1`,
      [id],
    );
    const row = rows[0] ?? notFound(`No service with id "${id}".`);
    const sites = await deps.db.query<{
      id: string;
      name: string;
      region_code: string;
      address: string;
    }>(
      `SELECT x.id, x.name, x.region_code, x.address
         FROM site_services ss JOIN sites x ON x.id = ss.site_id
        WHERE ss.service_id = $1 ORDER BY x.seq`,
      [id],
    );
    const bundles = await deps.db.query<{ id: string }>(
      `SELECT b.id FROM bundles b
        WHERE EXISTS (SELECT 1 FROM bundle_steps bs WHERE bs.bundle_id = b.id AND bs.template_key = $1)
        ORDER BY b.seq`,
      [row.template_key],
    );
    return {
      status: 200,
      body: {
        ...serviceSummary(row),
        legalDays: row.legal_days,
        keywords: row.keywords,
        materials: row.materials,
        conditions: row.conditions,
        sites: sites.rows.map((s) => ({
          id: s.id,
          name: s.name,
          regionCode: s.region_code,
          address: s.address,
        })),
        bundleIds: bundles.rows.map((b) => b.id),
        applyUrl: `https://www.zjzwfw.gov.cn/apply/${id}`,
      },
    };
  },

  async listBundles({ request, deps }) {
    const { region, audience, cursor } = request.query;
    const limit = request.query.limit ?? 20;
    const filters = { region, audience };
    const offset = decodeCursor(cursor, filters);
    const regions = await regionsOf(deps.db);
    const chain =
      region !== undefined
        ? offeredIn(regions.chain(regions.filter(region, 'query.region').code))
        : null;
    const all = await loadBundles(deps.db, chain, audience ?? null);
    const result = page(all.slice(offset, offset + limit + 1), offset, limit, filters);
    return { status: 200, body: { items: result.items, nextCursor: result.nextCursor } };
  },

  async getBundle({ request, deps }) {
    const id = request.path.bundleId;
    const [bundle] = await loadBundles(deps.db, null, null, id);
    return { status: 200, body: bundle ?? notFound(`No bundle with id "${id}".`) };
  },
};

/**
 * Bundles with their services. With a region, each step is the service offered there (its own,
 * its city's or the province's), and only bundles with every step offered there are returned;
 * without one, the bundle's default services.
 */
async function loadBundles(
  db: Queryable,
  chain: string[] | null,
  audience: string | null,
  id?: string,
): Promise<Schemas['Bundle'][]> {
  const { rows: bundles } = await db.query<{
    id: string;
    name: string;
    name_en: string;
    summary: string;
    audience: Schemas['Audience'];
    category: Schemas['CategoryId'];
    saved_visits: number;
    promised_days: number;
    steps: number;
  }>(
    `SELECT b.id, b.name, b.name_en, b.summary, b.audience, b.category, b.saved_visits, b.promised_days,
            (SELECT count(*)::int FROM bundle_steps bs WHERE bs.bundle_id = b.id) AS steps
       FROM bundles b
      WHERE ($1::text IS NULL OR b.audience = $1) AND ($2::text IS NULL OR b.id = $2)
      ORDER BY b.seq`,
    [audience, id ?? null],
  );
  if (bundles.length === 0) return [];
  const ids = bundles.map((b) => b.id);
  const { rows: steps } = chain
    ? await db.query<ServiceSummaryRow & { bundle_id: string; position: number }>(
        `SELECT DISTINCT ON (bs.bundle_id, bs.position) bs.bundle_id, bs.position, ${serviceColumns}
           FROM bundle_steps bs
           JOIN ${serviceFrom} ON s.template_key = bs.template_key AND s.region_code = ANY($2::text[])
          WHERE bs.bundle_id = ANY($1::text[])
          ORDER BY bs.bundle_id, bs.position, array_position($2::text[], s.region_code), s.seq`,
        [ids, chain],
      )
    : await db.query<ServiceSummaryRow & { bundle_id: string; position: number }>(
        `SELECT bs.bundle_id, bs.position, ${serviceColumns}
           FROM bundle_steps bs JOIN ${serviceFrom} ON s.id = bs.service_id
          WHERE bs.bundle_id = ANY($1::text[])
          ORDER BY bs.bundle_id, bs.position`,
        [ids],
      );
  const byBundle = new Map<string, Schemas['ServiceSummary'][]>();
  for (const step of steps) {
    const list = byBundle.get(step.bundle_id) ?? [];
    list.push(serviceSummary(step));
    byBundle.set(step.bundle_id, list);
  }
  return bundles
    .filter((b) => (byBundle.get(b.id)?.length ?? 0) === b.steps)
    .map((b) => ({
      id: b.id,
      name: b.name,
      nameEn: b.name_en,
      summary: b.summary,
      audience: b.audience,
      category: b.category,
      services: byBundle.get(b.id) ?? [],
      savedVisits: b.saved_visits,
      promisedDays: b.promised_days,
    }));
}
