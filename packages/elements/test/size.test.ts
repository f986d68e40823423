// Sizes as shipped: each app entry bundled from the built package through its `exports`
// (scripts/size.mjs), with esbuild, Rollup 4 and Vite's bundler, each eager file gzipped on its
// own. Needs `npm run build` first (turbo's test task runs after it).
import { describe, expect, it } from 'vitest';
import {
  bundleGraph,
  bundlers,
  dropIn,
  dropInGraph,
  dropInManifest,
  dropInWithCard,
  entries,
  measure,
} from '../scripts/size.mjs';

const cardWithClient = 'service-card/define.js + @zheli/client + configure';
const size = async (bundler: string, name: string) =>
  (await measure(bundler)).find((row) => row.name === name)?.gzip ?? Number.NaN;

describe('bundle sizes as shipped (gzip per file, eager part)', () => {
  // Issue 19's goal is ≤ 32 KB: a page loads only the elements it shows. 39.7 KB before (every
  // element registered at once, the QR element and lean-qr on pages without a QR code).
  // 11.8 KB in 8 files with esbuild's chunks, 10.8 KB in 2 (the loader and the shared code) once
  // Rollup groups them. 12.8 KB (13,135 B) once the loader checks every file against its
  // integrity hash: it carries a SHA-256 of each of its files (34 then) (1,843 B more gzip, most of it
  // the hashes, which do not compress), and each of the chunks' `import()`s goes through it.
  // 13,393 B once the elements ask again for code that did not arrive (`loadOnce`, the locale
  // switch and the sign-in code forget a failed load); 13,591 B once an element's own files that
  // failed are asked for again (2, 4, 8, 16, 32 s, and back online); 13,775 B once a popup
  // sign-in's window says in three languages that the sign-in page is on its way.
  it('keeps the drop-in without its lazy chunks within 32 KB (hard budget), and in 2 files within 13.5 KB', async () => {
    expect(await size('esbuild', dropIn)).toBeLessThanOrEqual(32 * 1024);
    expect(await size('esbuild', dropIn)).toBeLessThanOrEqual(13.5 * 1024);
    expect(
      (await measure('esbuild')).find((row) => row.name === dropIn)?.files,
    ).toBeLessThanOrEqual(2);
    for (const row of await measure('esbuild')) expect(row.gzip).toBeGreaterThan(1024);
  }, 180_000);

  it('loads each element of the drop-in when its tag first appears, not with the drop-in', async () => {
    const graph = await dropInGraph();
    const { main, elements } = dropInManifest(
      Buffer.from(graph.files.get(graph.entry) ?? []).toString(),
    );
    const browser = Buffer.from(graph.files.get(main[0] ?? '') ?? []).toString();
    const tags = [
      'zheli-service-card',
      'zheli-region-picker',
      'zheli-service-catalog',
      'zheli-login-button',
      'zheli-qr-code',
      'zheli-appointment-picker',
      'zheli-evaluation',
      'zheli-matter',
      'zheli-recommendations',
      'zheli-points',
    ];
    // The loader asks for each element's files when its tag is on the page, apart from the
    // files every page loads; browser.ts imports the element's module then, once the loader has
    // checked its files.
    expect(Object.keys(elements).sort()).toEqual([...tags, 'zheli-config[base-url]'].sort());
    for (const tag of tags) {
      expect(browser).toMatch(
        new RegExp(
          `"${tag}",\\s*\\(\\)\\s*=>\\s*\\w+\\("[^"]+\\.js"\\)\\.then\\(\\(\\)=>import\\(`,
        ),
      );
      expect(elements[tag]?.length).toBeGreaterThan(0);
      expect(elements[tag]?.filter((file) => main.includes(file))).toEqual([]);
    }
    // The loader imports the main module by a literal path, which a bundler that bundles the
    // drop-in follows (it then asks for nothing: the files are not where it was served).
    expect(Buffer.from(graph.files.get(graph.entry) ?? []).toString()).toContain(
      `import("./${main[0]}")`,
    );
    // lean-qr's encoder (its `toSvgPath`) is in no eager file.
    const eager = [...graph.eager].map((path) =>
      Buffer.from(graph.files.get(path) ?? []).toString(),
    );
    expect(eager.join('\n')).not.toContain('crispEdges');
    // A page with cards loads more than the drop-in's eager part, and less than all elements.
    // 21,796 B once the matter's, the points' and the recommendations' words were in the shared
    // catalogue; 19,663 B with them in their elements' chunks (issue 19). 21,114 B with the
    // loader that asks for every file at once (984 B): a page with cards waits for two rounds of
    // files (the loader, then the rest at once), not one for each level of imports.
    // 19,826 B in 5 files, the loader included, once Rollup groups esbuild's chunks, merging its
    // small shared ones: 13 files before, each a request with its own headers, six at a time a
    // host over HTTP/1.1. 21,905 B once the loader checks every file against its integrity hash
    // (the hashes and the checked `import()`s, 2,079 B); 22,158 B once failed loads are asked
    // for again; 22,363 B once a popup login button opens its window in the click (the
    // `<zheli-config>` chunk) and an element's own files that failed are asked for again;
    // 22,544 B once that window says, in the page's language, that sign-in is on its way (the
    // three locales' words in the `<zheli-config>` chunk), so the guard went up by 0.25 KB.
    const withCards = await size('esbuild', dropInWithCard);
    expect(withCards).toBeGreaterThan(await size('esbuild', dropIn));
    expect(withCards).toBeLessThanOrEqual(22.25 * 1024);
    const cardFiles = (await measure('esbuild')).find((row) => row.name === dropInWithCard)?.files;
    expect(cardFiles).toBeLessThanOrEqual(6);
  }, 180_000);

  // The card entry with lit, ky, @zheli/client and `configure` from the barrel. The goal
  // is 22 KB with every bundler; 22.4 KB with Rollup and Vite (the client grew by 345 B since the
  // first budget), so the guard stood at 22.5 KB. esbuild splits the same code into 6 files
  // (25.3 KB; 33.0 KB before, with the QR element and lean-qr).
  // Raised by 256 B to 22.75 KB for the elements inside the platform's app (issue 20): following
  // the app's elder style live and the card's links opening through the bridge's `openLink` cost
  // every card page 214 B with Rollup (22,926 → 23,140 B) and 224 B with Vite (22,969 →
  // 23,193 B); trimmed (the scan's words load with the scan, one window event instead of a
  // reactive property per element) to 23,086 and 23,132 B, still 46 and 92 B over 22.5 KB.
  // The client's batching window over a frame and the card's shared number formats (issue 19):
  // 23,163 and 23,200 B.
  // Issue 21's five recommendation and consent operations add 221 B more to the client.
  // Raised to 23 KB for the client's one-matter application methods (eight operations, issue 21):
  // 23,086 → 23,372 B with Rollup and 23,132 → 23,412 B with Vite (+286 and +280 B).
  // Issue 21's village points operations add about 200 B more: 23,871 B with Rollup.
  // Issue 19 again: the applications, points and recommendation controls are modules of their
  // own (`@zheli/client/points`, …), so `createClient` carries none of their 20 operations:
  // 23,261 B with Rollup, 23,284 B with Vite, 26,426 B with esbuild.
  // Issue 19's per-card and per-call work (numbers formatted once, listeners added once, one
  // template a card, no default attribute; no signal or hook per call): 23,406, 23,452 and
  // 26,580 B. What the entry holds, with Rollup: ky about 8.4 KB of it, lit 5.4 KB, the client's
  // own code 3.9 KB (its operation table with the fields each answer must hold 0.8 KB), the card
  // with the base element and configure 3.3 KB; nothing of another element and none of their
  // words. esbuild adds about 3 KB by splitting the same code into 7 files (the barrel reaches
  // every element's dynamic imports, and esbuild splits by what each entry reaches).
  // esbuild raised to 26.25 KB: merged with the shared sign-in action (issue 14) and following the
  // app's language (issue 20), the esbuild split measured 26,784 B (Rollup 23,458, Vite within
  // 23 KB). 1,054 B of it are the picker's time.ts and ics.ts, which esbuild puts in chunks the
  // entry imports because the barrel reaches the picker and its lazy views share them: what a
  // card page does not use, still loaded (issue 19, open).
  // esbuild lowered to 24.25 KB: the picker's views take its words and summary from the picker
  // and `appointmentIcs` left the barrel, so none of the picker is shared into the card page's
  // chunks: 26,784 → 24,656 B in 6 files (the picker's words 1,052 B, time.ts 469 B, ics.ts
  // 585 B). Rollup and Vite are unchanged at 23,458 and 23,502 B: the 22 KB is not met.
  // What is left with Rollup is ky (about 8.4 KB), Lit, the client's own code with its operation
  // table (738 B gzip, the table of every core operation) and the card; Vite adds its preload
  // helper (about 616 B) for the entry's two dynamic imports (the app bridge and the locales).
  // Vite raised to 23.25 KB: the client's batches that carry on a stream of callers (fifty cards
  // 5 ms apart: 3-4 requests → 2) added 58 B, 23,502 → 23,560 B, 8 B over 23 KB.
  // esbuild 24,715 → 24,586 B in 5 files: `@zheli/auth` takes jose's error classes from
  // `jose/errors`, so no namespace object needs esbuild's `__export` helper, which esbuild had put
  // in a 120 B chunk of its own that the entry imported. What is left of the 22 KB goal with
  // Rollup (23,524 B) is code a card page runs or the client's API: ky 8.2 KB, Lit with its
  // context and localize 5.5 KB, the client 3.9 KB (its operation and method tables 1.1 KB of
  // it), the card with the base element, tokens, words and configure 4.7 KB (each module's
  // share of the gzip).
  // Rollup raised to 23.25 KB: the card writes whole numbers without `Intl` (`formatInteger`: the
  // page's first number format loads ICU's number data, 15-30 ms of the catalog's first screen),
  // 69 B, 23,524 → 23,593 B, 41 B over 23 KB.
  it('keeps the card entry with @zheli/client, ky and configure within 23.25 KB with Rollup and Vite, 24.25 KB with esbuild', async () => {
    expect(await size('rollup', cardWithClient)).toBeLessThanOrEqual(23.25 * 1024);
    expect(await size('vite', cardWithClient)).toBeLessThanOrEqual(23.25 * 1024);
    expect(await size('esbuild', cardWithClient)).toBeLessThanOrEqual(24.25 * 1024);
    expect(await size('esbuild', cardWithClient)).toBeGreaterThan(
      await size('esbuild', 'service-card/define.js'),
    );
  }, 180_000);

  // The cause issue 19 names: the barrel re-exported the picker, whose module held
  // `import('../qr-code/define.js')`; esbuild kept it as an entry and put the QR element in a
  // chunk the app's entry imports statically.
  it.each(bundlers)(
    'gives a card page with `configure` from the barrel no QR code element (%s)',
    async (bundler) => {
      const graph = await bundleGraph(entries[cardWithClient] ?? '', { bundler });
      const eager = graph.inputsOf(graph.eager);
      expect(eager.filter((input) => input.includes('lean-qr'))).toEqual([]);
      const code = [...graph.eager].map((path) =>
        Buffer.from(graph.files.get(path) ?? []).toString(),
      );
      expect(code.join('\n')).not.toContain('crispEdges');
      expect(eager.some((input) => input.includes('client/dist/index.js'))).toBe(true);
    },
    180_000,
  );

  // esbuild splits by what each of its entries reaches: the barrel reaches the picker, so any of
  // the picker's modules that a lazy chunk (its views, the .ics writer) also uses went into a
  // chunk the card page imports: the picker's words, its time formats and the .ics writer,
  // 2,128 B of a card page (issue 19; Rollup and Vite never loaded them). The views take them
  // from the picker, and the .ics writer is `@zheli/elements/appointment-picker/ics.js`.
  it('gives a card page with `configure` from the barrel none of the picker: words, times, .ics (esbuild)', async () => {
    const graph = await bundleGraph(entries[cardWithClient] ?? '');
    const code = [...graph.eager]
      .map((path) => Buffer.from(graph.files.get(path) ?? []).toString())
      .join('\n');
    expect(code).toContain('cardLoading');
    expect(code).not.toContain('apptBookedHeading');
    expect(code).not.toContain('Asia/Shanghai');
    expect(code).not.toContain('VCALENDAR');
  }, 180_000);

  it('loads the other locales, the client and the sign-in code only on demand in the drop-in', async () => {
    const rows = await measure('esbuild');
    const row = rows.find((item) => item.name === dropIn);
    const lazy =
      row?.lazy.map((chunk) =>
        chunk.path.replace(/^chunks\//, '').replace(/-[A-Za-z0-9]+\.js$/, ''),
      ) ?? [];
    // The locale runtime chunk loads the other locales' messages in turn; each element's chunk is
    // named after it, the client's and the sign-in code's after their packages.
    expect(lazy).toEqual(
      expect.arrayContaining(['locale-runtime', 'client', 'auth', 'service-card', 'qr-code']),
    );
    expect(row?.lazy.length ?? 0).toBeGreaterThanOrEqual(4);
  }, 180_000);
});
