// The signed-in person: the masked profile and proactive recommendations (政策直达、服务直享).
import type { Schemas } from '@zheli/contract';
import { maskCreditCode, maskIdNumber, maskName, maskPhone } from '@zheli/contract/mask';
import type { Persona } from '../../personas.js';
import { recommendationsFor } from '../../recommend/preferences.js';
import { ageOn } from '../../time.js';
import { ApiError } from '../problems.js';
import { regionsOf } from '../rows.js';
import { type Handlers, principalOf } from '../types.js';

/** The signed-in person's persona; a subject the sandbox does not know is `401`. */
export function personaOf(personas: Map<string, Persona>, sub: string): Persona {
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
              creditCode: maskCreditCode(persona.creditCode),
              legalRepresentative: maskName(persona.legalRepresentative ?? ''),
            }
          : null,
    };
    if (scopes.has('phone')) profile.phone = maskPhone(persona.phone);
    if (scopes.has('identity')) {
      const passport = (persona.facts.passport as { number?: string } | undefined)?.number;
      profile.identity = {
        verified: true,
        level:
          typeof persona.facts.verificationLevel === 'number' ? persona.facts.verificationLevel : 2,
        name: maskName(enterprise ? (persona.legalRepresentative ?? persona.name) : persona.name),
        idNumber: maskIdNumber(persona.idNumber ?? passport ?? ''),
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
    return { status: 200, body: await recommendationsFor(ctx.db, persona, chain, ctx.now) };
  },
};
