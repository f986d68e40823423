// What an app ships: each row is an app's entry file, written with the imports an app writes
// (`@zheli/elements`, `@zheli/elements/<name>/define.js`, `@zheli/client`), bundled from the
// built packages through their `exports` (run `npm run build` first) with code splitting by
// esbuild, Rollup 4 and Vite's bundler (Rolldown). A row's size is what a browser fetches
// before the page shows: the entry file and every chunk it imports statically, each file
// gzipped on its own as it is served. The drop-in rows are the built `dist/browser`: the loader
// and the files it asks for at once.
// For the appointment picker also the chunks its booking flow loads on the way (slot details,
// the ticket's QR code, the views of the ticket and problems) and the total.
// `node scripts/size.mjs` prints the table; `--write` puts it in docs/elements.md.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import nodeResolve from '@rollup/plugin-node-resolve';
import { rollup } from 'rollup';
import { build as viteBuild } from 'vite';
import { browserOptions, build, minifyChunks, packageRoot } from './bundle.mjs';

const card = "import '@zheli/elements/service-card/define.js';";
const picker = "import '@zheli/elements/appointment-picker/define.js';";
// `configure` from the barrel, as the docs write it, and a client for it.
const withClient = [
  "import { configure } from '@zheli/elements';",
  "import { createClient } from '@zheli/client';",
  "configure({ client: createClient({ baseUrl: '/api' }) });",
].join('\n');

/** Each row: the entry an app writes. */
export const entries = {
  'config/define.js': "import '@zheli/elements/config/define.js';",
  'service-card/define.js': card,
  'service-card/define.js + @zheli/client + configure': `${card}\n${withClient}`,
  'region-picker/define.js': "import '@zheli/elements/region-picker/define.js';",
  'service-catalog/define.js': "import '@zheli/elements/service-catalog/define.js';",
  'login-button/define.js': "import '@zheli/elements/login-button/define.js';",
  'qr-code/define.js': "import '@zheli/elements/qr-code/define.js';",
  'appointment-picker/define.js': picker,
  'appointment-picker/define.js + @zheli/client + configure': `${picker}\n${withClient}`,
  'evaluation/define.js': "import '@zheli/elements/evaluation/define.js';",
  'matter/define.js': "import '@zheli/elements/matter/define.js';",
  'recommendations/define.js': "import '@zheli/elements/recommendations/define.js';",
  'points/define.js': "import '@zheli/elements/points/define.js';",
  'define.js (all elements)': "import '@zheli/elements/define.js';",
};

/**
 * The lazy chunks a flow loads on the way, by the built module behind the dynamic import:
 * the appointment picker loads floating-ui when slot details first open (prepared when a day is
 * chosen), and on the way to the confirm step the views of the ticket and of the problems, and
 * the QR code element with its encoder. Not counted: other locales (on a locale switch) and
 * jose (only when a page verifies a code itself).
 */
const bookingFlow = [
  /dist\/position-[^/]+\.js$/,
  /dist\/qr-code\/define\.js$/,
  /dist\/views-[^/]+\.js$/,
];
export const flows = {
  'appointment-picker/define.js': bookingFlow,
  'appointment-picker/define.js + @zheli/client + configure': bookingFlow,
};

/** Rows measured without Lit (`lit`, `@lit/*`): what the element adds to a page that has Lit. */
export const withoutLit = {
  'qr-code/define.js without lit': entries['qr-code/define.js'],
  'evaluation/define.js without lit': entries['evaluation/define.js'],
  'matter/define.js without lit': entries['matter/define.js'],
  'recommendations/define.js without lit': entries['recommendations/define.js'],
  'points/define.js without lit': entries['points/define.js'],
};
const litPackages = [
  'lit',
  'lit/*',
  '@lit/*',
  '@lit-labs/*',
  'lit-html',
  'lit-html/*',
  'lit-element',
  'lit-element/*',
  '@lit/reactive-element',
  '@lit/reactive-element/*',
];

export const bundlers = ['esbuild', 'rollup', 'vite'];

/** The drop-in's name in the rows (measured from `dist/browser`, the same for every bundler). */
export const dropIn = 'drop-in zheli-elements.js';
/** The drop-in on a page that shows service cards: its eager part and the card's chunks. */
export const dropInWithCard = 'drop-in on a page with cards';

