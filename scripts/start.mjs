// `npm start`: builds what the main job needs, then runs it: the sandbox platform (OIDC issuer and
// the Open API on the embedded database, persisted in .zheli-sandbox/). Ctrl-C stops it cleanly.
// The example county site joins it when the elements land (see the issues).
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const build = spawnSync(
  'npx',
  ['turbo', 'run', 'build', '--filter=@zheli/sandbox...', '--output-logs=errors-only'],
  { cwd: root, stdio: 'inherit' },
);
if (build.status !== 0) process.exit(build.status ?? 1);

const port = process.env.PORT ?? '4010';
const sandbox = spawn(
  process.execPath,
  ['packages/sandbox/dist/cli.js', '--port', port, '--data-dir', '.zheli-sandbox'],
  { cwd: root, stdio: 'inherit' },
);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => sandbox.kill(signal));
}
sandbox.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
