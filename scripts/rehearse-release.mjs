// The release, rehearsed on every change, in a temporary copy of the checkout (the working tree is
// never touched, and nothing is published):
//
//  1. `changeset version`: every pending changeset becomes a version bump and a CHANGELOG entry,
//     and the internal dependencies follow; no changeset is left;
//  2. the rest of `npm run version-packages`: the elements' editor data carries the new version, and
//     the drop-in's script tags in the docs are pinned to it with the file's SRI hash; then
//     `pin-drop-in.mjs --check`, which `npm run release` runs before publishing, passes;
//  3. `npm pack` of every public package, `npm publish --dry-run --offline` of each tarball
//     (against an unreachable registry address, so a dry run that did not hold could still publish
//     nothing; without --offline npm asks the registry who is logged in, and retries for a minute),
//     publint and attw on the tarballs (attw with the options of the package's `test:package`);
//     every package publishes with provenance and public access.
//
// The build is the workspace's (turbo builds the packages before this runs): `dist/` names no
// version, so `changeset version` leaves it as the release's build would make it.
//
//   node scripts/rehearse-release.mjs   (after a build; part of `npm run check:release`)
import { execFile } from 'node:child_process';
import {
  cp,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  realpath,
  rm,
  stat,
  symlink,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const exec = promisify(execFile);
const bin = (name) => join(root, 'node_modules/.bin', name);

async function run(command, args, cwd) {
  try {
    return await exec(command, args, {
      cwd,
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, npm_config_update_notifier: 'false', NO_COLOR: '1' },
    });
  } catch (error) {
    throw new Error(
      `${[command, ...args].join(' ')} failed in ${cwd}:\n${error.stdout ?? ''}${error.stderr ?? ''}`,
    );
  }
}

const readJson = async (path) => JSON.parse(await readFile(path, 'utf8'));

/**
 * Copies the checkout to `dir`: the files git knows (committed or not ignored), the packages'
 * builds, and node_modules as links into the checkout's, except the workspace packages, which link
 * to their copies.
 */
async function copyCheckout(dir) {
  const { stdout } = await exec('git', ['ls-files', '-co', '--exclude-standard', '-z'], {
    cwd: root,
    maxBuffer: 64 * 1024 * 1024,
  });
  const files = stdout.split('\0').filter(Boolean);
  await Promise.all(
    [...new Set(files.map((file) => dirname(join(dir, file))))].map((folder) =>
      mkdir(folder, { recursive: true }),
    ),
  );
  await Promise.all(
    files.map((file) =>
      cp(join(root, file), join(dir, file)).catch((error) => {
        if (error.code !== 'ENOENT') throw error; // deleted in the working tree
      }),
    ),
  );
  const packages = [];
  for (const folder of await readdir(join(root, 'packages'))) {
    const from = join(root, 'packages', folder);
    const manifest = await readJson(join(from, 'package.json')).catch(() => null);
    if (!manifest) continue;
    packages.push({ folder, manifest });
    await cp(join(from, 'dist'), join(dir, 'packages', folder, 'dist'), { recursive: true });
    if (await exists(join(from, 'node_modules'))) {
      await symlink(join(from, 'node_modules'), join(dir, 'packages', folder, 'node_modules'));
    }
  }
  await mkdir(join(dir, 'node_modules/@zheli'), { recursive: true });
  for (const entry of await readdir(join(root, 'node_modules'))) {
    if (entry === '@zheli') continue;
    await symlink(join(root, 'node_modules', entry), join(dir, 'node_modules', entry));
  }
  for (const entry of await readdir(join(root, 'node_modules/@zheli'))) {
    const target = await realpath(join(root, 'node_modules/@zheli', entry));
    const relative = target.slice(root.length);
    await symlink(join(dir, relative), join(dir, 'node_modules/@zheli', entry));
  }
  return packages.filter(({ manifest }) => !manifest.private);
}

