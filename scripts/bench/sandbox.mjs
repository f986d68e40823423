// The sandbox row: the sandbox's search and booking over HTTP at fixed request rates and with 16
// clients, on PGlite and PostgreSQL, run by the sandbox's own benchmark (packages/sandbox/bench)
// and read from the figures it prints as JSON.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fixed, root, smoke } from './measure.mjs';
import { report, say } from './report.mjs';

export async function benchSandbox() {
  const rates = smoke ? '5' : '25,100';
  const { stdout } = await promisify(execFile)('node', ['bench/bench.mjs'], {
    cwd: join(root, 'packages/sandbox'),
    env: {
      ...process.env,
      BENCH_SECONDS: smoke ? '1' : '5',
      BENCH_RATES: rates,
      BENCH_JSON: '1',
      ...(smoke ? { BENCH_SKIP_POSTGRES: '1' } : {}),
    },
    maxBuffer: 16 * 1024 * 1024,
    timeout: 15 * 60_000,
  });
  const json = stdout.split('\n').find((line) => line.startsWith('JSON '));
  report.sandbox = json ? JSON.parse(json.slice(5)).figures : [];
  const skipped = stdout.split('\n').find((line) => line.includes('PostgreSQL: skipped'));
  say('### The sandbox over HTTP');
  say('');
  say(
    'Search and booking on loopback, at fixed request rates (open loop: each request leaves on schedule; latency from its scheduled start), and closed loop with 16 clients.',
  );
  say('');
  say('| database | scenario | load | requests | p50 ms | p99 ms | errors |');
  say('|---|---|---|---:|---:|---:|---:|');
  for (const row of report.sandbox) {
    const mode =
      row.mode === 'rate' ? `${row.rate}/s` : `16 clients (${fixed(row.perSecond, 0)}/s)`;
    say(
      `| ${row.database} | ${row.scenario} | ${mode} | ${row.requests} | ${fixed(row.p50)} | ${fixed(row.p99)} | ${row.failures} |`,
    );
  }
  say('');
  if (skipped) say(`${skipped.trim()}\n`);
}
