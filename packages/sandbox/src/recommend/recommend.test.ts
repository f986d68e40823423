import { describe, expect, it } from 'vitest';
import { type Candidate, candidates, circumstancesOf, recommend } from './recommend.js';
import type { Rule } from './rules.js';
import { on, personWith } from './test-support.js';

const wording = { title: '标题', titleEn: 'Title', reason: '理由', reasonEn: 'Reason' };

function ruleOf(id: string, rank: number, target: Partial<Rule> = {}): Rule {
  return {
    id,
    rank,
    kind: 'policy',
    action: 'apply',
    service: id,
    ...wording,
    matches: () => [{}],
    ...target,
  } as Rule;
}

describe('circumstancesOf', () => {
  it('takes the day and the age in Shanghai, whatever the instant’s UTC day', () => {
    const person = personWith({}, { birthDate: '1950-03-02' });
    const c = circumstancesOf(person, new Date('2026-03-01T16:30:00Z'));
    expect(c).toMatchObject({ today: '2026-03-02', age: 76 });
  });

  it('gives an enterprise no age', () => {
    const enterprise = personWith({}, { kind: 'enterprise', birthDate: '1950-03-01' });
    expect(on('2026-03-01', enterprise).age).toBeNull();
  });
});

describe('candidates', () => {
  const c = on('2026-03-01', personWith({}));

  it('lists the lowest rank first and keeps the table’s order between equal ranks', () => {
    const table = [ruleOf('b', 20), ruleOf('a', 10), ruleOf('c', 20), ruleOf('d', 5)];
    expect(candidates(c, table).map((r) => r.id)).toEqual(['d', 'a', 'b', 'c']);
  });

  it('fills the id and wording from the match and adds its rank offset', () => {
    const rule = ruleOf('rec-car-{plate}', 10, {
      title: '车辆{plate}',
      titleEn: 'Vehicle {plate}, {count} times',
      matches: () => [
        { values: { plate: 'A1', count: 2 }, rankOffset: 0.5, dueDate: '2026-04-01' },
      ],
    });
    expect(candidates(c, [rule])).toEqual([
      {
        id: 'rec-car-A1',
        rank: 10.5,
        kind: 'policy',
        action: 'apply',
        service: 'rec-car-{plate}',
        title: '车辆A1',
        titleEn: 'Vehicle A1, 2 times',
        reason: '理由',
        reasonEn: 'Reason',
        dueDate: '2026-04-01',
      },
    ]);
  });

  it('uses a variant’s wording where the match names it, the rule’s elsewhere', () => {
    const rule = ruleOf('late', 1, {
      variants: { late: { title: '已逾期' } },
      matches: () => [{ variant: 'late' }, {}],
    });
    expect(candidates(c, [rule]).map((r) => [r.title, r.titleEn])).toEqual([
      ['已逾期', 'Title'],
      ['标题', 'Title'],
    ]);
  });

  it('leaves out a rule with no match and fills nothing twice', () => {
    const rule = ruleOf('x', 1, {
      title: '{name}',
      matches: ({ facts }) => (facts.village ? [{ values: { name: '{name}' } }] : []),
    });
    expect(candidates(c, [rule])).toEqual([]);
    const villager = on('2026-03-01', personWith({ village: '余村' }));
    expect(candidates(villager, [rule])[0]?.title).toBe('{name}');
  });
});

describe('recommend', () => {
  const candidate = (id: string, target: { service?: string; bundle?: string }): Candidate => ({
    id,
    rank: 1,
    kind: 'policy',
    action: 'apply',
    ...wording,
    dueDate: null,
    uses: ['age'],
    ...target,
  });

  it('resolves a service template to the region’s service and a bundle to itself', () => {
    const found = [candidate('s', { service: 'tpl' }), candidate('b', { bundle: 'bnd-x' })];
    const items = recommend(found, {
      serviceFor: new Map([['tpl', 'svc-330106-tpl']]),
      bundles: new Set(['bnd-x']),
    });
    expect(items.map((r) => [r.id, r.serviceId, r.bundleId])).toEqual([
      ['s', 'svc-330106-tpl', null],
      ['b', null, 'bnd-x'],
    ]);
  });

  it('names the data categories each recommendation’s rule reads', () => {
    const [item] = recommend([candidate('s', { service: 'tpl' })], {
      serviceFor: new Map([['tpl', 'svc-tpl']]),
      bundles: new Set(),
    });
    expect(item?.uses).toEqual([{ category: 'age', name: '年龄', nameEn: 'Age' }]);
  });

  it('leaves out what the region does not offer', () => {
    const found = [candidate('s', { service: 'tpl' }), candidate('b', { bundle: 'bnd-x' })];
    expect(recommend(found, { serviceFor: new Map(), bundles: new Set() })).toEqual([]);
  });

  it('keeps the first of candidates with the same id, even when it is not offered', () => {
    const found = [candidate('same', { service: 'gone' }), candidate('same', { service: 'tpl' })];
    const offer = { serviceFor: new Map([['tpl', 'svc-tpl']]), bundles: new Set<string>() };
    expect(recommend(found, offer)).toEqual([]);
  });
});
