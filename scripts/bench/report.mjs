// The report: every line the rows print (kept for docs/performance.md), the figures of each row,
// and the writer behind `--write`: the whole page, or with `--only` only the sections of the rows
// run, each saying when it was measured and under what load.
/* biome-ignore-all lint/suspicious/noConsole: a script that reports on stdout */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { only, root, values } from './measure.mjs';

const lines = [];
export const say = (line = '') => {
  lines.push(line);
  console.log(line);
};

// The figures of each row, as it prints them.
export const report = { cards: [], catalog: [], qr: [], fifty: null, dropIn: [], sandbox: null };

/**
 * With `--only`, the rows run replace their sections of the page (or join it before the end),
 * each saying when it was measured and under what load; the other sections are kept as they are.
 */
async function merge({ started, loadBefore, loadAfter }) {
  const file = join(root, 'docs/performance.md');
  const page = (await readFile(file, 'utf8')).trimEnd().split('\n');
  const sectionsOf = (all) => {
    const found = new Map();
    let name;
    for (const line of all) {
      if (line.startsWith('### ')) name = line;
      else if (line.startsWith('Load average at the end')) name = undefined;
      if (name !== undefined) found.set(name, [...(found.get(name) ?? []), line]);
    }
    return found;
  };
  const fresh = sectionsOf(lines);
  const when = `Measured ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC with \`--only ${[...only].join(',')}\`; load average ${loadBefore} at the start, ${loadAfter} at the end.`;
  const out = [];
  let skipping = false;
  const add = (name) => {
    const section = [...(fresh.get(name) ?? [])];
    while (section.at(-1) === '') section.pop();
    out.push(...section, '', when, '');
    fresh.delete(name);
  };
  const note = ' A section measured on its own (`--only`) says when, and under what load.';
  for (const line of page) {
    // The old page's list of rows not built yet: every row is now.
    if (line.startsWith('Not measured here yet')) continue;
    if (
      line.startsWith('Measured ') &&
      line.includes('by `npm run bench`') &&
      !line.endsWith(note)
    ) {
      out.push(line + note);
      continue;
    }
    if (line.startsWith('### ') || line.startsWith('Load average at the end')) {
      skipping = false;
      if (line.startsWith('Load average at the end'))
        for (const name of [...fresh.keys()]) add(name);
      else if (fresh.has(line)) {
        add(line);
        skipping = true;
        continue;
      }
    }
    if (!skipping) out.push(line);
  }
  for (const name of [...fresh.keys()]) add(name);
  await writeFile(file, `${out.join('\n')}\n`);
}

/** Writes docs/performance.md: the whole page, or with `--only` the sections of the rows run. */
export async function writePage({ started, loadBefore, loadAfter }) {
  if (values.only === undefined)
    await writeFile(join(root, 'docs/performance.md'), `${lines.join('\n')}\n`);
  else await merge({ started, loadBefore, loadAfter });
}
