import { describe, expect, it } from 'vitest';
import { measure } from '../../scripts/size.mjs';

describe('<zheli-qr-code> bundle size (gzip, bundled and minified)', () => {
  it('adds at most 10 KB to a page that has Lit, and its whole entry stays within 18 KB', async () => {
    const rows = await measure();
    const size = (name: string) => rows.find((row) => row.name === name)?.gzip ?? Number.NaN;
    // Everything but Lit: the element, lean-qr, the shared base element, messages and tokens.
    expect(size('qr-code/define.js without lit')).toBeLessThanOrEqual(10 * 1024);
    // Lit included (about 7 KB of it is shared with every other element on the page).
    expect(size('qr-code/define.js')).toBeLessThanOrEqual(18 * 1024);
    expect(size('qr-code/define.js')).toBeGreaterThan(size('qr-code/define.js without lit'));
  }, 60_000);
});
