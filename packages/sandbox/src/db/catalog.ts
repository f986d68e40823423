// Turns the curated data into the rows the sandbox seeds: deterministic (same data, same rows),
// with ratings and dates from a PRNG seeded by each row's id. About 400 lines because every table's
// rows are made in one pass over the data that shares the region tree and the ids made on the way.
import type { Schemas } from '@zheli/contract';
import type { RegionData, SeedData, ServiceTemplate, SiteData } from '../data.js';
import type { Persona } from '../personas.js';
import { regionChain } from '../region-chain.js';

/** A seeded PRNG (mulberry32) from a string: the same string gives the same sequence. */
function prng(seed: string): () => number {
  let h = 2166136261;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619);
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Two-letter codes of the categories in service codes (`330523-JT-0001`). */
const categoryCodes: Record<Schemas['CategoryId'], string> = {
  childcare: 'SY',
  education: 'JY',
  employment: 'JC',
  social_insurance: 'SB',
  medical: 'WS',
  elderly_care: 'YL',
  housing: 'ZF',
  social_assistance: 'SJ',
  transport: 'JT',
  public_security: 'GA',
  civil_affairs: 'MZ',
  real_estate: 'BD',
  enterprise: 'QY',
  tax: 'SW',
  utilities: 'SD',
  agriculture: 'NY',
};

interface ServiceRow {
  id: string;
  seq: number;
  template_key: string;
  code: string;
  name: string;
  name_en: string;
  summary: string;
  keywords: string[];
  department_id: string;
  department_name: string;
  department_name_en: string;
  level: Schemas['RegionLevel'];
  region_code: string;
  audience: Schemas['Audience'];
  category: Schemas['CategoryId'];
  online_level: Schemas['OnlineLevel'];
  max_visits: number;
  promised_days: number;
  legal_days: number;
  fee_amount: number;
  fee_note: string | null;
  bookable: boolean;
  rating_sum: number;
  rating_count: number;
  popularity: number;
  materials: Schemas['Material'][];
  conditions: string[];
  search_text: string;
  search_name: string;
  search_keywords: string;
  search_department: string;
}

interface SiteRow {
  id: string;
  seq: number;
  name: string;
  name_en: string;
  kind: string;
  region_code: string;
  address: string;
  address_en: string;
  phone: string;
  lat: number;
  lng: number;
  opening_hours: Schemas['OpeningHours'][];
}

export interface CatalogRows {
  services: ServiceRow[];
  bundles: {
    id: string;
    seq: number;
    name: string;
    name_en: string;
    summary: string;
    audience: string;
    category: string;
    saved_visits: number;
    promised_days: number;
  }[];
  bundleSteps: { bundle_id: string; position: number; template_key: string; service_id: string }[];
  sites: SiteRow[];
  siteHours: { site_id: string; weekday: number; opens: string; closes: string }[];
  siteServices: {
    site_id: string;
    service_id: string;
    position: number;
    slot_prefix: string;
    slot_minutes: number;
    slot_capacity: number;
  }[];
  matters: {
    case_number: string;
    sub: string;
    service_id: string;
    status: 'handled';
    submitted_at: string;
    handled_at: string;
  }[];
  evaluations: {
    id: string;
    case_number: string;
    sub: string;
    service_id: string;
    level: Schemas['EvaluationLevel'];
    tags: string[];
    comment: string | null;
    created_at: string;
  }[];
}

/** Region helpers over the data's region tree. */
class RegionTree {
  readonly regions: RegionData[];
  readonly byCode: Map<string, RegionData>;

  constructor(regions: RegionData[]) {
    this.regions = regions;
    this.byCode = new Map(regions.map((r) => [r.code, r]));
  }

  /** The region and its ancestors, itself first, the province last. */
  chain(code: string): RegionData[] {
    return regionChain(code, this.byCode, (r) => r.parentCode);
  }
}

/**
 * The counties whose view of a bundle is its default (a bundle fetched without a region): where a
 * persona lives or a site stands, in that order.
 */
function featuredCounties(data: SeedData): string[] {
  const tree = new RegionTree(data.regions);
  const codes = [...data.personas.map((p) => p.regionCode), ...data.sites.map((s) => s.regionCode)];
  return [...new Set(codes)].filter((c) => tree.byCode.get(c)?.level === 'county');
}

