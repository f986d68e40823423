// The signed-in person: the masked profile and proactive recommendations (政策直达、服务直享).
import type { Schemas } from '@zheli/contract';
import type { Persona } from '../../personas.js';
import { candidates, circumstancesOf, offerIn, recommend } from '../../recommend/recommend.js';
import { ageOn } from '../../time.js';
import { ApiError } from '../problems.js';
import { regionsOf } from '../rows.js';
import { type Handlers, principalOf } from '../types.js';

/** 王秀英 → 王*英, 李群 → 李*, Oliver Bennett → O***** Bennett. */
export function maskName(name: string): string {
  const words = name.trim().split(/\s+/);
  if (words.length > 1) {
    const last = words.at(-1) as string;
    return [
      ...words.slice(0, -1).map((w) => `${w[0]}${'*'.repeat(Math.max(0, w.length - 1))}`),
      last,
    ].join(' ');
  }
  const chars = [...name];
  if (chars.length <= 1) return name;
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars.at(-1)}`;
}

/** Keeps the first `head` and last `tail` characters. */
export function maskMiddle(value: string, head: number, tail: number): string {
  if (value.length <= head + tail) return '*'.repeat(value.length);
  return `${value.slice(0, head)}${'*'.repeat(value.length - head - tail)}${tail > 0 ? value.slice(-tail) : ''}`;
}

function personaOf(personas: Map<string, Persona>, sub: string): Persona {
  const persona = personas.get(sub);
  if (!persona) {
    throw new ApiError('unauthenticated', 'The token’s subject is not a known person.', {
      headers: { 'WWW-Authenticate': 'Bearer realm="zheli", error="invalid_token"' },
    });
  }
  return persona;
}

export const meHandlers: Pick<Handlers, 'getProfile' | 'listRecommendations'> = {
  async getProfile(ctx) {
    const principal = principalOf(ctx);
    const persona = personaOf(ctx.deps.personas, principal.sub);
    const regions = await regionsOf(ctx.deps.db);
    const region = regions.byCode.get(persona.regionCode);
    const scopes = new Set(principal.scope);
    const enterprise = persona.kind === 'enterprise';
    const profile: Schemas['Profile'] = {
      sub: persona.sub,
      kind: enterprise ? 'enterprise' : 'person',
      displayName: enterprise ? persona.name : maskName(persona.name),
      region: { code: persona.regionCode, name: region?.name ?? persona.regionCode },
      locale: persona.locale,
      enterprise:
        enterprise && persona.creditCode
          ? {
              creditCode: maskMiddle(persona.creditCode, 6, 0),
              legalRepresentative: maskName(persona.legalRepresentative ?? ''),
            }
          : null,
    };
    if (scopes.has('phone')) profile.phone = maskMiddle(persona.phone, 3, 4);
    if (scopes.has('identity')) {
      const passport = (persona.facts.passport as { number?: string } | undefined)?.number;
      profile.identity = {
        verified: true,
        level:
          typeof persona.facts.verificationLevel === 'number' ? persona.facts.verificationLevel : 2,
        name: maskName(enterprise ? (persona.legalRepresentative ?? persona.name) : persona.name),
        idNumber: maskMiddle(persona.idNumber ?? passport ?? '', 3, 4),
        age: !enterprise && persona.birthDate ? ageOn(persona.birthDate, ctx.now) : null,
      };
    }
    return { status: 200, body: profile };
  },

  async listRecommendations(ctx) {
    const principal = principalOf(ctx);
    const persona = personaOf(ctx.deps.personas, principal.sub);
    const regions = await regionsOf(ctx.deps.db);
    const chain = regions.chain(persona.regionCode).map((r) => r.code);
    const found = candidates(circumstancesOf(persona, ctx.now));
    const items = recommend(found, await offerIn(ctx.deps.db, found, chain));
    return { status: 200, body: { items } };
  },
};
