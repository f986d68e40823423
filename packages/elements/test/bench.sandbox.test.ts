// The benchmark keeps working: a smoke run (one cold load, the card only) prints its table, with a
// number in every column. It asserts no timing: the figures are the benchmark's to report.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const packageRoot = fileURLToPath(new URL('..', import.meta.url));

describe('the elements benchmark (bench/bench.mjs)', () => {
  it('prints the per-element table with a figure in every column for the card, drop-in and npm', async () => {
    const { stdout } = await run('node', ['bench/bench.mjs', '--runs', '1', '--only', 'card'], {
      cwd: packageRoot,
      timeout: 240_000,
    });
    const lines = stdout.split('\n');
    const header = lines.find((line) => line.startsWith('element'));
    expect(header).toMatch(
      /^element\s+build\s+p50 ms\s+p95 ms\s+reqs\s+doc\s+js\s+api\s+pre\s+JS KB\s+JSON KB$/,
    );
    for (const build of ['drop-in', 'npm']) {
      const row = lines.find((line) => line.startsWith('card') && line.includes(` ${build} `));
      const figures = row?.trim().split(/\s+/).slice(2) ?? [];
      // p50, p95, requests, documents, scripts, API calls, preflights, JS KB, JSON KB.
      expect(figures).toHaveLength(9);
      for (const figure of figures) expect(Number.isFinite(Number(figure)), row).toBe(true);
      // The card asks the platform once, one batch, and loads at least its script.
      expect(Number(figures[5])).toBe(1);
      expect(Number(figures[7])).toBeGreaterThan(0);
    }
    expect(stdout).toMatch(/card\s+drop-in\s+GET \/v1\/services\/batch/);
  }, 300_000);
});
