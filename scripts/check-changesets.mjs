// A change to a published package comes with a changeset. Two checks, both from git alone, so that
// they give the same answer on a fresh clone of main as on a branch:
//
// - Since the release: every public package whose files changed since its last release (the last
//   commit that changed the version in its package.json, which only `changeset version` does; the
//   whole history before a first release) is named by at least one pending changeset. Otherwise
//   the next release would ship the change without a version bump or a line in its changelog.
// - On a branch: every public package changed since the branch left main (`git merge-base HEAD
//   main`, or origin/main) is named by a changeset that the branch adds
//   or edits. On main itself this compares the working tree with HEAD.
//
// Tests, benchmarks, screenshots and test configuration are not published and need no changeset.
//
//   node scripts/check-changesets.mjs   (part of `npm run check:release`)

import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { publicPackages } from './public-packages.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const run = promisify(execFile);

async function git(...args) {
  const { stdout } = await run('git', args, { cwd: root, maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

const lines = (text) => text.split('\n').filter(Boolean);

/** Files of a package that are not published and are not built into what is. */
const unpublished = [
  /\.test\.tsx?$/,
  /\.test-d\.ts$/,
  /(^|\/)(test|bench|__screenshots__)\//,
  // Test helpers beside the code (`src/test-support.ts`), imported by tests only, never built.
  /(^|\/)test-support\.ts$/,
  /(^|\/)vitest\.config\.ts$/,
  /(^|\/)CHANGELOG\.md$/,
];

/** Whether the file at `path` (relative to its package) is published or built into it. */
export function isPublished(path) {
  return !unpublished.some((pattern) => pattern.test(path));
}

/** The packages a changeset's front matter names. */
export function namedPackages(text) {
  const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
  if (!front) return [];
  return [...front[1].matchAll(/^\s*["']?([^"':\s]+)["']?\s*:\s*(?:patch|minor|major)\s*$/gm)].map(
    (match) => match[1],
  );
}

/** The pending changesets in the working tree: file → packages named. */
async function pendingChangesets() {
  const dir = join(root, '.changeset');
  const pending = new Map();
  for (const file of await readdir(dir)) {
    if (!file.endsWith('.md') || file === 'README.md') continue;
    pending.set(`.changeset/${file}`, namedPackages(await readFile(join(dir, file), 'utf8')));
  }
  return pending;
}

async function versionAt(commit, path) {
  try {
    return JSON.parse(await git('show', `${commit}:${path}`)).version ?? null;
  } catch {
    return null;
  }
}

/** The last commit that changed the version of the package in `folder`, or null before a release. */
async function lastRelease(folder) {
  const manifest = `packages/${folder}/package.json`;
  for (const commit of lines(await git('log', '--format=%H', '-G"version"', '--', manifest))) {
    const before = await versionAt(`${commit}^`, manifest);
    if (before === null) return null; // the commit that created the package
    if (before !== (await versionAt(commit, manifest))) return commit;
  }
  return null;
}

/** Files changed under `dir` since `base` (null: every file), the working tree included. */
async function changedSince(base, dir) {
  const tracked = base
    ? await git('diff', '--name-only', base, '--', dir)
    : await git('ls-files', '--', dir);
  const untracked = await git('ls-files', '--others', '--exclude-standard', '--', dir);
  return [...new Set([...lines(tracked), ...lines(untracked)])];
}

const list = (files) => `${files.slice(0, 3).join(', ')}${files.length > 3 ? ', …' : ''}`;

async function isAncestor(ancestor, commit) {
  return git('merge-base', '--is-ancestor', ancestor, commit).then(
    () => true,
    () => false,
  );
}

async function branchBase() {
  for (const ref of ['main', 'origin/main']) {
    try {
      return { ref, commit: (await git('merge-base', 'HEAD', ref)).trim() };
    } catch {
      // not in this clone: try the next
    }
  }
  return null;
}

async function main() {
  const started = performance.now();
  const packages = await publicPackages(root);
  const pending = await pendingChangesets();
  const named = new Set([...pending.values()].flat());
  const problems = [];

  // A shallow clone (CI's `--depth 1`) hides the last release: only what is not committed yet can
  // be checked there, and the run says so.
  if ((await git('rev-parse', '--is-shallow-repository')).trim() === 'true') {
    for (const { name, folder } of packages) {
      const dir = `packages/${folder}`;
      const changed = (await changedSince('HEAD', dir)).filter((path) =>
        isPublished(path.slice(dir.length + 1)),
      );
      if (changed.length > 0 && !named.has(name)) {
        problems.push(
          `${name} has uncommitted changes (${list(changed)}) and no pending changeset names it`,
        );
      }
    }
    if (problems.length === 0) {
      process.stdout.write(
        'check-changesets: a shallow clone hides the last release, so only uncommitted changes were checked (`git fetch --unshallow` for the whole check).\n',
      );
      return;
    }
  }

  const base = problems.length > 0 ? null : await branchBase();
  for (const { name, folder } of problems.length > 0 ? [] : packages) {
    const dir = `packages/${folder}`;
    const release = await lastRelease(folder);
    const changed = (await changedSince(release, dir)).filter((path) =>
      isPublished(path.slice(dir.length + 1)),
    );
    if (changed.length > 0 && !named.has(name)) {
      problems.push(
        `${name} changed since ${release ? `its release in ${release.slice(0, 10)}` : 'the start (never released)'} (${list(changed)}) and no pending changeset names it`,
      );
    }
    if (!base) continue;
    // A release made on the branch consumed the changesets before it: count from there.
    const since = release && (await isAncestor(base.commit, release)) ? release : base.commit;
    const files = (await changedSince(since, dir)).filter((path) =>
      isPublished(path.slice(dir.length + 1)),
    );
    const added = (await changedSince(since, '.changeset')).flatMap(
      (path) => pending.get(path) ?? [],
    );
    if (files.length > 0 && !added.includes(name)) {
      problems.push(
        `${name} changed since ${since === release ? 'its release on this branch' : base.ref} (${list(files)}) and no changeset added since then names it`,
      );
    }
  }

  if (problems.length > 0) {
    process.stderr.write(
      `${problems.join('\n')}\nAdd one with \`npm run changeset\`: what changed, why, how to migrate.\n`,
    );
    process.exitCode = 1;
  } else {
    process.stdout.write(
      `check-changesets: ${pending.size} pending changesets cover every changed package (since the last release${base ? ` and since ${base.ref}` : ''}). (${((performance.now() - started) / 1000).toFixed(1)} s)\n`,
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
