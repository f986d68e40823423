import { describe, expect, it } from 'vitest';
import { formatInteger } from './integer.js';
import { locales } from './localize.js';

const values = [
  0, 7, 42, 999, 1000, 14_683, 100_000, 1_234_567, 9_007_199_254_740_991, -1, -12_873,
];

describe('formatInteger', () => {
  it.each(locales)('writes a whole number as Intl.NumberFormat does in %s', (locale) => {
    const format = new Intl.NumberFormat(locale);
    for (const value of values) expect(formatInteger(value)).toBe(format.format(value));
  });

  it('leaves fractions, non-numbers and numbers beyond 2^53 to Intl', () => {
    for (const value of [1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) {
      expect(formatInteger(value)).toBeUndefined();
    }
  });
});
