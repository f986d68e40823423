import { readFileSync } from 'node:fs';
import { type Scope, scopes } from '@zheli/contract';
import type { RegionData } from '../data.js';
import { dataDirUrl } from '../paths.js';
import type { Persona } from '../personas.js';

/** Every scope the provider knows (the contract's), in the order the consent page lists them. */
export const supportedScopes = scopes;
export type SupportedScope = Scope;

/** The scopes the Open API (the default resource) understands; they go into access tokens. */
export const apiScopes: readonly Scope[] = scopes.filter(
  (s) => s !== 'openid' && s !== 'offline_access',
);

/** Which claims each OpenID scope releases (oidc-provider's `claims` configuration). */
export const scopeClaims = {
  openid: ['sub'],
  profile: ['name', 'locale', 'zoneinfo', 'region_code'],
  phone: ['phone_number', 'phone_number_verified'],
  identity: ['real_name', 'id_number', 'verification_level', 'credit_code', 'legal_representative'],
} as const;

/**
 * Masks a personal name, keeping the first and last character: `王丽英` → `王*英`,
 * `李明` → `李*`, `欧阳晓东` → `欧**东`. Names of one character are fully masked.
 */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/** Masks a mobile number, keeping the first 3 and last 4 digits: `138****5678`. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/^\+86/, '').replace(/\D/g, '');
  if (digits.length < 8) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
}

/** Masks a unified social credit code, keeping the first 6 characters: `913305************`. */
export function maskCreditCode(code: string): string {
  return `${code.slice(0, 6)}${'*'.repeat(Math.max(0, code.length - 6))}`;
}

/** Masks a resident ID number, keeping the first 3 and last 4 characters. */
export function maskIdNumber(idNumber: string): string {
  if (idNumber.length < 8) return '*'.repeat(idNumber.length);
  return `${idNumber.slice(0, 3)}${'*'.repeat(idNumber.length - 7)}${idNumber.slice(-4)}`;
}

/**
 * The claims a persona can release. Names, phone numbers and ID numbers are masked the way the
 * platform shows them to partners; only `identity` releases the unmasked `real_name`. An
 * enterprise's name is not personal data and is not masked (its legal representative's is).
 */
export function personaClaims(persona: Persona): Record<string, unknown> {
  const isPerson = persona.kind === 'person';
  const claims: Record<string, unknown> = {
    sub: persona.sub,
    name: isPerson ? maskName(persona.name) : persona.name,
    locale: persona.locale,
    zoneinfo: 'Asia/Shanghai',
    region_code: persona.regionCode,
    phone_number: maskPhone(persona.phone),
    phone_number_verified: true,
    real_name: persona.name,
    // As the Open API's profile says: 1 basic, 2 face match, 3 in person. Every persona with a
    // resident ID number has passed a face match; a passport holder is basic.
    verification_level: persona.idNumber ? 2 : 1,
  };
  // For an enterprise, the ID number is its legal representative's.
  if (persona.idNumber) claims.id_number = maskIdNumber(persona.idNumber);
  if (persona.creditCode) claims.credit_code = maskCreditCode(persona.creditCode);
  if (persona.legalRepresentative) {
    claims.legal_representative = maskName(persona.legalRepresentative);
  }
  return claims;
}

let regionIndex: Map<string, RegionData> | undefined;

/** The seed data's regions by code, read once on first use. */
function regions(): Map<string, RegionData> {
  regionIndex ??= new Map(
    (JSON.parse(readFileSync(new URL('regions.json', dataDirUrl), 'utf8')) as RegionData[]).map(
      (region) => [region.code, region],
    ),
  );
  return regionIndex;
}

/**
 * A region's name in the page's language, with its city for counties (湖州市安吉县,
 * Anji County, Huzhou); the code itself when the seed data does not know it.
 */
export function regionName(code: string, lang: 'zh-CN' | 'en'): string {
  const region = regions().get(code);
  if (!region) return code;
  const parent = region.level === 'county' ? regions().get(region.parentCode ?? '') : undefined;
  if (lang === 'en') return parent ? `${region.nameEn}, ${parent.nameEn}` : region.nameEn;
  return `${parent?.name ?? ''}${region.name}`;
}
