// Throughput and latency of the sandbox's API over HTTP: catalog search and booking, on PGlite
// and, when a server can be had, on PostgreSQL. Run after a build:
//   npm run bench -w @zheli/sandbox
// Environment: BENCH_SECONDS (per scenario, default 5), BENCH_CONCURRENCY (default 16),
// DATABASE_URL (a PostgreSQL to use instead of starting one), BENCH_SKIP_POSTGRES=1,
// BENCH_RATES (e.g. `50,200`: also each scenario at these fixed request rates, open loop: a
// request leaves on schedule whether or not the earlier ones have answered), BENCH_JSON=1 (a
// last line `JSON {…}` with every figure, for the root benchmark's report).
/* biome-ignore-all lint/suspicious/noConsole: a script that reports on stdout */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { registerHooks } from 'node:module';
import { getRequestListener } from '@hono/node-server';
import { CodeKeys, createApi, loadPersonas, openDatabase, openPostgres } from '../dist/index.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);
const silent = { info() {}, warn() {}, error() {} };

const queries = [
  '机动车检验',
  '公积金',
  'vehicle inspection',
  '社保',
  '养老',
  '不动产登记',
  'enterprise',
  '出生',
  '安吉机动车',
  '失业',
];
const regions = ['330523', '330106', '330521', '330110', '330803', '330302', undefined];

