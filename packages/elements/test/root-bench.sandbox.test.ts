// The SDK's benchmark (`npm run bench`, scripts/bench.mjs) keeps working: a smoke run (one run of
// each row, twenty cards, the client) prints its tables with a figure in every cell. It asserts
// no timing: the figures are the benchmark's to report.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repositoryRoot = fileURLToPath(new URL('../../..', import.meta.url));

/** The cells of a Markdown table row. */
const cells = (line: string) =>
  line
    .split('|')
    .slice(1, -1)
    .map((cell) => cell.trim());

/** The rows of the tables in `stdout` whose line matches `pattern`, as cells. */
const rowsOf = (stdout: string, pattern: RegExp) =>
  stdout
    .split('\n')
    .filter((line) => pattern.test(line))
    .map(cells);

/** Whether there are `count` cells and every one is a number (an empty cell is not). */
const allFigures = (row: string[], count: number) =>
  row.length === count && row.every((cell) => cell !== '' && Number.isFinite(Number(cell)));

/** A ratio run by run: its median and, in brackets, the middle half of the runs. */
const pairedRatio = /^[\d.]+ \([\d.]+–[\d.]+\)$/;
/** A difference run by run, in milliseconds, with the middle half of the runs. */
const pairedDifference = /^[+−][\d.]+ ms \([+−][\d.]+ ms to [+−][\d.]+ ms\)$/;