/** Builds every row of the seed from the data, growing the catalog to `seedServices` services. */
export function buildCatalog(data: SeedData, seedServices = 0): CatalogRows {
  const tree = new RegionTree(data.regions);
  const departments = new Map(data.departments.map((d) => [d.id, d]));
  const templateIndex = new Map(data.templates.map((t, i) => [t.key, i]));
  const services: ServiceRow[] = [];
  const serviceIds = new Set<string>();

  const addService = (template: ServiceTemplate, region: RegionData, variant = 1) => {
    const suffix = variant > 1 ? `-${variant}` : '';
    const id = `svc-${region.code}-${template.key}${suffix}`;
    if (serviceIds.has(id)) return;
    const dept = departments.get(template.department);
    if (!dept)
      throw new Error(`Template ${template.key}: unknown department ${template.department}`);
    const rand = prng(id);
    // Log-uniform from 20 to 20,000 evaluations (bookable services are used more), a few unrated.
    const scale = template.bookable ? 5 : 1;
    const count =
      rand() < 0.04
        ? 0
        : Math.min(60_000, Math.floor(Math.exp(Math.log(20) + rand() * Math.log(1000)) * scale));
    const score = Math.round((4.2 + rand() * 0.8) * 10) / 10;
    const name = variant > 1 ? `${template.name}（${variant}）` : template.name;
    const nameEn = variant > 1 ? `${template.nameEn} (${variant})` : template.nameEn;
    const departmentName = `${region.name}${dept.name}`;
    const departmentNameEn = `${region.nameEn} ${dept.nameEn}`;
    const index = String((templateIndex.get(template.key) ?? 0) + 1).padStart(4, '0');
    services.push({
      id,
      seq: services.length + 1,
      template_key: template.key,
      code: `${region.code}-${categoryCodes[template.category]}-${index}${suffix}`,
      name,
      name_en: nameEn,
      summary: template.summary,
      keywords: template.keywords,
      department_id: `dept-${region.code}-${dept.id}`,
      department_name: departmentName,
      department_name_en: departmentNameEn,
      level: region.level,
      region_code: region.code,
      audience: template.audience,
      category: template.category,
      online_level: template.onlineLevel,
      max_visits: template.maxVisits,
      promised_days: template.promisedDays,
      legal_days: template.legalDays,
      fee_amount: template.fee.amount,
      fee_note: template.fee.note,
      bookable: template.bookable,
      rating_sum: Math.round(score * count),
      rating_count: count,
      popularity: Math.round(count * (1 + rand()) + (template.bookable ? 5000 : 0)),
      materials: template.materials,
      conditions: template.conditions,
      search_text: '',
      search_name: `${name} ${template.nameTw} ${nameEn}`.toLowerCase(),
      search_keywords: template.keywords.join(' ').toLowerCase(),
      search_department:
        `${departmentName} ${region.nameTw}${dept.nameTw} ${departmentNameEn}`.toLowerCase(),
    });
    const row = services.at(-1) as ServiceRow;
    row.search_text = `${row.search_name} | ${row.search_keywords} | ${row.search_department}`;
    serviceIds.add(id);
  };

  // One service per template for each region at the template's levels (the data's rule), in
  // a stable order: the province's, the cities', the counties'.
  for (const level of ['province', 'city', 'county'] as const) {
    const templates = data.templates.filter((t) => t.levels.includes(level));
    for (const region of data.regions.filter((r) => r.level === level)) {
      for (const t of templates) addService(t, region);
    }
  }
  // Growing the catalog (benchmarks): numbered variants of the county services.
  const featured = featuredCounties(data);
  const countyTemplates = data.templates.filter((t) => t.levels.includes('county'));
  const counties = data.regions.filter((r) => r.level === 'county');
  for (let variant = 2; services.length < seedServices; variant++) {
    for (const region of counties) {
      for (const t of countyTemplates) {
        if (services.length >= seedServices) break;
        addService(t, region, variant);
      }
    }
  }

  /** The service of a template offered in a region: its own, its city's or the province's. */
  const resolve = (templateKey: string, regionCode: string): string | undefined => {
    for (const r of tree.chain(regionCode)) {
      const id = `svc-${r.code}-${templateKey}`;
      if (serviceIds.has(id)) return id;
    }
    return undefined;
  };

  const bundles: CatalogRows['bundles'] = [];
  const bundleSteps: CatalogRows['bundleSteps'] = [];
  for (const [i, b] of data.bundles.entries()) {
    const home = featured.find((code) => b.serviceKeys.every((k) => resolve(k, code)));
    if (!home) throw new Error(`Bundle ${b.key}: no region offers all of its services`);
    const id = `bnd-${b.key}`;
    bundles.push({
      id,
      seq: i + 1,
      name: b.name,
      name_en: b.nameEn,
      summary: b.summary,
      audience: b.audience,
      category: b.category,
      saved_visits: b.savedVisits,
      promised_days: b.promisedDays,
    });
    for (const [position, key] of b.serviceKeys.entries()) {
      bundleSteps.push({
        bundle_id: id,
        position,
        template_key: key,
        service_id: resolve(key, home) as string,
      });
    }
  }

  const sites: SiteRow[] = [];
  const siteHours: CatalogRows['siteHours'] = [];
  const siteServices: CatalogRows['siteServices'] = [];
  const bookable = new Set(data.templates.filter((t) => t.bookable).map((t) => t.key));
  for (const [i, s] of data.sites.entries()) {
    const id = `site-${s.key}`;
    sites.push(siteRow(s, id, i + 1));
    for (const hours of s.openingHours) {
      for (const weekday of hours.days) {
        siteHours.push({ site_id: id, weekday, opens: hours.open, closes: hours.close });
      }
    }
    for (const [position, key] of (s.serviceKeys ?? []).entries()) {
      const serviceId = resolve(key, s.regionCode);
      if (!serviceId) throw new Error(`Site ${s.key}: no service ${key} is offered in its region`);
      siteServices.push({
        site_id: id,
        service_id: serviceId,
        position,
        slot_prefix: `${s.key}-${key}`,
        slot_minutes: bookable.has(key) ? s.slotMinutes : 0,
        slot_capacity: bookable.has(key) ? s.slotCapacity : 0,
      });
    }
  }

  const { matters, evaluations } = personaMatters(data.personas, data.templates, resolve);
  return { services, bundles, bundleSteps, sites, siteHours, siteServices, matters, evaluations };
}

