// The drop-in for `<script type="module">`: dist/browser/zheli-elements.js, a small loader, and
// beside it in chunks/ everything else bundled and minified: `browser.ts` (which registers each
// element when its first tag appears) and the chunks it and each element import. The loader
// lists those files (see src/drop-in-loader.ts) so that a page asks for all it needs at once.
// Code behind dynamic imports (the other locales, the sign-in code) loads only when needed.
import { rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { browserOptions, build, packageRoot } from './bundle.mjs';

/** Each element's module in the build of `browser.ts` (`src/<name>/define.ts`) and its tag. */
const elementModule = /^src\/([a-z-]+)\/define\.ts$/;

/**
 * The drop-in's files in `outdir`: `zheli-elements.js` and `chunks/`. Returns the files the
 * loader lists (what `__ZHELI_DROP_IN__` holds).
 */
export async function buildDropIn(outdir, { sourcemap = false } = {}) {
  const { metafile } = await build(
    browserOptions({
      entryPoints: { browser: 'src/browser.ts' },
      outdir: join(outdir, 'chunks'),
      splitting: true,
      entryNames: '[name]-[hash]',
      chunkNames: '[name]-[hash]',
      sourcemap,
      metafile: true,
    }),
  );
  const staticImports = (path) =>
    metafile.outputs[path].imports.filter((edge) => edge.kind === 'import-statement');
  /** `start` and every file it imports, directly or not, in the order they are reached. */
  const closure = (start, seen = new Set()) => {
    if (seen.has(start)) return seen;
    seen.add(start);
    for (const edge of staticImports(start)) closure(edge.path, seen);
    return seen;
  };
  const browserPath = Object.keys(metafile.outputs).find(
    (path) => metafile.outputs[path].entryPoint === 'src/browser.ts',
  );
  const main = closure(browserPath);
  const loads = {};
  for (const edge of metafile.outputs[browserPath].imports) {
    const module = metafile.outputs[edge.path]?.entryPoint?.match(elementModule);
    if (edge.kind !== 'dynamic-import' || !module) continue;
    loads[`zheli-${module[1]}`] = [...closure(edge.path)].filter((path) => !main.has(path));
  }
  if (Object.keys(loads).length === 0) throw new Error('browser.ts loads no element on sight');
  // `<zheli-config base-url>` builds its client on first use, from @zheli/client behind a dynamic
  // import: a page with one needs it as soon as an element asks for data.
  const client = [...main]
    .flatMap((path) => metafile.outputs[path].imports)
    .find(
      (edge) =>
        edge.kind === 'dynamic-import' &&
        /client\/dist\/index\.js$/.test(metafile.outputs[edge.path]?.entryPoint ?? ''),
    );
  if (client === undefined) throw new Error('<zheli-config> loads no @zheli/client');
  loads['zheli-config[base-url]'] = [...closure(client.path)].filter((path) => !main.has(path));
  // Only the files the lists name (the lazily loaded rest stays out of the loader).
  const named = [...new Set([...main, ...Object.values(loads).flat()])];
  const index = (paths) => paths.map((path) => named.indexOf(path));
  const manifest = {
    files: named.map((path) => basename(path, '.js')),
    main: index([...main]),
    elements: Object.fromEntries(Object.entries(loads).map(([tag, paths]) => [tag, index(paths)])),
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
