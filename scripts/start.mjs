// `npm start`: builds what the main job needs, then runs it. The sandbox platform and the example
// county site are not built yet (see the issues); until they are, this builds the packages and
// says what will run.
import { spawnSync } from 'node:child_process';

const build = spawnSync('npx', ['turbo', 'run', 'build', '--output-logs=errors-only'], {
  stdio: 'inherit',
});
if (build.status !== 0) process.exit(build.status ?? 1);

process.stdout.write(`
Zheli SDK: the packages are built.

Not runnable yet; \`npm start\` will start, once they land:
  - the sandbox platform (OIDC provider, the Open API, an embedded PostgreSQL) on http://127.0.0.1:4010
  - the example county site (plain HTML with one script tag) on http://127.0.0.1:5173

The contract is ready: packages/contract/openapi.yaml, described in docs/contract.md.
`);
