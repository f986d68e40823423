// The drop-in for `<script type="module">`: dist/browser/zheli-elements.js, a small loader, and
// beside it in chunks/ everything else bundled and minified: `browser.ts` (which registers each
// element when its first tag appears) and the chunks it and each element import, built by
// esbuild and grouped again by Rollup (see `rechunk`). The loader
// lists those files (see src/drop-in-loader.ts) so that a page asks for all it needs at once,
// with each file's SHA-256, against which it checks every file before anything runs it.
// Code behind dynamic imports (the other locales, the sign-in code) loads only when needed,
// through the loader too (see `checkedImports`).
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { rollup } from 'rollup';
import { browserOptions, build, minifyChunks, packageRoot } from './bundle.mjs';

/** Each element's module in the build of `browser.ts` (`src/<name>/define.ts`) and its tag. */
const elementModule = /^src\/([a-z-]+)\/define\.ts$/;

/**
 * The drop-in's files in `outdir`: `zheli-elements.js` and `chunks/`. Returns the files the
 * loader lists (what `__ZHELI_DROP_IN__` holds).
 */
export async function buildDropIn(outdir, { sourcemap = false, minChunkSize = 1000 } = {}) {
  // esbuild splits `browser.ts` and its dynamic imports into shared chunks, many of them small
  // (85–300 B gzip); it cannot merge them. Its build goes to a temporary folder, and Rollup
  // re-chunks it into `outdir/chunks/` (below), merging chunks smaller than `minChunkSize`.
  const staging = await mkdtemp(join(tmpdir(), 'zheli-drop-in-esbuild-'));
  try {
    const { metafile } = await build(
      browserOptions({
        entryPoints: { browser: 'src/browser.ts' },
        outdir: staging,
        splitting: true,
        entryNames: '[name]-[hash]',
        chunkNames: '[name]-[hash]',
        sourcemap,
        metafile: true,
      }),
    );
    /** The esbuild output's module entry point (`src/…/define.ts`, …) by its absolute path. */
    const entryPointOf = new Map(
      Object.entries(metafile.outputs).map(([path, output]) => [
        resolve(packageRoot, path),
        output.entryPoint,
      ]),
    );
    const browserFile = [...entryPointOf].find(([, entry]) => entry === 'src/browser.ts')?.[0];
    // The elements browser.ts imports on sight, in its order.
    const elements = metafile.outputs[relative(packageRoot, browserFile)].imports
      .filter((edge) => edge.kind === 'dynamic-import')
      .map((edge) => metafile.outputs[edge.path]?.entryPoint?.match(elementModule)?.[1])
      .filter((name) => name !== undefined);
    /** The source modules in each esbuild file, by absolute path: bytes by module. */
    const inputsOf = new Map(
      Object.entries(metafile.outputs).map(([path, output]) => [
        resolve(packageRoot, path),
        Object.entries(output.inputs).map(([module, { bytesInOutput }]) => [module, bytesInOutput]),
      ]),
    );
    const chunks = await rechunk(browserFile, join(outdir, 'chunks'), {
      sourcemap,
      minChunkSize,
      inputsOf,
      entryPointOf,
    });
    return await writeLoader(outdir, chunks, entryPointOf, elements);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/**
 * A file's Subresource Integrity hash: SHA-256, the shortest the browsers accept (the loader
 * carries one for each file); a changed file passing it would need a second SHA-256 preimage.
 */
const integrityOf = (bytes) => `sha256-${createHash('sha256').update(bytes).digest('base64')}`;

/** esbuild's file names end in its hash; Rollup adds its own. */
const withoutHash = (name) => name.replace(/-[A-Z0-9]{8}$/, '');

/**
 * A shared chunk's name (esbuild calls them all `chunk`): the package, or else the module, that
 * gives it the most code, so that a page's requests say what they load (`lit-html`, `messages`, `popup`).
 */
function sharedName(moduleIds, inputsOf) {
  const bytes = new Map();
  for (const id of moduleIds) {
    for (const [module, size] of inputsOf.get(id) ?? []) {
      const name =
        module.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//)?.[1] ??
        module.match(/(?:^|\/)([^/]+?)(?:\.[a-z]+)?$/)?.[1] ??
        'chunk';
      bytes.set(name, (bytes.get(name) ?? 0) + size);
    }
  }
  const [name = 'chunk'] = [...bytes].sort((a, b) => b[1] - a[1])[0] ?? [];
  return name.replace(/^@/, '').replace(/[^a-zA-Z0-9_-]+/g, '-');
}

/**
 * Each `import()` of a chunk goes through the loader first (see src/drop-in-loader.ts), which
 * fetches the file and what it imports with their Subresource Integrity hashes and settles once
 * all have passed: `zheliChecked$("x.js").then(() => import("./x.js"))`. `zheliChecked$` is the chunk's own
 * (the output's `intro`), and resolves at once where no loader serves these chunks (an app that
 * bundles the drop-in); the import stays one that a bundler follows.
 */
const checkedImports = {
  name: 'checked-imports',
  renderDynamicImport({ targetChunk }) {
    if (targetChunk === null) return null;
    return {
      left: `zheliChecked$(${JSON.stringify(targetChunk.fileName)}).then(()=>import(`,
      right: '))',
    };
  },
};
const checkedIntro = (chunk) =>
  chunk.dynamicImports.length === 0
    ? ''
    : 'const zheliChecked$=(file)=>globalThis[Symbol.for("zheli.drop-in")]?.get(new URL("./",import.meta.url).href)?.(file)??Promise.resolve();';

/**
 * Bundles esbuild's output again with Rollup, from `browserFile` (Rollup follows the static and
 * dynamic imports), into `dir`: chunks smaller than `minChunkSize` bytes merge into others where
 * that runs no code a page did not run before (Rollup's `experimentalMinChunkSize`). Each chunk
 * is minified again (Rollup prints the code it joins with its own whitespace); source maps chain
 * through to the TypeScript: esbuild's map of each file (the `load` hook), Rollup's, and the
 * second minification's (`renderChunk`). Returns Rollup's chunks.
 */
async function rechunk(browserFile, dir, { sourcemap, minChunkSize, inputsOf, entryPointOf }) {
  const bundle = await rollup({
    logLevel: 'warn',
    input: { browser: browserFile },
    // The chunks import from browser.ts's chunk: it may export more than the loader uses, rather
    // than be a facade re-exporting another chunk (one more file to fetch first).
    preserveEntrySignatures: 'allow-extension',
    onwarn(warning, warn) {
      if (warning.code !== 'SOURCEMAP_BROKEN') warn(warning);
      else throw new Error(warning.message);
    },
    plugins: [
      checkedImports,
      {
        name: 'esbuild-output',
        async load(id) {
          const code = (await readFile(id, 'utf8')).replace(/^\/\/# sourceMappingURL=.*$/m, '');
          if (!sourcemap) return code;
          return { code, map: await readFile(`${id}.map`, 'utf8') };
        },
      },
    ],
  });
  try {
    // An element's chunk is named after the element (`service-card-….js`, not `define-….js`),
    // a shared chunk after what it holds most of: a page's requests say what they load.
    const elementOf = (chunk) =>
      chunk.moduleIds
        .map((id) => entryPointOf.get(id)?.match(elementModule)?.[1])
        .find((element) => element !== undefined);
    // A package's main module (esbuild's `dist`) after the package: `client-….js`, `auth-….js`.
    const packageOf = (chunk) =>
      chunk.moduleIds
        .map((id) => entryPointOf.get(id)?.match(/^\.\.\/([a-z-]+)\/dist\/index\.js$/)?.[1])
        .find((name) => name !== undefined);
    const name = (chunk) => {
      const own = withoutHash(chunk.name);
      const named =
        own === 'chunk'
          ? sharedName(chunk.moduleIds, inputsOf)
          : own === 'define'
            ? (elementOf(chunk) ?? own)
            : own === 'dist'
              ? (packageOf(chunk) ?? own)
              : own;
      return `${named}-[hash].js`;
    };
    const { output } = await bundle.write({
      format: 'es',
      dir,
      entryFileNames: name,
      chunkFileNames: name,
      hashCharacters: 'base36',
      experimentalMinChunkSize: minChunkSize,
      intro: checkedIntro,
      sourcemap,
      plugins: [minifyChunks({ sourcemap })],
    });
    return output.filter((item) => item.type === 'chunk');
  } finally {
    await bundle.close();
  }
}

/**
 * The loader, `outdir/zheli-elements.js`, with the list of `chunks` (Rollup's) a page loads at
 * once and those each tag adds. `entryPointOf` names the module behind each esbuild file;
 * `elements` are the names of the elements `browser.ts` loads on sight (`src/<name>/define.ts`).
 */
async function writeLoader(outdir, chunks, entryPointOf, elements) {
  const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  /**
   * The chunk holding the esbuild file built from the module `entry` matches: a dynamic import's
   * target, which Rollup may have put in a chunk with other code (then it is not its facade).
   */
  const chunkOf = (entry) => {
    const file = [...entryPointOf].find(([, module]) => module && entry.test(module))?.[0];
    return chunks.find((chunk) => chunk.moduleIds.includes(file))?.fileName;
  };
  /** `start` and every file it imports, directly or not, in the order they are reached. */
  const closure = (start, seen = new Set()) => {
    if (seen.has(start)) return seen;
    seen.add(start);
    for (const path of byName.get(start).imports) closure(path, seen);
    return seen;
  };
  const browserPath = chunks.find((chunk) => chunk.isEntry).fileName;
  const main = closure(browserPath);
  const loads = {};
  for (const name of elements) {
    const path = chunkOf(new RegExp(`^src/${name}/define\\.ts$`));
    if (path === undefined || main.has(path)) throw new Error(`src/${name}/define.ts is not lazy`);
    loads[`zheli-${name}`] = path;
  }
  if (Object.keys(loads).length === 0) throw new Error('browser.ts loads no element on sight');
  // `<zheli-config base-url>` builds its client on first use, from @zheli/client behind a dynamic
  // import: a page with one needs it as soon as an element asks for data.
  const client = chunkOf(/client\/dist\/index\.js$/);
  if (client === undefined || main.has(client)) {
    throw new Error('<zheli-config> loads no @zheli/client');
  }
  loads['zheli-config[base-url]'] = client;
  // Every file, browser.ts's first: the loader checks each against its hash, the lazily loaded
  // ones too (the chunks' `import()`s go through it).
  const named = [
    browserPath,
    ...chunks.map((chunk) => chunk.fileName).filter((path) => path !== browserPath),
  ];
  const index = (path) => named.indexOf(path);
  const manifest = {
    files: named.map((path) => basename(path, '.js')),
    integrity: await Promise.all(
      named.map(async (path) => integrityOf(await readFile(join(outdir, 'chunks', path)))),
    ),
    imports: named.map((path) => byName.get(path).imports.map(index)),
    elements: Object.fromEntries(Object.entries(loads).map(([tag, path]) => [tag, index(path)])),
  };
  await build(
    browserOptions({
      entryPoints: { 'zheli-elements': 'src/drop-in-loader.ts' },
      outdir,
      define: { __ZHELI_DROP_IN__: JSON.stringify(manifest) },
      plugins: [
        ...browserOptions().plugins,
        {
          name: 'drop-in-main',
          setup(builder) {
            builder.onResolve({ filter: /^zheli-drop-in:main$/ }, () => ({
              path: `./chunks/${basename(browserPath)}`,
              external: true,
            }));
          },
        },
      ],
    }),
  );
  return manifest;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const outdir = join(packageRoot, 'dist', 'browser');
  await rm(outdir, { recursive: true, force: true });
  await buildDropIn(outdir, { sourcemap: true });
  // Its types: the same functions as the npm build's (the elements register themselves).
  await writeFile(
    join(outdir, 'zheli-elements.d.ts'),
    "export { configure, setLocale, setLogger } from '../index.js';\n",
  );
}
