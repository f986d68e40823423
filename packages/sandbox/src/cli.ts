#!/usr/bin/env node
// The `zheli-sandbox` command. This is the one place that writes to the terminal.
/* biome-ignore-all lint/suspicious/noConsole: a CLI speaks on stdout and stderr */
import { readFile, rm } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { defaultLoadLimits } from './api/app.js';
import { defaultRateLimits, parseRateLimit, type RateLimit } from './api/rate-limit.js';
import { CodeKeys } from './codes/keys.js';
import { sandboxControlHeader } from './controls.js';
import { createIdentity } from './identity-types.js';
import type { Logger } from './logger.js';
import { loadClients, loadPersonas } from './personas.js';
import { dataDirLayout, dataDirOwner, startSandbox } from './server.js';

const usage = `Usage: zheli-sandbox [command] [options]

A local copy of the Zheli platform: the OIDC issuer and the Open API over seeded data.

Commands:
  (none)         start the sandbox
  reset          delete the data dir (the next start reseeds it)
  personas       list the test personas
  rotate-keys    make new signing keys (codes and ID tokens); old public keys stay published

Options:
  --port <n>             port (default 4010; 0 picks a free one)
  --host <host>          interface (default 127.0.0.1)
  --issuer <url>         issuer and iss of codes (default http://<host>:<port>)
  --data-dir <dir>       where data and keys persist (default .zheli-sandbox)
  --memory               keep everything in memory (starts from a cached snapshot)
  --database-url <url>   use a PostgreSQL server (or set DATABASE_URL)
  --seed-services <n>    grow the catalog to n services (benchmarks)
  --personas <file>      replace the test personas (JSON array)
  --clients <file>       replace the registered OIDC clients (JSON array)
  --rate-limit <n>/<w>   each person's budget (token sub and client), e.g. 120/1m, 600/60s;
                         the window in ms, s, m or h (default 120/1m; each client has
                         1200/1m, each address without a token 600/1m)
  --no-rate-limit        turn rate limiting off
  --max-in-flight <n>    API requests handled at once (default 32); more wait in the queue
  --max-queue <n>        API requests waiting for a turn (default 128); past both, requests
                         are answered 503 with Retry-After at once
  --log-requests         print one line per request
  -h, --help             this help
  -v, --version          the version
`;

function fail(message: string): never {
  console.error(`zheli-sandbox: ${message}`);
  process.exit(2);
}

async function main(): Promise<void> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse();
  } catch (error) {
    fail(`${(error as Error).message}\n\n${usage}`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(usage);
    return;
  }
  if (values.version) {
    const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    console.log(pkg.version);
    return;
  }
  const command = positionals[0] ?? 'start';
  const dataDir = values['data-dir'] ?? '.zheli-sandbox';
  if (values.memory && values['data-dir']) fail('--memory and --data-dir exclude each other');

  switch (command) {
    case 'start':
      return start(values, dataDir);
    case 'reset': {
      const owner = await dataDirOwner(dataDir);
      if (owner) fail(`the data dir is in use by a running sandbox (pid ${owner}); stop it first`);
      await rm(dataDirLayout(dataDir).root, { recursive: true, force: true });
      console.log(`Deleted ${dataDirLayout(dataDir).root}; the next start seeds it afresh.`);
      return;
    }
    case 'personas': {
      const personas = await loadPersonas(values.personas);
      for (const p of personas) {
        console.log(
          `${p.sub.padEnd(24)} ${p.kind.padEnd(10)} ${p.regionCode}  ${p.name} (${p.nameEn})`,
        );
        console.log(`${' '.repeat(25)}${p.descriptionEn}`);
      }
      return;
    }
    case 'rotate-keys': {
      const owner = await dataDirOwner(dataDir);
      if (owner) fail(`the data dir is in use by a running sandbox (pid ${owner}); stop it first`);
      const layout = dataDirLayout(dataDir);
      const codes = await (await CodeKeys.open(layout.codeKeys)).rotate();
      console.log(`Code signing key: ${codes.kid} (the previous one stays in /v1/codes/jwks)`);
      const identity = await createIdentity({
        issuer: values.issuer ?? `http://${values.host ?? '127.0.0.1'}:${values.port ?? '4010'}`,
        keysDir: layout.identityKeys,
        personas: await loadPersonas(values.personas),
        clients: await loadClients(values.clients),
      });
      const { kid } = await identity.rotateKeys();
      await identity.close();
      console.log(`ID token signing key: ${kid}`);
      return;
    }
    default:
      fail(`unknown command "${command}"\n\n${usage}`);
  }
}

