import { type Scope, scopes } from '@zheli/contract';
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

/** Names of the regions personas live in (GB/T 2260), for the login page. */
const regionNames: Record<string, { zh: string; en: string }> = {
  '330000': { zh: '浙江省', en: 'Zhejiang' },
  '330100': { zh: '杭州市', en: 'Hangzhou' },
  '330106': { zh: '杭州市西湖区', en: 'Xihu District, Hangzhou' },
  '330110': { zh: '杭州市余杭区', en: 'Yuhang District, Hangzhou' },
  '330112': { zh: '杭州市临安区', en: "Lin'an District, Hangzhou" },
  '330200': { zh: '宁波市', en: 'Ningbo' },
  '330300': { zh: '温州市', en: 'Wenzhou' },
  '330400': { zh: '嘉兴市', en: 'Jiaxing' },
  '330500': { zh: '湖州市', en: 'Huzhou' },
  '330502': { zh: '湖州市吴兴区', en: 'Wuxing District, Huzhou' },
  '330521': { zh: '湖州市德清县', en: 'Deqing County, Huzhou' },
  '330523': { zh: '湖州市安吉县', en: 'Anji County, Huzhou' },
  '330600': { zh: '绍兴市', en: 'Shaoxing' },
  '330700': { zh: '金华市', en: 'Jinhua' },
  '330800': { zh: '衢州市', en: 'Quzhou' },
  '330803': { zh: '衢州市衢江区', en: 'Qujiang District, Quzhou' },
  '330900': { zh: '舟山市', en: 'Zhoushan' },
  '331000': { zh: '台州市', en: 'Taizhou' },
  '331100': { zh: '丽水市', en: 'Lishui' },
};

/** A region's name in the page's language, or its code when the code is not in the list. */
export function regionName(code: string, lang: 'zh-CN' | 'en'): string {
  const names = regionNames[code];
  if (!names) return code;
  return lang === 'en' ? names.en : names.zh;
}