/**
 * A bundle as a graph of output files: `files` by name, `imports` (static) and `dynamic` by
 * file, `facade` the module behind an entry or dynamic chunk, `inputs` the modules in a file.
 * @typedef {{ files: Map<string, Uint8Array>; entry: string; imports: Map<string, string[]>; dynamic: Map<string, string[]>; facade: Map<string, string>; inputs: Map<string, string[]> }} Graph
 */

/** A folder inside the package, so that `@zheli/elements` resolves through node_modules. */
async function appFolder() {
  const parent = join(packageRoot, 'node_modules', '.size');
  await mkdir(parent, { recursive: true });
  return mkdtemp(join(parent, 'app-'));
}

const relativeToPackage = (path) => relative(packageRoot, path).replaceAll('\\', '/');

/** @returns {Promise<Graph>} */
async function esbuildGraph(file, external) {
  const result = await build(
    browserOptions({
      entryPoints: { entry: file },
      outdir: join(dirname(file), 'out'),
      splitting: true,
      write: false,
      metafile: true,
      external,
    }),
  );
  const graph = emptyGraph('entry.js');
  const base = relativeToPackage(join(dirname(file), 'out'));
  for (const output of result.outputFiles) {
    graph.files.set(relativeToPackage(output.path).slice(base.length + 1), output.contents);
  }
  for (const [path, output] of Object.entries(result.metafile.outputs)) {
    const name = path.slice(base.length + 1);
    const local = (imported) => imported.path.slice(base.length + 1);
    graph.imports.set(
      name,
      output.imports
        .filter((item) => item.kind === 'import-statement' && !item.external)
        .map(local),
    );
    graph.dynamic.set(
      name,
      output.imports.filter((item) => item.kind === 'dynamic-import' && !item.external).map(local),
    );
    if (output.entryPoint !== undefined) graph.facade.set(name, output.entryPoint);
    graph.inputs.set(name, Object.keys(output.inputs));
  }
  return graph;
}

/** Rollup's and Rolldown's output, the same shape. */
function rollupGraph(output) {
  const entry = output.find((item) => item.type === 'chunk' && item.isEntry);
  const graph = emptyGraph(entry.fileName);
  for (const item of output) {
    if (item.type !== 'chunk') continue;
    graph.files.set(item.fileName, Buffer.from(item.code));
    graph.imports.set(item.fileName, item.imports);
    graph.dynamic.set(item.fileName, item.dynamicImports);
    if (item.facadeModuleId)
      graph.facade.set(item.fileName, relativeToPackage(item.facadeModuleId));
    graph.inputs.set(item.fileName, item.moduleIds.map(relativeToPackage));
  }
  return graph;
}

async function rollupBuild(file) {
  const bundle = await rollup({
    input: file,
    onwarn: () => {},
    plugins: [nodeResolve({ browser: true, exportConditions: ['production'] })],
  });
  const { output } = await bundle.generate({ format: 'es', plugins: [minifyChunks()] });
  await bundle.close();
  return rollupGraph(output);
}

async function viteGraph(file) {
  // An app's production build: Vite takes NODE_ENV as it finds it (vitest sets `test`).
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  const result = await viteBuild({
    configFile: false,
    root: dirname(file),
    logLevel: 'silent',
    mode: 'production',
    build: {
      write: false,
      target: 'es2022',
      modulePreload: { polyfill: false },
      rollupOptions: { input: file },
    },
  }).finally(() => {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  });
  const output = Array.isArray(result) ? result[0].output : result.output;
  return rollupGraph(output);
}

function emptyGraph(entry) {
  return {
    files: new Map(),
    entry,
    imports: new Map(),
    dynamic: new Map(),
    facade: new Map(),
    inputs: new Map(),
  };
}

/**
 * Bundles an app's entry (`code`, its source) with `bundler`, as a browser would load it:
 * `eager` the entry file and every file it imports statically, `lazy` the files behind its
 * dynamic imports; `inputsOf` lists the modules in some files (paths from the package folder).
 * @param {string} code
 * @param {{ bundler?: string; external?: string[] }} [options]
 */
