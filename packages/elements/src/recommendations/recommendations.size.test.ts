import { describe, expect, it } from 'vitest';
import { measure } from '../../scripts/size.mjs';

describe('<zheli-recommendations> bundle size (gzip, bundled and minified)', () => {
  // Measured with esbuild when it was added: 5.2 KB without Lit, 11.2 KB with it (the
  // evaluation's: 7.5 KB and 14.0 KB). The budget leaves about 0.8 KB for growth.
  it('adds at most 6 KB to a page that has Lit, and its whole entry stays within 12 KB', async () => {
    const rows = await measure();
    const size = (name: string) => rows.find((row) => row.name === name)?.gzip ?? Number.NaN;
    expect(size('recommendations/define.js without lit')).toBeLessThanOrEqual(6 * 1024);
    expect(size('recommendations/define.js')).toBeLessThanOrEqual(12 * 1024);
    expect(size('recommendations/define.js')).toBeGreaterThan(
      size('recommendations/define.js without lit'),
    );
  }, 60_000);
});
