// Every link in the repository's Markdown resolves, without the network:
//
// - a relative link names a file or folder that exists, and its #anchor a heading (GitHub's
//   slugs) or an <a id> of that page; a bare #anchor, a heading of the same page;
// - a package README (packages/*/README.md, also shown on npm, where relative links break) links
//   into the repository only by absolute address, https://github.com/zheli-sdk/zheli-sdk/blob/main/…
//   (or /tree/main/…), and the path and anchor of that address exist in this checkout;
// - other addresses (other sites, mailto:) are not fetched.
//
//   node scripts/check-links.mjs   (part of `npm run check:release`)
import { execFile } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const repository = 'https://github.com/zheli-sdk/zheli-sdk/';

/** The text of a page without its fenced code blocks and inline code spans. */
function prose(text) {
  return text
    .replace(/^ {0,3}(`{3,}|~{3,})[^\n]*\n[\s\S]*?^ {0,3}\1[^\n]*$/gm, (block) =>
      block.replace(/[^\n]/g, ' '),
    )
    .replace(/(`+)[^`\n]*?\1/g, (span) => ' '.repeat(span.length));
}

/** The anchors of a page: GitHub's slug of every heading (with -1, -2 for repeats), and <a id>. */
function anchors(text) {
  const found = new Set();
  const seen = new Map();
  const blank = prose(text);
  for (const [, heading] of blank.matchAll(/^ {0,3}#{1,6}[ \t]+(.+?)[ \t#]*$/gm)) {
    // The heading's own text, with its code spans back (prose() blanked them).
    const start = blank.indexOf(heading);
    const raw = text.slice(start, start + heading.length);
    const plain = raw
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/<[^>]+>/g, '')
      .replace(/[`*]/g, '');
    const slug = plain
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    found.add(count === 0 ? slug : `${slug}-${count}`);
  }
  for (const [, id] of text.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) found.add(id);
  return found;
}

/** The link targets of a page, each with its line. */
function links(text) {
  const blank = prose(text);
  const found = [];
  const add = (index, target) =>
    found.push({ target, line: blank.slice(0, index).split('\n').length });
  for (const match of blank.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
    add(match.index, match[1]);
  }
  for (const match of blank.matchAll(/^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)) {
    add(match.index, match[1]);
  }
  for (const match of blank.matchAll(/<a\s[^>]*href="([^"]+)"/g)) add(match.index, match[1]);
  return found;
}

const texts = new Map();
async function page(path) {
  if (!texts.has(path)) texts.set(path, await readFile(join(root, path), 'utf8'));
  return texts.get(path);
}

async function exists(path) {
  return stat(join(root, path)).then(
    () => true,
    () => false,
  );
}

/** What is wrong with `target`, linked from `from` (both relative to the root), or null. */
async function problem(from, target, tracked) {
  const inPackageReadme = /^packages\/[^/]+\/README\.md$/.test(from);
  let path;
  let anchor;
  if (target.startsWith(repository)) {
    const match = /^(?:blob|tree)\/main\/([^#?]*)(?:#(.*))?$/.exec(target.slice(repository.length));
    if (!match) return null; // issues, pulls, releases: not files
    path = decodeURIComponent(match[1]).replace(/\/$/, '');
    anchor = match[2];
  } else if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) {
    return null;
  } else if (target.startsWith('#')) {
    path = from;
    anchor = target.slice(1);
  } else {
    if (inPackageReadme) {
      return `a relative link in a package README (broken on npm): use ${repository}blob/main/…`;
    }
    const [file, hash] = target.split('#');
    path = posix.normalize(posix.join(posix.dirname(from), decodeURIComponent(file.split('?')[0])));
    path = path.replace(/\/$/, '');
    anchor = hash;
  }
  if (path.startsWith('..')) return 'points outside the repository';
  if (!tracked.has(path)) return `${path} is not in the repository`;
  if (
    anchor &&
    path.endsWith('.md') &&
    !anchors(await page(path)).has(decodeURIComponent(anchor))
  ) {
    return `${path} has no heading #${anchor}`;
  }
  return null;
}

async function main() {
  const started = performance.now();
  const { stdout } = await promisify(execFile)('git', ['ls-files', '-co', '--exclude-standard'], {
    cwd: root,
    maxBuffer: 64 * 1024 * 1024,
  });
  const files = stdout.split('\n').filter(Boolean);
  // The files git knows (committed or not ignored), and their folders.
  const tracked = new Set(
    files.flatMap((file) => file.split('/').map((_, i, parts) => parts.slice(0, i + 1).join('/'))),
  );
  const pages = files.filter(
    (path) =>
      path.endsWith('.md') &&
      !path.startsWith('.changeset/') &&
      !dirname(path).includes('node_modules'),
  );
  const problems = [];
  let count = 0;
  for (const from of pages) {
    if (!(await exists(from))) continue; // deleted in the working tree
    for (const { target, line } of links(await page(from))) {
      count += 1;
      const found = await problem(from, target, tracked);
      if (found) problems.push(`${from}:${line}: ${target}: ${found}`);
    }
  }
  if (problems.length > 0) {
    process.stderr.write(`${problems.join('\n')}\n`);
    process.exitCode = 1;
  } else {
    process.stdout.write(
      `check-links: ${count} links in ${pages.length} Markdown files resolve. (${((performance.now() - started) / 1000).toFixed(1)} s)\n`,
    );
  }
}

await main();
