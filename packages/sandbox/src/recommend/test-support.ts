// Fixtures for the recommender's tests (not part of the package's exports): a fictitious person
// and the circumstances of a given day, so these tests need neither seed data nor a clock.
import type { Persona, PersonaFacts } from '../personas.js';
import { circumstancesOf } from './recommend.js';
import type { Circumstances } from './rules.js';

/** A fictitious resident of Xihu born on 1 March 1950, with `facts`; `overrides` change the rest. */
export function personWith(facts: PersonaFacts, overrides: Partial<Persona> = {}): Persona {
  return {
    sub: 'p-test',
    kind: 'person',
    name: '测试',
    nameEn: 'Test',
    birthDate: '1950-03-01',
    idNumber: null,
    phone: '13800000000',
    regionCode: '330106',
    locale: 'zh-CN',
    description: '',
    descriptionEn: '',
    facts,
    ...overrides,
  };
}

/** The circumstances of `persona` at noon in Shanghai on `day` (`YYYY-MM-DD`). */
export function on(day: string, persona: Persona): Circumstances {
  return circumstancesOf(persona, new Date(`${day}T12:00:00+08:00`));
}
