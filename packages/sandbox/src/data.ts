// The curated seed data in `data/*.json`: regions, categories, departments, service templates,
// bundles and sites. Services are generated from the templates (see db/catalog.ts).
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Schemas } from '@zheli/contract';
import { dataDirUrl } from './paths.js';
import type { Persona } from './personas.js';
import { loadVillages, type VillageData } from './points/data.js';

type RegionLevel = Schemas['RegionLevel'];

export interface RegionData {
  code: string;
  name: string;
  nameTw: string;
  nameEn: string;
  level: RegionLevel;
  parentCode: string | null;
}

interface NamedData {
  id: string;
  name: string;
  nameTw: string;
  nameEn: string;
}

export interface ServiceTemplate {
  key: string;
  name: string;
  nameTw: string;
  nameEn: string;
  summary: string;
  summaryEn: string;
  /** A department id of departments.json. */
  department: string;
  category: Schemas['CategoryId'];
  audience: Schemas['Audience'];
  /** The levels the service is offered at: one service per region of each level. */
  levels: RegionLevel[];
  onlineLevel: Schemas['OnlineLevel'];
  maxVisits: number;
  promisedDays: number;
  legalDays: number;
  fee: { amount: number; note: string | null };
  bookable: boolean;
  keywords: string[];
  materials: Schemas['Material'][];
  conditions: string[];
  conditionsEn: string[];
}

interface BundleData {
  key: string;
  name: string;
  nameTw: string;
  nameEn: string;
  summary: string;
  summaryEn: string;
  audience: Schemas['Audience'];
  category: Schemas['CategoryId'];
  /** Template keys, in the order they are handled. */
  serviceKeys: string[];
  savedVisits: number;
  promisedDays: number;
}

export interface SiteData {
  key: string;
  name: string;
  nameEn: string;
  kind: Schemas['SiteKind'];
  regionCode: string;
  address: string;
  addressEn: string;
  phone: string;
  location: { lat: number; lng: number };
  openingHours: Schemas['OpeningHours'][];
  slotMinutes: number;
  slotCapacity: number;
  /** Template keys handled here (resolved to the service offered in the site's region). */
  serviceKeys: string[] | null;
}

/** Everything the seed is made from. */
export interface SeedData {
  regions: RegionData[];
  categories: NamedData[];
  departments: NamedData[];
  templates: ServiceTemplate[];
  bundles: BundleData[];
  sites: SiteData[];
  personas: Persona[];
  /** The village points ledgers (`points.json`). */
  villages: VillageData[];
}

async function readJson<T>(name: string): Promise<T> {
  return JSON.parse(await readFile(new URL(name, dataDirUrl), 'utf8')) as T;
}

/** Reads `data/*.json` (the personas come from the caller: they may be replaced). */
export async function loadSeedData(personas: Persona[]): Promise<SeedData> {
  const [regions, categories, departments, templates, bundles, sites, villages] = await Promise.all(
    [
      readJson<RegionData[]>('regions.json'),
      readJson<NamedData[]>('categories.json'),
      readJson<NamedData[]>('departments.json'),
      readJson<ServiceTemplate[]>('service-templates.json'),
      readJson<BundleData[]>('bundles.json'),
      readJson<SiteData[]>('sites.json'),
      loadVillages(),
    ],
  );
  return { regions, categories, departments, templates, bundles, sites, personas, villages };
}

/** A stable hash of the seed inputs, part of the snapshot's cache key. */
export function seedDataHash(data: SeedData): string {
  return createHash('sha256').update(JSON.stringify(data)).digest('hex');
}
