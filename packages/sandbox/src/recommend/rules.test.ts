import { describe, expect, it } from 'vitest';
import { type Rule, rules } from './rules.js';
import { on, personWith } from './test-support.js';

function rule(id: string): Rule {
  const found = rules.find((r) => r.id === id);
  if (!found) throw new Error(`No rule ${id}`);
  return found;
}

describe('the rule table', () => {
  it('gives every rule its own id', () => {
    const ids = rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('names the data categories every rule reads, and a name for the consents', () => {
    const unnamed = rules.filter((r) => r.uses.length === 0 || !r.name || !r.nameEn);
    expect(unnamed.map((r) => r.id)).toEqual([]);
  });

  it('leads every rule to exactly one service or one bundle', () => {
    const both = rules.filter((r) => (r.service === undefined) === (r.bundle === undefined));
    expect(both.map((r) => r.id)).toEqual([]);
  });

  it('names only placeholders its matches fill, in ids and wording', () => {
    const everything = personWith({
      vehicles: [
        {
          plate: '浙E·A1234',
          type: 'car',
          registeredOn: '2020-01-01',
          inspectionDue: '2026-04-01',
        },
      ],
      children: [{ name: '小雨', birthDate: '2020-05-01' }],
      drivingLicence: { validUntil: '2026-04-01' },
      hkMacauPermit: { endorsementExpires: '2026-04-01' },
      lowIncomeFamily: true,
      creditPoints: 30,
    });
    const c = on('2026-03-01', everything);
    const unfilled = rules.flatMap((r) =>
      r.matches(c).flatMap((m) => {
        const text = [r.id, r.title, r.titleEn, r.reason, r.reasonEn].join(' ');
        const names = [...text.matchAll(/\{(\w+)\}/g)].map(([, name]) => name as string);
        return names.filter((name) => !(name in (m.values ?? {}))).map((name) => `${r.id} ${name}`);
      }),
    );
    expect(unfilled).toEqual([]);
  });
});

describe('reminders', () => {
  const driver = (inspectionDue: string) =>
    personWith({
      vehicles: [{ plate: '浙E·A1234', type: 'car', registeredOn: '2020-01-01', inspectionDue }],
    });

  it('reminds of a vehicle inspection due within 60 days, earlier deadlines ranked higher', () => {
    const inspection = rule('rec-vehicle-inspection-{plateId}');
    expect(inspection.matches(on('2026-03-01', driver('2026-04-30')))).toEqual([
      {
        values: { plate: '浙E·A1234', plateId: 'ea1234', due: '2026-04-30' },
        rankOffset: 0.6,
        dueDate: '2026-04-30',
      },
    ]);
    expect(inspection.matches(on('2026-03-01', driver('2026-05-01')))).toEqual([]);
  });

  it('words an inspection past its date as overdue, ranked first', () => {
    const [match] = rule('rec-vehicle-inspection-{plateId}').matches(
      on('2026-03-01', driver('2026-02-01')),
    );
    expect(match).toMatchObject({ variant: 'overdue', rankOffset: 0 });
  });

  it('dates the annual report to this year’s 30 June until June is over, then to next year’s', () => {
    const owner = personWith({ entityType: 'individual_business', annualReportFiled: false });
    const report = rule('rec-annual-report');
    expect(report.matches(on('2026-06-30', owner))[0]?.dueDate).toBe('2026-06-30');
    expect(report.matches(on('2026-07-01', owner))[0]?.dueDate).toBe('2027-06-30');
    expect(
      report.matches(on('2026-07-01', personWith({ entityType: 'individual_business' }))),
    ).toEqual([]);
  });
});

describe('policies by age', () => {
  it('proposes the old-age allowance from 80, unless it is already paid', () => {
    const allowance = rule('rec-old-age-allowance');
    expect(allowance.matches(on('2030-03-01', personWith({})))).toEqual([{}]);
    expect(allowance.matches(on('2030-02-28', personWith({})))).toEqual([]);
    expect(
      allowance.matches(on('2030-03-01', personWith({ receivesOldAgeAllowance: true }))),
    ).toEqual([]);
  });

  it('proposes nothing by age to an enterprise', () => {
    const enterprise = personWith({}, { kind: 'enterprise', birthDate: null });
    const byAge = ['rec-old-age-allowance', 'rec-senior-preferential-card'].map(rule);
    expect(byAge.flatMap((r) => r.matches(on('2030-03-01', enterprise)))).toEqual([]);
  });
});

describe('children', () => {
  it('proposes school enrollment once per child turning six this calendar year', () => {
    const parent = personWith({
      children: [
        { name: '小雨', birthDate: '2020-12-31' },
        { name: '小雪', birthDate: '2021-01-01' },
      ],
    });
    expect(rule('rec-school-enrollment').matches(on('2026-03-01', parent))).toEqual([
      { values: { child: '小雨', born: '2020-12-31', year: 2026 } },
    ]);
  });

  it('proposes the birth bundle for a year after the birth, due 90 days after it', () => {
    const parent = personWith({ children: [{ name: '宝宝', birthDate: '2026-01-10' }] });
    const birth = rule('rec-birth');
    expect(birth.matches(on('2026-03-01', parent))).toEqual([{ dueDate: '2026-04-10' }]);
    expect(birth.matches(on('2027-01-11', parent))).toEqual([]);
  });
});
