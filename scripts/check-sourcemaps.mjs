// Every published JavaScript file names its source map at most once, and the map it names is in
// the package as npm packs it, with the text of every source inside (`sourcesContent`), so a
// debugger shows the TypeScript without `src/`, which is not published.
//
//   node scripts/check-sourcemaps.mjs   (after a build; part of `npm run check:root`)

import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { publicPackages } from './public-packages.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The `sourceMappingURL` comments of `code`, in order. */
export function mapComments(code) {
  return [...code.matchAll(/^\/\/[#@] sourceMappingURL=(\S+)\s*$/gm)].map((match) => match[1]);
}

/** Problems with the package in `dir`, whose packed file list is `packed`. */
export async function checkPackage(dir, packed) {
  const problems = [];
  const name = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')).name;
  for (const file of packed.filter((path) => path.endsWith('.js'))) {
    const code = await readFile(join(dir, file), 'utf8');
    const urls = mapComments(code);
    if (urls.length === 0) continue;
    if (urls.length > 1) problems.push(`${name}/${file}: ${urls.length} sourceMappingURL comments`);
    const last = code.trimEnd().split('\n').at(-1) ?? '';
    if (!last.includes('sourceMappingURL=')) {
      problems.push(`${name}/${file}: the sourceMappingURL comment is not the last line`);
    }
    for (const url of new Set(urls)) {
      if (url.startsWith('data:')) continue;
      const map = posix.join(posix.dirname(file), url);
      if (!packed.includes(map)) {
        problems.push(`${name}/${file}: names ${map}, which the package does not publish`);
        continue;
      }
      const parsed = JSON.parse(await readFile(join(dir, map), 'utf8'));
      const sources = parsed.sources ?? [];
      const contents = parsed.sourcesContent ?? [];
      if (sources.some((_, i) => typeof contents[i] !== 'string')) {
        problems.push(`${name}/${map}: a source without its text (sourcesContent)`);
      }
    }
  }
  return problems;
}

async function packedFiles(dir) {
  const { stdout } = await promisify(execFile)(
    'npm',
    ['pack', '--dry-run', '--json', '--ignore-scripts'],
    { cwd: dir, maxBuffer: 64 * 1024 * 1024 },
  );
  return JSON.parse(stdout)[0].files.map((file) => file.path);
}

async function main() {
  const problems = [];
  for (const { dir, manifest } of await publicPackages(root)) {
    const packed = await packedFiles(dir);
    if (!packed.some((path) => path.startsWith('dist/'))) {
      problems.push(`${manifest.name}: nothing in dist/ (run the build first)`);
      continue;
    }
    problems.push(...(await checkPackage(dir, packed)));
  }
  if (problems.length > 0) {
    process.stderr.write(`${problems.join('\n')}\n`);
    process.exitCode = 1;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
