import { describe, expect, it } from 'vitest';
import { measure } from '../../scripts/size.mjs';

describe('<zheli-points> bundle size (gzip, bundled and minified)', () => {
  // Measured with esbuild when it was added: 8.7 KB without Lit, 15.1 KB with it (the
  // recommendations': 5.2 KB and 11.2 KB); the redemption's <zheli-qr-code> and its encoder load
  // only when a reward is redeemed, and are not counted. The budget leaves about 1 KB for growth.
  it('adds at most 10 KB to a page that has Lit, and its whole entry stays within 16.5 KB', async () => {
    const rows = await measure();
    const size = (name: string) => rows.find((row) => row.name === name)?.gzip ?? Number.NaN;
    expect(size('points/define.js without lit')).toBeLessThanOrEqual(10 * 1024);
    expect(size('points/define.js')).toBeLessThanOrEqual(16.5 * 1024);
    expect(size('points/define.js')).toBeGreaterThan(size('points/define.js without lit'));
  }, 60_000);
});
