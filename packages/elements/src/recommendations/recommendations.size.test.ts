import { describe, expect, it } from 'vitest';
import { measure } from '../../scripts/size.mjs';

describe('<zheli-recommendations> bundle size (gzip, bundled and minified)', () => {
  // Measured at 0.1.0: see the figures in docs/elements.md. The budget leaves about 1 KB.
  it('adds at most 6 KB to a page that has Lit, and its whole entry stays within 14 KB', async () => {
    const rows = await measure();
    const size = (name: string) => rows.find((row) => row.name === name)?.gzip ?? Number.NaN;
    expect(size('recommendations/define.js without lit')).toBeLessThanOrEqual(6 * 1024);
    expect(size('recommendations/define.js')).toBeLessThanOrEqual(14 * 1024);
    expect(size('recommendations/define.js')).toBeGreaterThan(
      size('recommendations/define.js without lit'),
    );
  }, 60_000);
});