async function exists(path) {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** The attw options a package's `test:package` script gives (`attw --pack <options>`). */
function attwOptions(manifest) {
  const match = /attw --pack\s*([^&]*)/.exec(manifest.scripts?.['test:package'] ?? '');
  return match ? match[1].trim().split(/\s+/).filter(Boolean) : ['--profile', 'esm-only'];
}

const kilobytes = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;

/** Packs the package, publishes the tarball with --dry-run, runs publint and attw on it. */
async function rehearsePackage({ dir, tarballs, problems }, { folder, manifest, previous }) {
  const cwd = join(dir, 'packages', folder);
  const { stdout } = await run(
    'npm',
    ['pack', '--json', '--offline', '--pack-destination', tarballs, '--ignore-scripts'],
    cwd,
  );
  const [packed] = JSON.parse(stdout);
  const tarball = join(tarballs, packed.filename);
  const published = await run(
    'npm',
    [
      'publish',
      tarball,
      '--dry-run',
      '--offline',
      '--ignore-scripts',
      '--tag',
      'rehearsal',
      '--registry',
      'http://127.0.0.1:9/',
    ],
    tarballs,
  );
  const said = `${published.stdout}${published.stderr}`;
  if (!said.includes('(dry-run)') || !said.includes('public access')) {
    problems.push(`${manifest.name}: npm publish --dry-run said:\n${said}`);
  }
  await run(bin('publint'), ['run', tarball, '--strict'], tarballs);
  await run(
    bin('attw'),
    [tarball, ...attwOptions(manifest), '--format', 'table-flipped'],
    tarballs,
  );
  return `  ${manifest.name.padEnd(16)} ${previous} → ${manifest.version.padEnd(8)} ${kilobytes(packed.size).padStart(9)} packed, ${kilobytes(packed.unpackedSize).padStart(9)} unpacked, ${packed.entryCount} files`;
}

async function main() {
  const started = performance.now();
  const dir = await mkdtemp(join(tmpdir(), 'zheli-release-'));
  const problems = [];
  const steps = [];
  let mark = performance.now();
  const step = (name) => {
    const now = performance.now();
    steps.push(`${name} ${((now - mark) / 1000).toFixed(1)} s`);
    mark = now;
  };
  try {
    const before = await copyCheckout(dir);
    step('copy');
    const pendingBefore = (await readdir(join(dir, '.changeset'))).filter(
      (file) => file.endsWith('.md') && file !== 'README.md',
    );

    // 1. changeset version
    await run(
      process.execPath,
      [join(root, 'node_modules/@changesets/cli/bin.js'), 'version'],
      dir,
    );
    const left = (await readdir(join(dir, '.changeset'))).filter(
      (file) => file.endsWith('.md') && file !== 'README.md',
    );
    step('changeset version');
    if (left.length > 0) problems.push(`changeset version left ${left.join(', ')}`);
    const after = new Map();
    for (const { folder, manifest } of before) {
      const next = await readJson(join(dir, 'packages', folder, 'package.json'));
      after.set(manifest.name, { folder, manifest: next, previous: manifest.version });
      const changelog = await readFile(join(dir, 'packages', folder, 'CHANGELOG.md'), 'utf8').catch(
        () => '',
      );
      if (next.version !== manifest.version && !changelog.includes(`## ${next.version}`)) {
        problems.push(`${manifest.name}: CHANGELOG.md has no section for ${next.version}`);
      }
      const publish = next.publishConfig ?? {};
      if (publish.access !== 'public' || publish.provenance !== true) {
        problems.push(`${manifest.name}: publishConfig lacks access "public" and provenance true`);
      }
    }
    for (const { manifest } of after.values()) {
      for (const [name, range] of Object.entries(manifest.dependencies ?? {})) {
        const dependency = after.get(name);
        if (dependency && !range.includes(dependency.manifest.version)) {
          problems.push(
            `${manifest.name} depends on ${name}@${range}, not the released ${dependency.manifest.version}`,
          );
        }
      }
    }

    // 2. the rest of version-packages, and the release's check of the pinned drop-in
    const elements = join(dir, 'packages/elements');
    await run(process.execPath, ['scripts/editor-data.mjs'], elements);
    const pinned = await run(process.execPath, ['scripts/pin-drop-in.mjs'], elements);
    await run(process.execPath, ['scripts/pin-drop-in.mjs', '--check'], elements);
    const snippet = await readFile(join(dir, 'docs/elements.md'), 'utf8');
    const elementsVersion = after.get('@zheli/elements').manifest.version;
    if (!snippet.includes(`@zheli/elements@${elementsVersion}/dist/browser/zheli-elements.js`)) {
      problems.push(`docs/elements.md does not load the drop-in of ${elementsVersion}`);
    }

    step('editor data and pin');

    // 3. pack, publish --dry-run, publint, attw
    const tarballs = join(dir, '.tarballs');
    await mkdir(tarballs);
    // Two at a time: attw and publint are the bulk of the rehearsal.
    const queue = [...after.values()];
    const rows = [];
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        rows.push(await rehearsePackage({ dir, tarballs, problems }, next));
      }
    };
    await Promise.all([worker(), worker()]);
    rows.sort();
    step('pack, publish --dry-run, publint, attw');

    if (problems.length > 0) {
      process.stderr.write(`rehearse-release:\n${problems.join('\n')}\n`);
      process.exitCode = 1;
      return;
    }
    process.stdout.write(
      `rehearse-release: ${pendingBefore.length} changesets versioned, ${pinned.stdout.trim()}, packed, published (dry run), publint and attw pass, in ${((performance.now() - started) / 1000).toFixed(1)} s (${steps.join(', ')}):\n${rows.join('\n')}\n`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
