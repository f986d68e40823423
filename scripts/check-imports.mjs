// Every import resolves under a strict package manager (pnpm, `npm --install-strategy=linked`),
// where a package sees only what it declares:
//
// 1. each published package's built files (`dist/**/*.js` and `*.d.ts`) import only packages
//    its package.json declares in `dependencies` or `peerDependencies` (a type import of `x` may
//    be declared as `@types/x`); the drop-in (`dist/browser/`) imports no package at all;
// 2. each page of documentation (`README.md`, `docs/**/*.md`, the packages' READMEs) that shows
//    an `npm install` line installs every package its code blocks import.
//
//   node scripts/check-imports.mjs   (after a build; part of `npm run check:root`)

import { readdir, readFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { publicPackages } from './public-packages.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const builtins = new Set(builtinModules);

/** The package a bare specifier names (`@scope/name/sub` → `@scope/name`); undefined for relative, absolute, URL and built-in specifiers. */
export function packageOf(specifier) {
  if (/^[./]/.test(specifier) || /^[a-z][a-z0-9+.-]*:/i.test(specifier)) return undefined;
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  if (builtins.has(name)) return undefined;
  return name;
}

const importPatterns = [
  // import x from 'y'; import { x } from "y"; export * from 'y'; import type … from 'y'
  /\b(?:import|export)\s+(?:type\s+)?(?:[\w*${}\s,]+?\s+from\s+)?['"]([^'"\n]+)['"]/g,
  // import('y'), also in declaration files' types
  /\bimport\(\s*['"]([^'"\n]+)['"]\s*\)/g,
  // declare module 'y' (an augmentation needs `y` to resolve)
  /\bdeclare\s+module\s+['"]([^'"\n]+)['"]/g,
];

/** The packages `code` imports, re-exports or augments. */
export function importedPackages(code) {
  const found = new Set();
  const withoutComments = code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  for (const pattern of importPatterns) {
    for (const match of withoutComments.matchAll(pattern)) {
      const name = packageOf(match[1]);
      if (name) found.add(name);
    }
  }
  return found;
}

async function filesUnder(dir, test) {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Problems with the built files of the package in `dir`. */
export async function checkPackage(dir) {
  const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
  const declared = new Set([
    manifest.name,
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.peerDependencies ?? {}),
  ]);
  const problems = [];
  let files;
  try {
    files = await filesUnder(join(dir, 'dist'), (name) => /\.(js|d\.ts)$/.test(name));
  } catch {
    return [`${manifest.name}: no dist/ (run the build first)`];
  }
  for (const file of files) {
    const inBrowserBuild = relative(join(dir, 'dist'), file).startsWith('browser/');
    const typesOnly = file.endsWith('.d.ts');
    for (const name of importedPackages(await readFile(file, 'utf8'))) {
      const where = relative(root, file);
      if (inBrowserBuild && !typesOnly) {
        problems.push(`${where} imports ${name}: the drop-in must bundle everything`);
      } else if (!declared.has(name) && !(typesOnly && declared.has(`@types/${name}`))) {
        problems.push(
          `${where} imports ${name}, which ${manifest.name} does not declare in dependencies or peerDependencies`,
        );
      }
    }
  }
  return problems;
}

/** `npm install a b c` (also `npm i`, `pnpm add`, `yarn add`) lines of `text`, as package names. */
export function installedPackages(text) {
  const found = new Set();
  for (const match of text.matchAll(
    /^\s*(?:npm (?:install|i)|pnpm add|yarn add)\b([^\n#&|;]*)/gm,
  )) {
    for (const word of match[1].trim().split(/\s+/)) {
      if (!word || word.startsWith('-')) continue;
      const name = packageOf(word.replace(/(.)@[^/]*$/, '$1'));
      if (name) found.add(name);
    }
  }
  return found;
}

/**
 * Problems with one page of documentation: packages its code imports that its install lines do
 * not install (a page that imports packages must show how to install them).
 */
export function checkPage(text, page) {
  const installed = installedPackages(text);
  const problems = [];
  for (const block of text.matchAll(/```(?:ts|tsx|js|jsx|mjs|vue)\n([\s\S]*?)```/g)) {
    for (const name of importedPackages(block[1])) {
      if (!installed.has(name) && !installed.has(`@types/${name}`)) {
        problems.push(`${page}: imports ${name}, which no npm install line of the page installs`);
      }
    }
  }
  return [...new Set(problems)];
}

async function main() {
  const problems = [];
  const packagesDir = join(root, 'packages');
  for (const { dir } of await publicPackages(root)) {
    problems.push(...(await checkPackage(dir)));
  }
  const pages = [
    join(root, 'README.md'),
    // Not the generated API reference and reports (docs/api/): they show declarations, whose
    // imports are the packages' own dependencies, checked above.
    ...(await filesUnder(join(root, 'docs'), (name) => name.endsWith('.md'))).filter(
      (file) => !/[/\\](api|node_modules)[/\\]/.test(relative(root, file)),
    ),
    ...(await filesUnder(packagesDir, (name) => name === 'README.md')).filter(
      (file) => !file.includes('node_modules'),
    ),
  ];
  for (const page of pages) {
    problems.push(...checkPage(await readFile(page, 'utf8'), relative(root, page)));
  }
  if (problems.length > 0) {
    process.stderr.write(`${problems.join('\n')}\n`);
    process.exitCode = 1;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
