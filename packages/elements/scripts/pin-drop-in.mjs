// Pins the drop-in in the docs' snippets to this package's version, with the Subresource
// Integrity hash of the file that version publishes:
//
//   <script type="module" src="https://unpkg.com/@zheli/elements@1.2.3/dist/browser/zheli-elements.js"
//           integrity="sha384-…" crossorigin="anonymous"></script>
//
// Run at release, after `changeset version` and a build (`npm run version-packages` does both),
// so the release commit carries the hash of what `changeset publish` uploads. `--check` writes
// nothing and fails when a snippet names another version or hash: `npm run release` runs it
// before publishing, so the docs never name a hash the registry does not serve. Between releases
// the docs keep naming the released file, whose bytes on the registry never change.
//
//   node scripts/pin-drop-in.mjs [--check]
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';

const root = new URL('../../../', import.meta.url);

/** The pages whose snippets load the drop-in from the CDN. */
export const pinnedPages = [
  'docs/elements.md',
  'docs/frameworks/html.md',
  'docs/zh-CN/county-site.md',
  'examples/county-site/README.md',
];

const snippet =
  /<script type="module" src="https:\/\/unpkg\.com\/@zheli\/elements@[^/"]+\/dist\/browser\/zheli-elements\.js"(?: integrity="[^"]*")?(?: crossorigin="anonymous")?><\/script>/g;

/** `sha384-<base64>`, the integrity of `bytes`. */
export function integrityOf(bytes) {
  return `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
}

/** The script tag that loads `version` of the drop-in, checked against `integrity`. */
export function scriptTag(version, integrity) {
  return `<script type="module" src="https://unpkg.com/@zheli/elements@${version}/dist/browser/zheli-elements.js" integrity="${integrity}" crossorigin="anonymous"></script>`;
}

/**
 * Rewrites every drop-in script tag of `text`, and the version in every other address of the
 * package on the CDN (a CSP's `script-src`); `count` says how many script tags there were.
 */
export function pin(text, version, integrity) {
  let count = 0;
  const pinned = text
    .replace(snippet, () => {
      count += 1;
      return scriptTag(version, integrity);
    })
    .replace(
      /https:\/\/unpkg\.com\/@zheli\/elements@[^/"\s]+\//g,
      `https://unpkg.com/@zheli/elements@${version}/`,
    );
  return { text: pinned, count };
}

async function main() {
  const check = process.argv.includes('--check');
  const { version } = JSON.parse(
    await readFile(new URL('../package.json', import.meta.url), 'utf8'),
  );
  const integrity = integrityOf(
    await readFile(new URL('../dist/browser/zheli-elements.js', import.meta.url)),
  );
  const stale = [];
  for (const page of pinnedPages) {
    const file = new URL(page, root);
    const text = await readFile(file, 'utf8');
    const result = pin(text, version, integrity);
    if (result.count === 0) stale.push(`${page}: no drop-in script tag`);
    else if (result.text !== text) {
      if (check) stale.push(`${page}: not pinned to ${version} with ${integrity}`);
      else await writeFile(file, result.text);
    }
  }
  if (stale.length > 0) {
    process.stderr.write(
      `${stale.join('\n')}\nRun \`node scripts/pin-drop-in.mjs\` in packages/elements after the build.\n`,
    );
    process.exitCode = 1;
  } else if (!check) process.stdout.write(`Pinned @zheli/elements@${version} (${integrity})\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