function siteRow(s: SiteData, id: string, seq: number): SiteRow {
  return {
    id,
    seq,
    name: s.name,
    name_en: s.nameEn,
    kind: s.kind,
    region_code: s.regionCode,
    address: s.address,
    address_en: s.addressEn,
    phone: s.phone,
    lat: s.location.lat,
    lng: s.location.lng,
    opening_hours: s.openingHours,
  };
}

/**
 * Handled matters (办件) for each persona, so evaluations can be tried: one recent and not yet
 * rated, one older and rated. A persona with a vehicle has its inspection handled; the Anji
 * driver's is the contract's example, `330523-20261118-000123`.
 */
function personaMatters(
  personas: Persona[],
  templates: ServiceTemplate[],
  resolve: (templateKey: string, regionCode: string) => string | undefined,
): Pick<CatalogRows, 'matters' | 'evaluations'> {
  const matters: CatalogRows['matters'] = [];
  const evaluations: CatalogRows['evaluations'] = [];
  const used = new Set<string>();
  for (const [n, persona] of personas.entries()) {
    const rand = prng(`matters-${persona.sub}`);
    const audience = persona.kind === 'enterprise' ? 'enterprise' : 'person';
    const candidates = templates.filter(
      (t) => t.audience === audience && !t.bookable && resolve(t.key, persona.regionCode),
    );
    const pick = () => candidates[Math.floor(rand() * candidates.length)];
    const recent =
      persona.facts.vehicles && persona.facts.vehicles.length > 0
        ? templates.find((t) => t.key === 'vehicle-inspection-booking')
        : pick();
    const older = pick();
    const plan: [ServiceTemplate | undefined, number, boolean][] = [
      [recent, 5 + Math.floor(rand() * 20), false],
      [older, 60 + Math.floor(rand() * 120), true],
    ];
    for (const [i, [template, daysAgo, rated]] of plan.entries()) {
      if (!template) continue;
      const serviceId = resolve(template.key, persona.regionCode);
      if (!serviceId) continue;
      // Dates count back from a fixed day, so the seed does not depend on when it runs.
      const submitted = new Date(Date.parse('2026-11-23T01:00:00Z') - daysAgo * 86_400_000);
      const regionCode = serviceId.slice(4, 10);
      const day = new Date(submitted.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
      let caseNumber = `${regionCode}-${day.replace(/-/g, '')}-${String(100 + n * 10 + i).padStart(6, '0')}`;
      if (persona.sub === 'p-anji-driver' && i === 0) caseNumber = '330523-20261118-000123';
      if (used.has(caseNumber)) continue;
      used.add(caseNumber);
      const submittedAt =
        caseNumber === '330523-20261118-000123' ? '2026-11-18T01:00:00Z' : submitted.toISOString();
      // Handled within the day: the Anji inspection in 26 minutes, as the contract's example.
      const minutes = caseNumber === '330523-20261118-000123' ? 26 : 20 + Math.floor(rand() * 600);
      const handledAt = new Date(Date.parse(submittedAt) + minutes * 60_000).toISOString();
      matters.push({
        case_number: caseNumber,
        sub: persona.sub,
        service_id: serviceId,
        status: 'handled',
        submitted_at: submittedAt,
        handled_at: handledAt,
      });
      if (rated) {
        evaluations.push({
          id: `evl-seed${String(evaluations.length + 1).padStart(4, '0')}`,
          case_number: caseNumber,
          sub: persona.sub,
          service_id: serviceId,
          level: rand() < 0.7 ? 'very_satisfied' : 'satisfied',
          tags: ['fast', 'convenient'],
          comment: null,
          created_at: new Date(Date.parse(handledAt) + 3_600_000).toISOString(),
        });
      }
    }
  }
  return { matters, evaluations };
}
