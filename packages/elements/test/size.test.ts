import { describe, expect, it } from 'vitest';
import { measure } from '../scripts/size.mjs';

describe('bundle sizes (gzip, everything bundled and minified)', () => {
  it('keeps the drop-in without its lazy chunks within 50 KB (hard budget)', async () => {
    const rows = await measure();
    const size = (name: string) =>
      rows.find((row) => row.name.startsWith(name))?.gzip ?? Number.NaN;
    expect(size('drop-in')).toBeLessThanOrEqual(50 * 1024);
    for (const row of rows) expect(row.gzip).toBeGreaterThan(1024);
  }, 60_000);

  // The card entry with lit, ky, @zheli/client and configure(). Its first budget was 22 KB; the
  // client then gained 345 B gzip for a relative `baseUrl` and for waiting out
  // `409 idempotency_in_progress` (22.3 KB measured), so the guard is 22.5 KB until the work on
  // shipped sizes (measured through the packed packages' exports) brings it back under 22 KB.
  it('keeps the card entry with @zheli/client, ky and configure within 22.5 KB (hard budget)', async () => {
    const rows = await measure();
    const size = (name: string) =>
      rows.find((row) => row.name.startsWith(name))?.gzip ?? Number.NaN;
    expect(size('service-card/define.js + @zheli/client')).toBeLessThanOrEqual(22.5 * 1024);
    expect(size('service-card/define.js + @zheli/client')).toBeGreaterThan(
      size('service-card/define.js'),
    );
  }, 60_000);

  it('loads the other locales, the client and the sign-in code only on demand in the drop-in', async () => {
    const rows = await measure();
    const dropIn = rows.find((row) => row.name.startsWith('drop-in'));
    const lazy = dropIn?.lazy.map((chunk) => chunk.path.replace(/-[A-Z0-9]+\.js$/, '')) ?? [];
    // The locale runtime chunk loads the other locales' messages in turn.
    expect(lazy).toEqual(expect.arrayContaining(['locale-runtime', 'dist']));
    const chunks = dropIn?.lazy.map((chunk) => chunk.path) ?? [];
    expect(chunks.length).toBeGreaterThanOrEqual(4);
  }, 60_000);
});
