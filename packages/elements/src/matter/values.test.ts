import type { Schemas } from '@zheli/contract';
import { describe, expect, it } from 'vitest';
import { fieldProblem, filled } from './values.js';

const text = (over: Partial<Schemas['FormField']> = {}): Schemas['FormField'] => ({
  type: 'string',
  title: 't',
  titleEn: 't',
  neededBy: [],
  ...over,
});

describe('fieldProblem', () => {
  it('asks for a required value and lets an optional one stay blank', () => {
    expect(fieldProblem(text(), '', true)).toBe('required');
    expect(fieldProblem(text(), undefined, false)).toBeUndefined();
  });

  it('checks a phone number’s pattern, a choice’s values and a date’s calendar', () => {
    const phone = text({ pattern: '^1[3-9][0-9]{9}$' });
    expect(fieldProblem(phone, '13800000008', true)).toBeUndefined();
    expect(fieldProblem(phone, '1380000', true)).toBe('invalid');
    expect(fieldProblem(text({ enum: ['male', 'female'] }), 'other', true)).toBe('invalid');
    expect(fieldProblem(text({ format: 'date' }), '2026-02-30', true)).toBe('invalid');
    expect(fieldProblem(text({ format: 'date' }), '2026-10-20', true)).toBeUndefined();
  });

  it('counts characters, not UTF-16 units, and keeps integers within their range', () => {
    expect(fieldProblem(text({ maxLength: 2 }), '𠮷𠮷', true)).toBeUndefined();
    const weight = text({ type: 'integer', minimum: 500, maximum: 6000 });
    expect(fieldProblem(weight, 3200, false)).toBeUndefined();
    expect(fieldProblem(weight, 100, false)).toBe('invalid');
    expect(fieldProblem(weight, 3.5, false)).toBe('invalid');
  });
});

describe('filled', () => {
  it('leaves blank fields out of what is sent', () => {
    expect(filled({ a: '', b: 'x', c: false })).toEqual({ b: 'x', c: false });
  });
});
