// Sizes as shipped (scripts/size.mjs): the built package through its `exports`, bundled with
// esbuild, Rollup 4 and Vite's bundler, each eager file gzipped on its own.
import { describe, expect, it } from 'vitest';
import { bundleGraph, entries, measure } from '../../scripts/size.mjs';

const withClient = 'appointment-picker/define.js + @zheli/client + configure';
const row = async (bundler: string, name: string) =>
  (await measure(bundler)).find((item) => item.name === name);

describe('<zheli-appointment-picker> bundle size (gzip per file, as shipped)', () => {
  // The budget: what a page loads with the picker entry, the client and configure. Met
  // with Rollup (32.6 KB) and Vite (33.0 KB). esbuild: 40.8 KB in 10 files, because `configure`
  // comes from the barrel, which re-exports `ZheliQrCode`, and esbuild puts a module that the
  // barrel reaches and a dynamic import loads in a chunk the entry imports (the QR element and
  // lean-qr, 5.7 KB, eager): a guard there, not the budget.
  it('loads the picker entry with Lit, @zheli/client, ky and configure within 35 KB with Rollup and Vite (hard budget)', async () => {
    for (const bundler of ['rollup', 'vite']) {
      expect((await row(bundler, withClient))?.gzip).toBeLessThanOrEqual(35 * 1024);
    }
    // The entry alone: 21,667 B before sizes were measured as shipped; a guard 0.5 KB above, held
    // with Rollup (21,655 B after issues 14, 19 and 20). Vite's bundler (Rolldown 1.2) now splits
    // Lit and the messages (7.8 KB) and its preload helper into files of their own although the
    // entry always loads them first (rolldown/rolldown#10731, open): 22,253 B in four files, so
    // Vite's guard is 22 KB until that is fixed.
    // Issue 19: the ticket's words load with its views, and the picker renders the ticket's
    // heading and summary once: 21,655 → 21,560 B with Rollup, 22,253 → 21,901 B with Vite (one
    // file again); guards 21.25 and 21.5 KB.
    expect((await row('rollup', 'appointment-picker/define.js'))?.gzip).toBeLessThanOrEqual(
      21.25 * 1024,
    );
    expect((await row('vite', 'appointment-picker/define.js'))?.gzip).toBeLessThanOrEqual(
      21.5 * 1024,
    );
    // 41.75 KB: raised by 256 B for issues 18 and 20 (the calendar's forced-colours and elder
    // phone layout, heading levels, and the QR element's scan to verify, eager here for the
    // barrel's reason above): 41,854 → 42,520 B measured after trimming them. 42 KB: the client's
    // one-matter application methods (eight operations, issue 21), 42,520 → 42,794 B.
    // 42.25 KB: the shared sign-in action (issue 14), following the app's language (issue 20)
    // and the lean client calls (issue 19) together: 42,794 → 43,091 B.
    // 41.25 KB: the barrel no longer re-exports the .ics writer, the views no longer import the
    // picker's modules and the ticket's words load with them (issue 19): 43,091 → 42,073 B.
    expect((await row('esbuild', withClient))?.gzip).toBeLessThanOrEqual(41.25 * 1024);
    // The entry alone with esbuild: 23,396 → 23,554 B with the same three; 23,134 B after issue
    // 19's; 22.75 KB.
    expect((await row('esbuild', 'appointment-picker/define.js'))?.gzip).toBeLessThanOrEqual(
      22.75 * 1024,
    );
  }, 180_000);

  // With the chunks loaded on the way (floating-ui when slot details open, 6.6 KB; the QR code
  // element and lean-qr for the ticket, 5.7 KB; the views of the ticket and of the problems,
  // 2.0 KB) the whole booking flow measures 46.9 KB with Rollup and Vite; held at 48 KB.
  it('keeps the whole booking flow, with the chunks loaded on the way, within 48.25 KB (hard guard)', async () => {
    for (const bundler of ['rollup', 'vite']) {
      const measured = await row(bundler, withClient);
      expect(measured?.flow?.chunks.length).toBe(3);
      // Vite: 49,979 B, the same split as above (rolldown/rolldown#10731); Rollup 49,083 B.
      // Issue 19 (the views' words and imports): Vite 49,265 B, Rollup 49,046 B.
      // Issue 19 again, the locale switch that asks again for messages that did not arrive:
      // Rollup 49,133 B, Vite 49,377 B.
      // 48.25 KB for Rollup: the popup sign-in's window says in three languages that the
      // sign-in page is on its way (`configure`'s sign-in code), Rollup 49,242 B, Vite 49,448 B.
      const guard = bundler === 'vite' ? 48.5 * 1024 : 48.25 * 1024;
      expect(measured?.flow?.total ?? Number.NaN).toBeLessThanOrEqual(guard);
      expect(measured?.flow?.total ?? 0).toBeGreaterThan(measured?.gzip ?? Number.NaN);
    }
    // esbuild: 50.5 KB, raised by 512 B for the same (50,828 → 51,507 B measured; Rollup and
    // Vite hold the 48 KB guard at 48,777 and 48,711 B): the picker's forced-colours rules and
    // elder phone layout (+768 B of CSS before gzip) and heading levels are on every first render,
    // and esbuild also keeps the barrel's QR element and ics eager.
    // 50.75 KB: the client's one-matter application methods (issue 21), 51,507 → 51,779 B.
    // 51 KB: the same three (issues 14, 19, 20), 51,779 → 52,089 B.
    // 50.25 KB: issue 19's views that import none of the picker, 52,089 → 51,108 B.
    expect((await row('esbuild', withClient))?.flow?.total).toBeLessThanOrEqual(50.25 * 1024);
  }, 180_000);

  it.each(['rollup', 'vite'])(
    'loads floating-ui, the QR code element, lean-qr, jose and the ticket and problem views on demand, not with the entry (%s)',
    async (bundler) => {
      const graph = await bundleGraph(entries[withClient] ?? '', { bundler });
      const eager = graph.inputsOf(graph.eager);
      const all = graph.inputsOf([...graph.eager, ...graph.files.keys()]);
      for (const lazy of [
        'node_modules/jose/',
        '@floating-ui/dom',
        'lean-qr',
        'dist/qr-code/define.js',
        'dist/views-',
      ]) {
        expect(eager.filter((input) => input.includes(lazy))).toEqual([]);
        // Still in the build, behind a dynamic import.
        expect(all.some((input) => input.includes(lazy))).toBe(true);
      }
      // What the first render needs stays eager: the client, ky, Lit and the picker.
      for (const part of [
        'client/dist/index.js',
        'node_modules/ky/',
        'lit-html',
        'dist/appointment-picker/define.js',
      ]) {
        expect(eager.some((input) => input.includes(part))).toBe(true);
      }
    },
    180_000,
  );
});
