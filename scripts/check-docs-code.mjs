// Every TypeScript block (```ts, ```tsx) of docs/ and the package READMEs type-checks against the
// built packages, as a reader would paste it: each block becomes a module of a throwaway project
// in a temporary folder whose node_modules is the repository's, so `@zheli/*` resolves through
// each package's `exports` to its built `dist/` (run after `npm run build`), and third-party
// imports (react, vue, hono) to what the workspace installs.
//
// A block may use names its page has introduced in prose or in an earlier block (`client`,
// `auth`, a button): scripts/docs-code/context.d.ts declares them, with their real types, so the
// calls made on them are still checked. A block that is not a whole module (a piece of a file
// shown on its own, an object literal) is marked `<!-- fragment: why -->` on the line before its
// fence and is not compiled; the reason is printed.
//
//   node scripts/check-docs-code.mjs   (after a build; part of `npm run check:release`)
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const run = promisify(execFile);

/** The pages whose code readers paste. */
async function pages() {
  const { stdout } = await run(
    'git',
    ['ls-files', '-co', '--exclude-standard', 'docs', 'packages'],
    {
      cwd: root,
    },
  );
  return (
    stdout
      .split('\n')
      .filter((path) => /^docs\/.*\.md$/.test(path) || /^packages\/[^/]+\/README\.md$/.test(path))
      // The generated reference (docs/api/) shows declarations, not modules to paste: its blocks
      // come from the built packages' declarations, which their own typecheck already checks.
      .filter((path) => !path.startsWith('docs/api/'))
  );
}

/** The TypeScript blocks of `text`: language, first line of code (1-based), code, fragment note. */
function blocks(text) {
  const found = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const open = /^ {0,3}(`{3,})\s*(\w*)/.exec(lines[i]);
    if (!open) continue;
    const end = lines.findIndex((line, j) => j > i && line.trim() === open[1]);
    const close = end === -1 ? lines.length : end;
    const fragment = /^<!--\s*fragment:?\s*(.*?)\s*-->$/.exec(lines[i - 1]?.trim() ?? '');
    if (open[2] === 'ts' || open[2] === 'tsx') {
      found.push({
        lang: open[2],
        line: i + 2,
        code: lines.slice(i + 1, close).join('\n'),
        fragment: fragment ? fragment[1] || 'a fragment' : null,
      });
    }
    i = close;
  }
  return found;
}

const tsconfig = {
  compilerOptions: {
    target: 'es2023',
    lib: ['es2023', 'dom', 'dom.iterable'],
    module: 'preserve',
    moduleResolution: 'bundler',
    jsx: 'react-jsx',
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: ['node'],
    // Blocks are separate modules that may each declare the same names.
    isolatedModules: true,
    moduleDetection: 'force',
  },
  include: ['**/*.ts', '**/*.tsx'],
};

async function main() {
  const started = performance.now();
  const dir = await mkdtemp(join(tmpdir(), 'zheli-docs-code-'));
  try {
    await symlink(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
    await writeFile(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
    await writeFile(
      join(dir, 'context.d.ts'),
      await readFile(join(root, 'scripts/docs-code/context.d.ts'), 'utf8'),
    );
    const origin = new Map();
    const fragments = [];
    let count = 0;
    for (const page of await pages()) {
      for (const block of blocks(await readFile(join(root, page), 'utf8'))) {
        if (block.fragment) {
          fragments.push(`${page}:${block.line}: ${block.fragment}`);
          continue;
        }
        count += 1;
        // A block that starts by naming its file (`// app/layout.tsx`) is written there, in its
        // page's folder, so that the page's blocks import each other as the reader's files do.
        const named = /^\/\/ ([\w.[\]/-]+\.tsx?)\b/.exec(block.code);
        const folder = page.replace(/[/.]/g, '_');
        const file = named ? `${folder}/${named[1]}` : `${folder}/${block.line}.${block.lang}`;
        origin.set(file, { page, line: block.line });
        await mkdir(dirname(join(dir, file)), { recursive: true });
        await writeFile(join(dir, file), `${block.code}\n`);
      }
    }
    const tsc = join(root, 'node_modules/typescript/bin/tsc');
    const result = await run(process.execPath, [tsc, '-p', dir, '--pretty', 'false'], {
      cwd: dir,
      maxBuffer: 16 * 1024 * 1024,
    }).catch((error) => error);
    const output = `${result.stdout ?? ''}`.trim();
    if (output) {
      // file.ts(3,5): error TS… → docs/page.md:<line of the page>:5: error TS…
      const mapped = output.replace(/^(\S+?)\((\d+),(\d+)\)/gm, (whole, file, line, column) => {
        const from = origin.get(file);
        return from ? `${from.page}:${from.line + Number(line) - 1}:${column}` : whole;
      });
      process.stderr.write(`${mapped}\n`);
      process.exitCode = 1;
      return;
    }
    process.stdout.write(
      `check-docs-code: ${count} TypeScript blocks type-check; ${fragments.length} fragments not compiled${fragments.map((line) => `\n  ${line}`).join('')} (${((performance.now() - started) / 1000).toFixed(1)} s)\n`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