function parse() {
  return parseArgs({
    allowPositionals: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      issuer: { type: 'string' },
      'data-dir': { type: 'string' },
      memory: { type: 'boolean' },
      'database-url': { type: 'string' },
      'seed-services': { type: 'string' },
      personas: { type: 'string' },
      clients: { type: 'string' },
      'rate-limit': { type: 'string' },
      'no-rate-limit': { type: 'boolean' },
      'max-in-flight': { type: 'string' },
      'max-queue': { type: 'string' },
      'log-requests': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
}

function integer(name: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) fail(`--${name} must be an integer ≥ ${min}`);
  return n;
}

/** The person budget of `--rate-limit`, or `false` for `--no-rate-limit`. */
function rateLimitFlag(values: ReturnType<typeof parse>['values']): RateLimit | false | undefined {
  if (values['no-rate-limit']) {
    if (values['rate-limit'] !== undefined)
      fail('--rate-limit and --no-rate-limit exclude each other');
    return false;
  }
  if (values['rate-limit'] === undefined) return undefined;
  try {
    return parseRateLimit(values['rate-limit']);
  } catch (error) {
    fail(`--rate-limit: ${(error as Error).message}`);
  }
}

function describeRateLimit(person: RateLimit | false | undefined): string {
  if (person === false) return 'off';
  const budget = ({ limit, windowMs }: RateLimit) => `${limit} per ${windowMs / 1000} s`;
  return `${budget(person ?? defaultRateLimits.person)} per person, ${budget(defaultRateLimits.client)} per client, ${budget(defaultRateLimits.anonymous)} per address without a token`;
}

async function start(values: ReturnType<typeof parse>['values'], dataDir: string): Promise<void> {
  const logRequests = values['log-requests'] === true;
  const logger: Logger = {
    info(obj, msg) {
      const o = obj as {
        phase?: string;
        method?: string;
        path?: string;
        status?: number;
        ms?: number;
      };
      if (o.phase) console.error(`  ${msg}`);
      else if (logRequests && o.method)
        console.error(`${o.status} ${o.method} ${o.path} ${o.ms} ms`);
    },
    warn(_obj, msg) {
      console.error(`warning: ${msg}`);
    },
    error(obj, msg) {
      console.error(`error: ${msg} ${JSON.stringify(obj)}`);
    },
  };
  const port = integer('port', values.port, 0) ?? 4010;
  const seedServices = integer('seed-services', values['seed-services'], 1);
  const person = rateLimitFlag(values);
  const maxInFlight = integer('max-in-flight', values['max-in-flight'], 1);
  const maxQueue = integer('max-queue', values['max-queue'], 0);
  const databaseUrl = values['database-url'] ?? process.env.DATABASE_URL;
  console.error('Starting the Zheli sandbox…');
  const started = performance.now();
  const sandbox = await startSandbox({
    port,
    ...(values.host ? { host: values.host } : {}),
    ...(values.issuer ? { issuer: values.issuer } : {}),
    ...(values.memory ? { memory: true } : { dataDir }),
    ...(databaseUrl ? { databaseUrl } : {}),
    ...(seedServices !== undefined ? { seedServices } : {}),
    ...(values.personas ? { personasFile: values.personas } : {}),
    ...(values.clients ? { clientsFile: values.clients } : {}),
    ...(person === false ? { rateLimit: false } : person ? { rateLimit: { person } } : {}),
    ...(maxInFlight !== undefined ? { maxInFlight } : {}),
    ...(maxQueue !== undefined ? { maxQueue } : {}),
    logger,
  });
  const storage = databaseUrl
    ? 'PostgreSQL (DATABASE_URL)'
    : values.memory
      ? 'memory (nothing is kept)'
      : `${dataDirLayout(dataDir).root} (PGlite)`;
  console.log(`
Zheli sandbox ready in ${Math.round(performance.now() - started)} ms

  Open API     ${sandbox.url}/v1
  OIDC issuer  ${sandbox.issuer}   (${sandbox.issuer}/.well-known/openid-configuration)
  Code keys    ${sandbox.url}/v1/codes/jwks
  Faults       ${sandbox.url}/__sandbox/faults   ${sandbox.url}/__sandbox/oidc-faults
               off until switched on; GET lists, POST adds, DELETE clears; writes need
               -H 'Content-Type: application/json' -H '${sandboxControlHeader}: 1'
  Container    ${sandbox.url}/__sandbox/container?url=<your page>
               a phone-sized app emulator; the page includes ${sandbox.url}/__sandbox/container/bridge.js
  Data         ${storage}
  Rate limit   ${describeRateLimit(person)}
  Load         ${maxInFlight ?? defaultLoadLimits.maxInFlight} requests at once, ${maxQueue ?? defaultLoadLimits.maxQueue} more queued; past that 503

  Sign in as a test persona on the login page (list them: zheli-sandbox personas).
  Press Ctrl+C to stop.
`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      console.error('Stopping at once.');
      process.exit(130);
    }
    stopping = true;
    console.error(
      `\n${signal}: stopping: finishing the requests in flight, then closing the database (again to stop at once)…`,
    );
    sandbox.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`error while stopping: ${(error as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(`zheli-sandbox: ${(error as Error).message}`);
  process.exit(1);
});
