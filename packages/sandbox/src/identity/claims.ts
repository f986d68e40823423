import { readFileSync } from 'node:fs';
import { type Scope, scopes } from '@zheli/contract';
import { maskCreditCode, maskIdNumber, maskName, maskPhone } from '@zheli/contract/mask';
import type { RegionData } from '../data.js';
import { dataDirUrl } from '../paths.js';
import type { Persona } from '../personas.js';

/** Every scope the provider knows (the contract's), in the order the consent page lists them. */
export const supportedScopes = scopes;

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
 * The claims a persona can release. Names, phone numbers and ID numbers are masked the way the
 * platform shows them to partners (`@zheli/contract/mask`, as `/v1/me` does); only `identity`
 * releases the unmasked `real_name`. An enterprise's name is not personal data and is not masked
 * (its legal representative's is).
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
