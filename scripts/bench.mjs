// The SDK's benchmark, as apps get it: the built packages through their exports, in Debian's
// Chromium and in Node, each row interleaved with its floors (A B C D A B C D …, never A A … B B),
// reported as medians, the slowest run (named the max), and ratios to the floor, with the
// machine's load average. Run after `npm run build`:
//   npm run bench [-- --runs 7] [--only cards,catalog,qr,fifty,dropin,client,sandbox] [--write] [--smoke] [--profile] [--trace]
// `--write` puts the report in docs/performance.md (with `--only`, only the sections of the rows
// run are replaced, each saying when it was measured); `--smoke` runs each row once on tiny inputs
// (the test that keeps the script working); `--profile` adds where the time of 1,000 cards goes
// (a CPU profile through the DevTools protocol, unminified, self time by function), and `--trace`
// where the catalog's and its floor's main-thread time goes until the first screen (a Chrome trace,
// own time by kind of work: script, style, layout, text shaping, paint, …). Durations belong here,
// never in the tests.
//
// Rows:
// - cards: 1,000 and 5,000 service cards to the next frame: plain DOM with the card's CSS (the
//   floor), a bare Lit element with the card's template and CSS, <zheli-service-card>, and
//   Shoelace 2's <sl-card> with two <sl-badge> and an <sl-button> (the peer); DOM nodes per card.
// - catalog: <zheli-service-catalog>'s first screen over the sandbox's full catalog vs a plain
//   fetch + innerHTML list with the same CSS (the floor), and the longest long task before it.
// - qr: <zheli-qr-code> for a 100-char URL and a 500-char token vs lean-qr/nano + toSvg (the
//   floor), cold and warm, and the DOM nodes of each.
// - fifty: fifty cards added 5 ms apart against the sandbox (requests, time to show) vs in one task.
// - dropin: a county page with the drop-in and a catalog over a network with latency, with the
//   drop-in's loader (every file asked for at once) and without it (files found one by one).
// - client: @zheli/client per call vs a bare fetch + json(), CPU per call, against a local server.
// - sandbox: the sandbox's search and booking at fixed request rates on PGlite and PostgreSQL.
//
// This file runs the rows; each is in scripts/bench/<row>.mjs, beside the flags and arithmetic
// (measure.mjs), the bundling and serving of pages (pages.mjs) and the report (report.mjs).
import { availableParallelism, cpus } from 'node:os';
import { chromium } from 'playwright';
import { benchCards, profileCards } from './bench/cards.mjs';
import { benchCatalog } from './bench/catalog.mjs';
import { benchClient } from './bench/client.mjs';
import { benchDropIn } from './bench/drop-in.mjs';
import { benchFifty } from './bench/fifty.mjs';
import { load, only, smoke, values } from './bench/measure.mjs';
import { benchQr } from './bench/qr.mjs';
import { say, writePage } from './bench/report.mjs';
import { benchSandbox } from './bench/sandbox.mjs';
import { chromiumArgs, findChromium } from './chromium.mjs';

const started = new Date();
const loadBefore = load();
const browser =
  ['cards', 'catalog', 'qr', 'fifty', 'dropin'].some((row) => only.has(row)) || values.profile
    ? await chromium.launch({ executablePath: findChromium(), args: chromiumArgs })
    : undefined;
say('# Performance');
say('');
say(
  `Measured ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC by \`npm run bench\` (scripts/bench.mjs), which writes this page with \`--write\`. Ratios, not absolute times, are what to compare across machines.`,
);
say('');
say(
  `Machine: ${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}${browser ? `, Chromium ${browser.version()}` : ''}; load average (1, 5, 15 min) ${loadBefore} at the start.`,
);
say('');
try {
  if (only.has('cards')) await benchCards(browser);
  if (values.profile) await profileCards(browser);
  if (only.has('catalog')) await benchCatalog(browser);
  if (only.has('qr')) await benchQr(browser);
  if (only.has('fifty')) await benchFifty(browser);
  if (only.has('dropin')) await benchDropIn(browser);
  if (only.has('client')) await benchClient();
  if (only.has('sandbox')) await benchSandbox();
} finally {
  await browser?.close();
}
const loadAfter = load();
say(`Load average at the end: ${loadAfter}.`);

if (values.write && !smoke) await writePage({ started, loadBefore, loadAfter });
