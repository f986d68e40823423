// `npm start`: builds what the main job needs, then runs it: the sandbox platform (OIDC issuer and
// the Open API on the embedded database, persisted in .zheli-sandbox/), the example county site
// (examples/county-site) that embeds the elements, and the example partner app
// (examples/partner-app: its backend serving the React app's production build). Ctrl-C stops all.
// PORT (default 4010) is the sandbox's port, SITE_PORT (default 5173) the county site's,
// PARTNER_PORT (default 5174) the partner app's, ZHELI_DATA_DIR (default .zheli-sandbox) where
// the sandbox keeps its database. `npm start -- --scale 2` runs the partner app as
// two instances, two Node processes sharing their sessions in Redis, behind a round-robin proxy on
// PARTNER_PORT (examples/partner-app/scaled.mjs; needs Debian's `redis-server`).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const started = performance.now();
const { values: args } = parseArgs({ options: { scale: { type: 'string' } } });
const scale = args.scale === undefined ? undefined : Number(args.scale);
if (scale !== undefined && !(Number.isInteger(scale) && scale >= 1)) {
  process.stderr.write(`--scale takes a number of instances (≥ 1), not ${args.scale}\n`);
  process.exit(2);
}
const root = fileURLToPath(new URL('../', import.meta.url));
/**
 * Builds the workspaces `filters` name (and what they depend on) with turbo; resolves with its
 * exit code. Turbo's cache makes a second start build nothing.
 */
function build(filters) {
  return new Promise((resolve) => {
    const child = spawn(
      'npx',
      [
        'turbo',
        'run',
        'build',
        ...filters.map((filter) => `--filter=${filter}`),
        '--output-logs=errors-only',
      ],
      { cwd: root, stdio: 'inherit', env: { TURBO_TELEMETRY_DISABLED: '1', ...process.env } },
    );
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

// The sandbox first: its first start builds the database snapshot (tens of seconds), which runs
// while the elements, the county site and the partner app build.
const sandboxBuild = await build(['@zheli/sandbox...']);
if (sandboxBuild !== 0) process.exit(sandboxBuild);

const port = process.env.PORT ?? '4010';
const sitePort = process.env.SITE_PORT ?? '5173';
const partnerPort = process.env.PARTNER_PORT ?? '5174';
const sandboxUrl = `http://127.0.0.1:${port}`;
const siteUrl = `http://127.0.0.1:${sitePort}`;
const partnerUrl = `http://127.0.0.1:${partnerPort}`;

/** @type {import('node:child_process').ChildProcess[]} */
const children = [];
let stopping = false;

function run(name, args) {
  // Its own process group: Ctrl-C reaches only this script, which stops each child once (a
  // second signal would make the sandbox stop at once instead of closing its database).
  const child = spawn(process.execPath, args, {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  child.stdout?.pipe(process.stdout);
  child.on('exit', (code, signal) => {
    children.splice(children.indexOf(child), 1);
    if (!stopping) {
      process.stderr.write(`\n${name} stopped (${signal ?? `exit ${code}`}); stopping the rest.\n`);
      stop(code || 1);
    } else if (children.length === 0) {
      process.exit(process.exitCode ?? 0);
    }
  });
  children.push(child);
  return child;
}

function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  process.exitCode = code;
  if (children.length === 0) process.exit(code);
  for (const child of children) child.kill('SIGTERM');
}

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stop(0));

run('The sandbox', [
  'packages/sandbox/dist/cli.js',
  '--port',
  port,
  '--data-dir',
  process.env.ZHELI_DATA_DIR ?? '.zheli-sandbox',
]);
const appsBuild = await build(['@zheli/example-county-site...', '@zheli/example-partner-app...']);
if (appsBuild !== 0) stop(appsBuild);
if (!stopping) {
  run('The county site', [
    'examples/county-site/server.mjs',
    '--port',
    sitePort,
    '--sandbox',
    sandboxUrl,
  ]);
  run('The partner app', [
    scale === undefined ? 'examples/partner-app/server.mjs' : 'examples/partner-app/scaled.mjs',
    ...(scale === undefined ? [] : ['--scale', String(scale)]),
    '--port',
    partnerPort,
    '--sandbox',
    sandboxUrl,
  ]);
}

/** Resolves when `url` answers 200, polling every 100 ms. */
async function ready(url) {
  while (!stopping) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

await Promise.all([
  ready(`${sandboxUrl}/.well-known/openid-configuration`),
  ready(`${siteUrl}/`),
  ready(`${partnerUrl}/`),
]);
if (!stopping) {
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stdout.write(
    [
      '',
      `Ready in ${seconds} s:`,
      `  安吉县 county site   ${siteUrl}/`,
      `  partner app          ${partnerUrl}/   (安吉顺达汽车服务, React + a backend-for-frontend${
        scale === undefined ? '' : `: ${scale} instances, sessions in Redis, X-Partner-Instance`
      })`,
      `  sandbox platform     ${sandboxUrl}   (Open API ${sandboxUrl}/v1)`,
      '',
      'Try: open the county site, search 机动车检验 in 办事服务, then 登录 and pick',
      '     the 安吉 persona (p-anji-driver). Elder mode: 长辈版 in the top bar.',
      '     In the partner app: 登录 as the same persona, 预约检验, then 我的预约 to cancel.',
      'Press Ctrl-C to stop them all.',
      '',
    ].join('\n'),
  );
}
