// The seed data of the village points ledgers (信治积分), `data/points.json`: each village with
// its rules, its points shop, its officers and its households, whose members' entries make
// their history (balances are never stored in the data: they are the entries' sum).
import { readFile } from 'node:fs/promises';
import type { Schemas } from '@zheli/contract';
import { dataDirUrl } from '../paths.js';

interface EntryData {
  /** `YYYY-MM-DD`, recorded at 09:00 in Asia/Shanghai. */
  date: string;
  kind: Schemas['PointEntryKind'];
  points: number;
  quantity: number;
  rule?: string;
  reward?: string;
  note?: string;
}

interface MemberData {
  id: string;
  name: string;
  /** The persona who signs in as this member, if any. */
  sub?: string;
  entries: EntryData[];
}

export interface VillageData {
  id: string;
  name: string;
  nameTw: string;
  nameEn: string;
  township: string;
  townshipEn: string;
  regionCode: string;
  shop: string;
  shopEn: string;
  rules: Schemas['PointRule'][];
  rewards: Schemas['PointReward'][];
  officers: { sub: string; name: string }[];
  /** In the village's order; the first member is the household's head. */
  households: { id: string; members: MemberData[] }[];
}

/** Reads `data/points.json`. */
export async function loadVillages(): Promise<VillageData[]> {
  return JSON.parse(await readFile(new URL('points.json', dataDirUrl), 'utf8')) as VillageData[];
}