describe('the SDK benchmark (scripts/bench.mjs)', () => {
  it('prints the cards against their floors and peer, the fifty cards, the drop-in over a slow network, and the client against a bare fetch', async () => {
    const { stdout } = await run(
      'node',
      ['scripts/bench.mjs', '--smoke', '--only', 'cards,fifty,dropin,client'],
      {
        cwd: repositoryRoot,
        timeout: 240_000,
      },
    );
    expect(stdout).toMatch(/load average \(1, 5, 15 min\) [\d.]+ [\d.]+ [\d.]+/);
    const rows = rowsOf(stdout, /^\| 20 \|/);
    expect(rows.map((row) => row[1])).toEqual([
      'plain DOM, same CSS (floor)',
      'bare Lit, same template',
      '`<zheli-service-card>`',
      'Shoelace 2.20 `<sl-card>` + 2 badges + button',
    ]);
    for (const row of rows) {
      // median, max, × plain, × Lit, DOM nodes a card
      expect(allFigures(row.slice(2, 7), 5), row.join('|')).toBe(true);
    }
    // The client: CPU a call, max, × bare fetch, over it run by run; then the main thread alone.
    const client = rowsOf(stdout, /^\| (bare `fetch`|the `fetch`|ky alone|`client\.regions)/);
    expect(client.map((row) => row[0])).toEqual(
      [['bare `fetch` + `json()`'], ['the `fetch` + `json()`']].flatMap((floor) => [
        ...floor,
        'ky alone',
        '`client.regions.get()`',
        '`client.regions.get()`, default retries',
      ]),
    );
    for (const row of client) {
      expect(row, row.join('|')).toHaveLength(8);
      expect(allFigures([...row.slice(1, 4), ...row.slice(5, 7)], 5), row.join('|')).toBe(true);
      if (row[0]?.includes('fetch')) {
        expect([row[3], row[4], row[6], row[7]]).toEqual(['1.00', '–', '1.00', '–']);
      } else {
        expect(row[4]).toMatch(pairedDifference);
        expect(row[7]).toMatch(pairedDifference);
      }
    }
    // Fifty cards: requests, total, adding, tail, slowest tail and the two ratios to one task.
    const fifty = rowsOf(stdout, /^\| (in one task|5 ms apart) \|/);
    expect(fifty.map((row) => row[0])).toEqual(['in one task', '5 ms apart']);
    for (const row of fifty) expect(allFigures(row.slice(1, 8), 7), row.join('|')).toBe(true);
    // The drop-in with and without its loader, over each protocol at each latency: scripts, API
    // asked at, median, max and the ratio to the page without the loader.
    const dropIn = rowsOf(stdout, /^\| HTTP\/(1\.1|2) \| (0|100) \| with/);
    expect(dropIn.map((row) => `${row[0]} ${row[1]} ${row[2]}`)).toEqual(
      ['HTTP/1.1', 'HTTP/2'].flatMap((protocol) =>
        ['0', '100'].flatMap((latency) => [
          `${protocol} ${latency} with the loader`,
          `${protocol} ${latency} without it (the main module as the script)`,
        ]),
      ),
    );
    for (const row of dropIn) expect(allFigures(row.slice(3, 8), 5), row.join('|')).toBe(true);
    // The API on another origin, its connection opened ahead by the loader and not: API asked
    // at, the request's time, median, max and the ratio to the page without the preconnect.
    const otherOrigin = rowsOf(stdout, /^\| opened (while|by) /);
    expect(otherOrigin.map((row) => row[0]?.split(' (')[0])).toEqual([
      'opened while the code loads',
      'opened by the first request',
    ]);
    for (const row of otherOrigin) expect(allFigures(row.slice(1, 6), 5), row.join('|')).toBe(true);
    // The client over ky alone, and how far two readings of the same ky call differ.
    const difference = '[+−][\\d.]+ ms \\([+−][\\d.]+ ms to [+−][\\d.]+ ms\\)';
    expect(stdout).toMatch(
      new RegExp(`The client over ky alone, run by run: ${difference} a call against the server`),
    );
    expect(stdout).toMatch(
      new RegExp(
        `read as a second kind, over the first: ${difference} \\(main thread ${difference}\\)`,
      ),
    );
  }, 300_000);

  it('prints the catalog’s first screen and the QR code against their floors, and with --trace where the catalog’s main-thread time goes', async () => {
    const { stdout } = await run(
      'node',
      ['scripts/bench.mjs', '--smoke', '--only', 'catalog,qr', '--trace'],
      { cwd: repositoryRoot, timeout: 240_000 },
    );
    const catalog = rowsOf(
      stdout,
      /^\| (plain `fetch`|floor \+ the catalog’s toolbar|`<zheli-service-catalog>`)/,
    );
    expect(catalog.map((row) => row[0])).toEqual([
      'plain `fetch` + `innerHTML` list, same CSS (floor)',
      'floor + the catalog’s toolbar',
      '`<zheli-service-catalog>`, esbuild (code splitting)',
      '`<zheli-service-catalog>`, Rollup',
      '`<zheli-service-catalog>`, Vite',
    ]);
    // One script for the floors and for the catalog as Rollup and Vite build it; esbuild's
    // splitting makes the entry import chunks.
    const scripts = catalog.map((row) => Number(row[1]));
    expect(scripts.filter((_, index) => index !== 2)).toEqual([1, 1, 1, 1]);
    expect(scripts[2]).toBeGreaterThan(1);
    // Each page asks the API once for its first page.
    expect(catalog.map((row) => row[2])).toEqual(['1', '1', '1', '1', '1']);
    for (const [index, row] of catalog.entries()) {
      expect(row, row.join('|')).toHaveLength(11);
      // scripts, API requests, median, max, × floor; the longest long task is a figure or "none"
      expect(allFigures(row.slice(1, 6), 5), row.join('|')).toBe(true);
      expect(row[7]).toMatch(/^([\d.]+|none)$/);
      // main thread ms and its ratio to the floor's
      expect(allFigures(row.slice(8, 10), 2), row.join('|')).toBe(true);
      // Each × floor again, run by run (the floor's own row has none).
      for (const cell of [row[6], row[10]]) {
        if (index === 0) expect(cell).toBe('–');
        else expect(cell).toMatch(pairedRatio);
      }
    }
    expect(stdout).toMatch(
      /The catalog against the floor with its toolbar \(.*\), × that floor run by run: esbuild \(code splitting\) [\d.]+ \([\d.]+–[\d.]+\), Rollup [\d.]+ \([\d.]+–[\d.]+\), Vite [\d.]+ \([\d.]+–[\d.]+\)\./,
    );
    expect(stdout).toMatch(/the sandbox's full catalog, [\d,]+ services/);
    // --trace: the main thread's own time by kind of work, CPU then wall, floor, catalog and the
    // difference of each (kinds with no time at all are left out; these four always have some).
    const kinds = rowsOf(
      stdout,
      /^\| (script: module evaluation|style|layout|\*\*all tasks\*\*) \|/,
    );
    expect(kinds.map((row) => row[0])).toEqual([
      'script: module evaluation',
      'style',
      'layout',
      '**all tasks**',
    ]);
    for (const row of kinds) expect(allFigures(row.slice(1, 7), 6), row.join('|')).toBe(true);
    const qr = rowsOf(stdout, /^\| (100-char URL|500-char token) \|/);
    expect(qr.map((row) => row[1])).toEqual([
      'lean-qr/nano + `toSvg` (floor)',
      'floor + copy button and disclosure text',
      '`<zheli-qr-code>`',
      'lean-qr/nano + `toSvg` (floor)',
      'floor + copy button and disclosure text',
      '`<zheli-qr-code>`',
    ]);
    for (const row of qr) {
      expect(row, row.join('|')).toHaveLength(10);
      // median, max, × lean-qr; warm, warm ×; DOM nodes
      expect(
        allFigures([...row.slice(2, 5), ...row.slice(6, 8), row[9] ?? ''], 6),
        row.join('|'),
      ).toBe(true);
      // Each × lean-qr again, run by run (the floor's own rows have none).
      for (const cell of [row[5], row[8]]) {
        if (row[1]?.endsWith('(floor)')) expect(cell).toBe('–');
        else expect(cell).toMatch(pairedRatio);
      }
    }
    const ratio = '[\\d.]+ \\([\\d.]+–[\\d.]+\\)';
    expect(stdout).toMatch(
      new RegExp(
        `against the floor with the same copy button and disclosure text, × that floor run by run: 100-char URL ${ratio} cold, ${ratio} warm; 500-char token ${ratio} cold, ${ratio} warm\\.`,
      ),
    );
  }, 300_000);
});
