// The drop-in for `<script type="module">`: dist/browser/zheli-elements.js with everything
// bundled and minified. Code behind dynamic imports (the other locales, the sign-in code)
// lands in chunks beside it and loads only when needed.
import { rm, writeFile } from 'node:fs/promises';
import { browserOptions, build } from './bundle.mjs';

await rm(new URL('../dist/browser', import.meta.url), { recursive: true, force: true });
await build(
  browserOptions({
    entryPoints: { 'zheli-elements': 'src/browser.ts' },
    outdir: 'dist/browser',
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    sourcemap: true,
  }),
);

// Its types: the same functions as the npm build's (the elements register themselves).
await writeFile(
  new URL('../dist/browser/zheli-elements.d.ts', import.meta.url),
  "export { configure, setLocale, setLogger } from '../index.js';\n",
);
