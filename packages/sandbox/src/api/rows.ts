// Rows to contract shapes, and the SQL that selects them.
import type { Schemas } from '@zheli/contract';
import type { Queryable } from '../db/database.js';
import { regionChain } from '../region-chain.js';
import { shanghaiDateTime } from '../time.js';
import { invalid, notFound } from './problems.js';

/** The columns a `ServiceSummary` is made of (`s` = services, `r` = its region). */
export const serviceColumns = `s.id, s.code, s.name, s.name_en, s.summary, s.department_id,
  s.department_name, s.department_name_en, s.level, s.region_code, r.name AS region_name,
  s.audience, s.category, s.online_level, s.max_visits, s.promised_days, s.fee_amount,
  s.fee_note, s.bookable, s.rating_sum, s.rating_count`;

/** `FROM` services with their region, aliased `s` and `r`. */
export const serviceFrom = 'services s JOIN regions r ON r.code = s.region_code';

export interface ServiceSummaryRow {
  id: string;
  code: string;
  name: string;
  name_en: string;
  summary: string;
  department_id: string;
  department_name: string;
  department_name_en: string;
  level: Schemas['RegionLevel'];
  region_code: string;
  region_name: string;
  audience: Schemas['Audience'];
  category: Schemas['CategoryId'];
  online_level: Schemas['OnlineLevel'];
  max_visits: number;
  promised_days: number;
  fee_amount: number;
  fee_note: string | null;
  bookable: boolean;
  rating_sum: number;
  rating_count: number;
}

export function serviceSummary(row: ServiceSummaryRow): Schemas['ServiceSummary'] {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    nameEn: row.name_en,
    summary: row.summary,
    department: {
      id: row.department_id,
      name: row.department_name,
      nameEn: row.department_name_en,
    },
    level: row.level,
    region: { code: row.region_code, name: row.region_name },
    audience: row.audience,
    category: row.category,
    onlineLevel: row.online_level,
    maxVisits: row.max_visits,
    promisedDays: row.promised_days,
    fee: { amount: row.fee_amount, currency: 'CNY', note: row.fee_note },
    bookable: row.bookable,
    rating: {
      score:
        row.rating_count > 0
          ? Math.min(5, Math.max(1, Math.round((row.rating_sum / row.rating_count) * 10) / 10))
          : null,
      count: row.rating_count,
    },
  };
}

export interface RegionRow {
  code: string;
  name: string;
  name_tw: string;
  name_en: string;
  level: Schemas['RegionLevel'];
  parent_code: string | null;
}

/** The region tree, read once (regions never change after seeding). */
export class Regions {
  readonly byCode: Map<string, RegionRow>;
  readonly children: Map<string | null, RegionRow[]>;

  constructor(rows: RegionRow[]) {
    this.byCode = new Map(rows.map((r) => [r.code, r]));
    this.children = new Map();
    for (const r of [...rows].sort((a, b) => a.code.localeCompare(b.code))) {
      const list = this.children.get(r.parent_code) ?? [];
      list.push(r);
      this.children.set(r.parent_code, list);
    }
  }

  static async load(db: Queryable): Promise<Regions> {
    const { rows } = await db.query<RegionRow>(
      'SELECT code, name, name_tw, name_en, level, parent_code FROM regions',
    );
    return new Regions(rows);
  }

  /** The region and its ancestors: itself first, the province last. */
  chain(code: string): RegionRow[] {
    return regionChain(code, this.byCode, (r) => r.parent_code);
  }

  /** The region and everything below it. */
  subtree(code: string): string[] {
    const out: string[] = [];
    const walk = (c: string) => {
      out.push(c);
      for (const child of this.children.get(c) ?? []) walk(child.code);
    };
    if (this.byCode.has(code)) walk(code);
    return out;
  }

  /** A region of a filter: unknown codes are a `400` naming the parameter. */
  filter(code: string, field: string): RegionRow {
    const region = this.byCode.get(code);
    if (!region) invalid([{ field, code: 'invalid', message: `is not a known region (${code})` }]);
    return region;
  }

  /** A region of a path: unknown codes are a `404`. */
  get(code: string): RegionRow {
    return this.byCode.get(code) ?? notFound(`No region with code "${code}".`);
  }

  region(row: RegionRow): Schemas['Region'] {
    return {
      code: row.code,
      name: row.name,
      nameTw: row.name_tw,
      nameEn: row.name_en,
      level: row.level,
      parentCode: row.parent_code,
      hasChildren: (this.children.get(row.code)?.length ?? 0) > 0,
    };
  }
}

const regionCache = new WeakMap<object, Promise<Regions>>();

/** The region tree of a database, loaded once. */
export function regionsOf(db: Queryable & object, key: object = db): Promise<Regions> {
  let regions = regionCache.get(key);
  if (!regions) {
    regions = Regions.load(db);
    regionCache.set(key, regions);
    regions.catch(() => regionCache.delete(key));
  }
  return regions;
}

export interface SiteRow {
  id: string;
  name: string;
  name_en: string;
  kind: Schemas['SiteKind'];
  region_code: string;
  address: string;
  address_en: string;
  phone: string;
  lat: number;
  lng: number;
  opening_hours: Schemas['OpeningHours'][];
  service_ids: string[];
}

/** Sites with their services, in the data's order (`x` = sites). */
export const siteSelect = `SELECT x.id, x.name, x.name_en, x.kind, x.region_code, x.address,
  x.address_en, x.phone, x.lat, x.lng, x.opening_hours,
  COALESCE((SELECT array_agg(ss.service_id ORDER BY ss.position) FROM site_services ss
             WHERE ss.site_id = x.id), ARRAY[]::text[]) AS service_ids
  FROM sites x`;

export function site(row: SiteRow): Schemas['Site'] {
  return {
    id: row.id,
    name: row.name,
    nameEn: row.name_en,
    kind: row.kind,
    regionCode: row.region_code,
    address: row.address,
    addressEn: row.address_en,
    phone: row.phone,
    location: { lat: row.lat, lng: row.lng },
    openingHours: row.opening_hours,
    serviceIds: row.service_ids,
  };
}

/** `2026-11-24T08:30:00+08:00` from a database timestamp. */
export function time(value: Date): string {
  return shanghaiDateTime(value);
}