async function serve(db) {
  const personas = await loadPersonas();
  const tokens = new Map();
  const api = createApi({
    db,
    verifyAccessToken: async (token) => tokens.get(token) ?? null,
    issuer: 'http://127.0.0.1:4010',
    codeKeys: await CodeKeys.open(null),
    personas,
    rateLimit: false,
  });
  const server = createServer(getRequestListener(api.app.fetch));
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  const base = `http://127.0.0.1:${server.address().port}`;
  const mint = (sub) => {
    const token = randomBytes(16).toString('hex');
    tokens.set(token, {
      sub,
      scope: ['appointments'],
      clientId: 'bench',
      exp: Date.now() / 1000 + 3600,
    });
    return token;
  };
  return {
    base,
    mint,
    close: () =>
      new Promise((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

/** Runs `task` from `concurrency` loops for `seconds`; returns requests/s and percentiles. */
async function measure(task) {
  const latencies = [];
  let failures = 0;
  const deadline = performance.now() + seconds * 1000;
  let i = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const n = i++;
        const started = performance.now();
        const ok = await task(n);
        latencies.push(performance.now() - started);
        if (!ok) failures++;
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const at = (q) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return {
    requests: latencies.length,
    perSecond: latencies.length / seconds,
    p50: at(0.5),
    p99: at(0.99),
    failures,
  };
}

/**
 * Starts `task` `rate` times a second for `seconds`, on schedule (open loop); latencies are from
 * each request's scheduled start, so a server that falls behind shows it.
 */
async function atRate(rate, task) {
  const latencies = [];
  let failures = 0;
  const total = Math.round(rate * seconds);
  const start = performance.now();
  const runs = [];
  for (let n = 0; n < total; n++) {
    const due = start + (n * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    runs.push(
      task(n).then(
        (ok) => {
          latencies.push(performance.now() - due);
          if (!ok) failures++;
        },
        () => {
          latencies.push(performance.now() - due);
          failures++;
        },
      ),
    );
  }
  await Promise.all(runs);
  latencies.sort((a, b) => a - b);
  const at = (q) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { rate, requests: latencies.length, p50: at(0.5), p99: at(0.99), failures };
}

const rates = (process.env.BENCH_RATES ?? '')
  .split(',')
  .map(Number)
  .filter((rate) => rate > 0);
const figures = [];

async function bench(label, db) {
  const { base, mint, close } = await serve(db);
  try {
    const { rows: slots } = await db.query(
      `SELECT id, site_id, service_id FROM slots
        WHERE starts_at > now() + interval '1 day' AND booked < capacity ORDER BY id`,
    );
    const searchOnce = async (n) => {
      const q = queries[n % queries.length];
      const region = regions[n % regions.length];
      const url = `${base}/v1/services?q=${encodeURIComponent(q)}${region ? `&region=${region}` : ''}&limit=20`;
      const res = await fetch(url);
      await res.arrayBuffer();
      return res.status === 200;
    };
    const bookOnce = async (n) => {
      const slot = slots[(n * 7919) % slots.length];
      const res = await fetch(`${base}/v1/appointments`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${mint(`p-bench-${label}-${n}`)}`,
          'Content-Type': 'application/json',
          'Idempotency-Key': randomBytes(12).toString('hex'),
        },
        body: JSON.stringify({ serviceId: slot.service_id, siteId: slot.site_id, slotId: slot.id }),
      });
      await res.arrayBuffer();
      return res.status === 201 || res.status === 409;
    };
    const search = await measure(searchOnce);
    const booking = await measure(bookOnce);
    const row = (name, r) =>
      console.log(
        `${label.padEnd(10)} ${name.padEnd(16)} ${r.perSecond.toFixed(0).padStart(7)} req/s   p50 ${r.p50
          .toFixed(1)
          .padStart(
            6,
          )} ms   p99 ${r.p99.toFixed(1).padStart(6)} ms   (${r.requests} requests, ${r.failures} failed)`,
      );
    row('catalog search', search);
    row('booking', booking);
    figures.push({ database: label, scenario: 'search', mode: 'closed', ...search });
    figures.push({ database: label, scenario: 'booking', mode: 'closed', ...booking });
    for (const rate of rates) {
      for (const [name, task] of [
        ['search', searchOnce],
        ['booking', bookOnce],
      ]) {
        const result = await atRate(rate, (n) => task(n + rate * 1_000_000));
        figures.push({ database: label, scenario: name, mode: 'rate', ...result });
        console.log(
          `${label.padEnd(10)} ${`${name} @ ${rate}/s`.padEnd(16)} p50 ${result.p50.toFixed(1).padStart(6)} ms   p99 ${result.p99.toFixed(1).padStart(6)} ms   (${result.requests} requests, ${result.failures} failed)`,
        );
      }
    }
  } finally {
    await close();
  }
}

async function startPostgres() {
  // The test helper is TypeScript importing the sources by their built names (`…/open.js`): Node
  // strips its types, and this hook finds each `.ts` beside the `.js` it names.
  registerHooks({
    resolve(specifier, context, next) {
      try {
        return next(specifier, context);
      } catch (error) {
        if (!specifier.endsWith('.js') || !context.parentURL?.endsWith('.ts')) throw error;
        return next(specifier.replace(/\.js$/, '.ts'), context);
      }
    },
  });
  try {
    const { startPostgres: start } = await import('../test/postgres-server.ts');
    return await start();
  } catch (error) {
    return { skip: `could not start PostgreSQL: ${error.message}` };
  }
}

const personas = await loadPersonas();
console.log(
  `Sandbox benchmark: ${concurrency} concurrent clients, ${seconds} s per scenario, over HTTP on loopback\n`,
);

const cold = performance.now();
const pglite = await openDatabase({ memory: true, personas, logger: silent });
console.log(
  `PGlite in memory opened in ${Math.round(performance.now() - cold)} ms (${pglite.source})`,
);
const { rows } = await pglite.db.query('SELECT count(*)::int AS n FROM services');
console.log(`Catalog: ${rows[0].n} services\n`);
await bench('PGlite', pglite.db);
await pglite.db.close();

if (process.env.BENCH_SKIP_POSTGRES !== '1') {
  let url = process.env.DATABASE_URL;
  let server;
  if (!url) {
    server = await startPostgres();
    if (server.skip) console.log(`\nPostgreSQL: skipped (${server.skip})`);
    else url = server.url;
  }
  if (url) {
    try {
      const seeded = await openDatabase({ databaseUrl: url, personas, logger: silent });
      await seeded.db.close();
      const db = await openPostgres(url, { max: concurrency + 4 });
      console.log('');
      await bench('PostgreSQL', db);
      await db.close();
    } finally {
      await server?.stop?.();
    }
  }
}
if (process.env.BENCH_JSON === '1') console.log(`JSON ${JSON.stringify({ figures })}`);
