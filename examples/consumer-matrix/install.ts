// Installs examples/consumers as a user's project would be: copied out of the repository (so no
// parent node_modules of the monorepo can lend it a package), every public @zheli/* package packed
// with `npm pack` into its .packed/ folder, then `npm install --install-strategy=linked`, where an
// app sees only what it declares. Third-party versions come from the committed package-lock.json;
// `node install.ts --lock` writes it back after a change to the apps' package.json files.
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
const consumers = join(root, 'examples/consumers');

/** A step's name and how long it took, in seconds. */
export type Timing = [step: string, seconds: number];

/** What `installConsumers` made. */
export interface Installed {
  /** The installed copy of examples/consumers, outside the repository. */
  dir: string;
  /** Where the lockfile the install wrote differs from the committed one (empty when pinned). */
  lockDrift: string[];
  timings: Timing[];
}

async function timed<T>(timings: Timing[], step: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    timings.push([step, (performance.now() - started) / 1000]);
  }
}

/** The folders of the packages npm would publish (not `private`). */
async function publicPackages(): Promise<string[]> {
  const found: string[] = [];
  for (const name of await readdir(join(root, 'packages'))) {
    const manifest = JSON.parse(
      await readFile(join(root, 'packages', name, 'package.json'), 'utf8'),
    ) as { name: string; private?: boolean };
    if (!manifest.private) found.push(join(root, 'packages', name));
  }
  return found.sort();
}

type Lock = { packages: Record<string, { resolved?: string; integrity?: string }> };

/**
 * The entries of `installed` that differ from `committed`, leaving out the integrity of the
 * packed tarballs (it changes with every build of the packages).
 */
function drift(committed: Lock, installed: Lock): string[] {
  const strip = (lock: Lock) =>
    Object.fromEntries(
      Object.entries(lock.packages).map(([path, entry]) => [
        path,
        JSON.stringify(
          entry.resolved?.startsWith('file:') ? { ...entry, integrity: undefined } : entry,
        ),
      ]),
    );
  const before = strip(committed);
  const after = strip(installed);
  const paths = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...paths]
    .filter((path) => before[path] !== after[path])
    .map((path) =>
      before[path] === undefined
        ? `added ${path}`
        : after[path] === undefined
          ? `removed ${path}`
          : `changed ${path}`,
    );
}

/** Copies examples/consumers out, packs the packages into it and installs. */
export async function installConsumers(): Promise<Installed> {
  const timings: Timing[] = [];
  const dir = await mkdtemp(join(tmpdir(), 'zheli-consumers-'));
  await cp(consumers, dir, {
    recursive: true,
    filter: (source) => !/[/\\](node_modules|\.next|dist|[^/\\]+\.tgz)$/.test(source),
  });
  const packed = join(dir, '.packed');
  // The tarballs change with every build, their manifests (dependencies) included, and npm trusts
  // a lockfile's entry for a `file:` tarball of the same version: drop those entries so that the
  // install reads each tarball's manifest afresh (the drift check then compares the result).
  const lockPath = join(dir, 'package-lock.json');
  const lock = JSON.parse(await readFile(lockPath, 'utf8')) as Lock;
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (entry.resolved?.startsWith('file:.packed/')) delete lock.packages[path];
  }
  await writeFile(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
  await timed(timings, 'npm pack', async () => {
    for (const folder of await publicPackages()) {
      const { stdout } = await run('npm', ['pack', '--pack-destination', packed, '--silent'], {
        cwd: folder,
      });
      const file = stdout.trim().split('\n').pop() ?? '';
      // zheli-client-0.0.0.tgz → zheli-client.tgz: the lockfile names no version.
      await rename(
        join(packed, file),
        join(packed, file.replace(/-\d+\.\d+\.\d+[^/]*\.tgz$/, '.tgz')),
      );
    }
  });
  // Every published package must be one of the tarballs the apps resolve to: a new package left
  // out of .packed/package.json would be looked up on the registry instead.
  const listed = JSON.parse(await readFile(join(packed, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  for (const file of await readdir(packed)) {
    if (!file.endsWith('.tgz')) continue;
    if (!Object.values(listed.dependencies).includes(`file:${file}`)) {
      throw new Error(`examples/consumers/.packed/package.json does not list ${file}: add it`);
    }
  }
  await timed(timings, 'npm install (linked)', () =>
    run('npm', ['install', '--install-strategy=linked', '--no-audit', '--no-fund'], {
      cwd: dir,
      env: { ...process.env, npm_config_update_notifier: 'false' },
      maxBuffer: 16 * 1024 * 1024,
    }),
  );
  const committed = JSON.parse(
    await readFile(join(consumers, 'package-lock.json'), 'utf8').catch(() => '{"packages":{}}'),
  ) as Lock;
  const installed = JSON.parse(await readFile(join(dir, 'package-lock.json'), 'utf8')) as Lock;
  return { dir, lockDrift: drift(committed, installed), timings };
}

// `node install.ts --lock`: install, then write the lockfile back into examples/consumers; the
// install is removed unless ZHELI_KEEP_CONSUMERS is set.
if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv.includes('--lock')) {
  const installed = await installConsumers();
  await writeFile(
    join(consumers, 'package-lock.json'),
    await readFile(join(installed.dir, 'package-lock.json'), 'utf8'),
  );
  const kept = Boolean(process.env.ZHELI_KEEP_CONSUMERS);
  if (!kept) await rm(installed.dir, { recursive: true, force: true });
  process.stdout.write(
    `Wrote examples/consumers/package-lock.json (${installed.lockDrift.length} entries changed${kept ? `; installed in ${installed.dir}` : ''}).\n`,
  );
}