export async function bundleGraph(code, { bundler = 'esbuild', external = [] } = {}) {
  const folder = await appFolder();
  try {
    const file = join(folder, 'entry.js');
    await writeFile(file, `${code}\n`);
    let graph;
    if (bundler === 'esbuild') graph = await esbuildGraph(file, external);
    else if (bundler === 'rollup') graph = await rollupBuild(file);
    else if (bundler === 'vite') graph = await viteGraph(file);
    else throw new Error(`unknown bundler ${bundler}`);
    return withReach(graph);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** @param {Graph} graph */
function withReach(graph) {
  const eager = staticClosure(graph, [graph.entry]);
  const lazy = new Set();
  for (const path of eager) {
    for (const target of graph.dynamic.get(path) ?? []) if (!eager.has(target)) lazy.add(target);
  }
  /** @param {Iterable<string>} paths */
  const inputsOf = (paths) => [...paths].flatMap((path) => graph.inputs.get(path) ?? []);
  return { ...graph, eager, lazy, inputsOf };
}

function staticClosure(graph, start, skip = new Set()) {
  const seen = new Set();
  const visit = (path) => {
    if (seen.has(path) || skip.has(path)) return;
    seen.add(path);
    for (const imported of graph.imports.get(path) ?? []) visit(imported);
  };
  for (const path of start) visit(path);
  return seen;
}

const gzip = (bytes) => gzipSync(bytes ?? Buffer.alloc(0), { level: 9 }).length;

/**
 * Sums what loads eagerly, each file gzipped on its own. With `flow` (the modules behind dynamic
 * imports a flow loads), also the chunks they load that are not eager, and the total.
 */
function sizes(graph, flow, tag) {
  const sum = (paths) => [...paths].reduce((total, path) => total + gzip(graph.files.get(path)), 0);
  const bytes = [...graph.eager].reduce(
    (total, path) => total + (graph.files.get(path)?.length ?? 0),
    0,
  );
  const row = {
    bytes,
    gzip: sum(graph.eager),
    files: graph.eager.size,
    lazy: [...graph.lazy].map((path) => ({ path, gzip: gzip(graph.files.get(path)) })),
  };
  if (tag !== undefined) {
    const files = graph.onSight?.get(tag);
    if (files === undefined) throw new Error(`the drop-in does not load <${tag}> on sight`);
    const loaded = staticClosure(graph, files, graph.eager);
    return { ...row, gzip: row.gzip + sum(loaded), files: row.files + loaded.size };
  }
  if (flow === undefined || flow.length === 0) return row;
  const starts = flow.map((pattern) => {
    const chunk = [...graph.facade].find(
      ([path, module]) => pattern.test(module) && !graph.eager.has(path),
    );
    if (chunk === undefined) throw new Error(`the flow does not load ${pattern} lazily`);
    return chunk[0];
  });
  const loaded = staticClosure(graph, starts, graph.eager);
  const chunks = [...loaded].map((path) => ({ path, gzip: gzip(graph.files.get(path)) }));
  return {
    ...row,
    flow: { chunks, total: row.gzip + chunks.reduce((total, chunk) => total + chunk.gzip, 0) },
  };
}

/**
 * The files the drop-in's loader lists (see src/drop-in-loader.ts), as paths in the drop-in's
 * folder: `main` what every page loads, `elements` what each tag adds, and each file's integrity
 * hash. The loader lists each file's imports; the lists are their closures, as it asks for them.
 * @param {string} loader the loader's code
 */
export function dropInManifest(loader) {
  const match =
    /\{files:(\[.*?\]),integrity:(\[.*?\]),imports:(\[.*?\]\]),elements:(\{.*?\})\}/.exec(loader);
  if (!match) throw new Error('zheli-elements.js lists no files to load');
  const [files, integrity, imports, elements] = match.slice(1).map((json) => JSON.parse(json));
  const path = (index) => `chunks/${files[index]}.js`;
  /** `start` and every file it imports, directly or not, as the loader asks for them. */
  const closure = (start) => {
    const all = new Set([start]);
    for (const file of all) for (const imported of imports[file]) all.add(imported);
    return [...all];
  };
  const main = closure(0);
  return {
    main: main.map(path),
    elements: Object.fromEntries(
      Object.entries(elements).map(([tag, index]) => [
        tag,
        closure(index)
          .filter((file) => !main.includes(file))
          .map(path),
      ]),
    ),
    integrity: Object.fromEntries(files.map((_, index) => [path(index), integrity[index]])),
  };
}

/**
 * The built drop-in: `dist/browser/zheli-elements.js`, the files it asks for at once (as if it
 * imported them), and what each tag adds when it appears (`onSight`).
 */
export async function dropInGraph() {
  const folder = join(packageRoot, 'dist', 'browser');
  const graph = emptyGraph('zheli-elements.js');
  const read = async (name) => {
    if (graph.files.has(name)) return;
    const code = await readFile(join(folder, name));
    graph.files.set(name, code);
    const text = code.toString();
    const resolveName = (specifier) => join(dirname(name), specifier).replaceAll('\\', '/');
    const imports = [
      ...text.matchAll(/(?:^|[;}\s])import(?:[^"'();]*?from)?\s*["']([^"']+)["']/g),
    ].map((match) => resolveName(match[1]));
    const dynamic = [...text.matchAll(/import\(\s*["']([^"']+)["']\s*\)/g)].map((match) =>
      resolveName(match[1]),
    );
    graph.imports.set(name, imports);
    graph.dynamic.set(name, dynamic);
    for (const path of [...imports, ...dynamic]) await read(path);
  };
  await read(graph.entry);
  const manifest = dropInManifest(graph.files.get(graph.entry).toString());
  graph.imports.set(graph.entry, manifest.main);
  graph.dynamic.set(graph.entry, Object.values(manifest.elements).flat());
  graph.onSight = new Map(Object.entries(manifest.elements));
  for (const path of [...manifest.main, ...graph.dynamic.get(graph.entry)]) await read(path);
  return withReach(graph);
}

const measured = new Map();

/**
 * Every row measured with `bundler` (memoised per process).
 * @returns {Promise<import('./size.d.mts').SizeRow[]>}
 */
export function measure(bundler = 'esbuild') {
  if (!measured.has(bundler)) measured.set(bundler, measureRows(bundler));
  return measured.get(bundler);
}

async function measureRows(bundler) {
  const rows = [];
  for (const [name, code] of Object.entries(entries)) {
    rows.push({ name, ...sizes(await bundleGraph(code, { bundler }), flows[name]) });
  }
  const dropInFiles = await dropInGraph();
  rows.push({ name: dropIn, ...sizes(dropInFiles) });
  rows.push({ name: dropInWithCard, ...sizes(dropInFiles, [], 'zheli-service-card') });
  if (bundler === 'esbuild') {
    for (const [name, code] of Object.entries(withoutLit)) {
      rows.push({ name, ...sizes(await bundleGraph(code, { external: litPackages })) });
    }
  }
  return rows;
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

/** The docs' table: one line a row, one column a bundler. */
export async function table() {
  const all = await Promise.all(bundlers.map((bundler) => measure(bundler)));
  const lines = [
    '| what an app imports | esbuild | Rollup 4 | Vite (Rolldown) |',
    '|---|---|---|---|',
  ];
  for (const row of all[0]) {
    const cells = all.map((rows) => {
      const found = rows.find((item) => item.name === row.name);
      if (found === undefined) return '–';
      const flow = found.flow === undefined ? '' : ` (flow ${kb(found.flow.total)})`;
      return `${kb(found.gzip)}${flow}`;
    });
    lines.push(`| \`${row.name}\` | ${cells.join(' | ')} |`);
  }
  return `${lines.join('\n')}\n`;
}

const docsFile = join(packageRoot, '..', '..', 'docs', 'elements.md');
const start = '<!-- size table: npm run size -w @zheli/elements -- --write -->';
const end = '<!-- /size table -->';

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const bundler of bundlers) {
    const rows = await measure(bundler);
    process.stdout.write(`\n${bundler}\n`);
    const width = Math.max(...rows.map((row) => row.name.length));
    for (const row of rows) {
      process.stdout.write(
        `${row.name.padEnd(width)}  ${kb(row.gzip).padStart(8)} gzip in ${row.files} files  (${row.bytes} B minified)\n`,
      );
      for (const chunk of row.flow?.chunks ?? []) {
        process.stdout.write(`  + on the way ${chunk.path}  ${kb(chunk.gzip)} gzip\n`);
      }
      if (row.flow !== undefined) {
        process.stdout.write(`  = the whole booking flow  ${kb(row.flow.total)} gzip\n`);
      }
      if (row.name === dropIn && bundler === 'esbuild') {
        for (const chunk of row.lazy)
          process.stdout.write(`  lazy ${chunk.path}  ${kb(chunk.gzip)} gzip\n`);
      }
    }
  }
  if (process.argv.includes('--write')) {
    const docs = await readFile(docsFile, 'utf8');
    const from = docs.indexOf(start);
    const to = docs.indexOf(end);
    if (from < 0 || to < 0) throw new Error(`docs/elements.md has no ${start} … ${end}`);
    await writeFile(
      docsFile,
      `${docs.slice(0, from + start.length)}\n\n${await table()}\n${docs.slice(to)}`,
    );
  }
}
