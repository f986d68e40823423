// Checks that package-lock.json is complete: npm, asked to bring it up to date with every
// workspace's package.json, changes nothing. A lockfile that lacks the optional packages of other
// platforms (Biome's, Rollup's, turbo's for macOS, Windows, Android) makes `npm ci` fail there and
// leaves a fresh clone dirty after `npm install`.
// It works on a copy in a temporary folder, so the checkout is never written to.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const read = (file) => readFileSync(join(root, file), 'utf8');
const { workspaces } = JSON.parse(read('package.json'));
const lock = JSON.parse(read('package-lock.json'));
const folders = Object.keys(lock.packages).filter(
  (path) => path !== '' && !path.includes('node_modules/'),
);

const work = mkdtempSync(join(tmpdir(), 'zheli-lockfile-'));
try {
  for (const file of ['package.json', 'package-lock.json', '.npmrc']) {
    try {
      cpSync(join(root, file), join(work, file));
    } catch (error) {
      if (error.code !== 'ENOENT') throw error;
    }
  }
  for (const folder of folders) {
    mkdirSync(join(work, folder), { recursive: true });
    cpSync(join(root, folder, 'package.json'), join(work, folder, 'package.json'));
  }
  execFileSync(
    'npm',
    ['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund'],
    { cwd: work, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const before = read('package-lock.json');
  const after = readFileSync(join(work, 'package-lock.json'), 'utf8');
  if (before !== after) {
    const a = before.split('\n');
    const b = after.split('\n');
    const added = b.filter((line) => !a.includes(line)).slice(0, 10);
    process.stderr.write(
      `package-lock.json is not what \`npm install\` makes of it (${a.length} lines, npm makes ${b.length}).\n` +
        `Run \`npm install\` and commit package-lock.json. First lines npm adds:\n${added.join('\n')}\n`,
    );
    process.exit(1);
  }
  process.stdout.write(
    `package-lock.json is complete: ${Object.keys(lock.packages).length} entries, ` +
      `${folders.length} workspaces (${workspaces.join(', ')}), unchanged by npm install\n`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
