// Prints the gzipped size of each element's define entry (with everything it pulls in eagerly)
// and of the drop-in file without its lazily loaded chunks; for the appointment picker also the
// chunks its booking flow loads on the way (slot details, the ticket's QR code) and the total.
// `node scripts/size.mjs`
import { gzipSync } from 'node:zlib';
import { browserOptions, build } from './bundle.mjs';

export const entries = {
  'config/define.js': 'src/config/define.ts',
  'service-card/define.js': 'src/service-card/define.ts',
  'service-card/define.js + @zheli/client + configure': 'scripts/entries/card-with-client.ts',
  'region-picker/define.js': 'src/region-picker/define.ts',
  'service-catalog/define.js': 'src/service-catalog/define.ts',
  'login-button/define.js': 'src/login-button/define.ts',
  'qr-code/define.js': 'src/qr-code/define.ts',
  'appointment-picker/define.js': 'src/appointment-picker/define.ts',
  'appointment-picker/define.js + @zheli/client + configure':
    'scripts/entries/appointment-with-client.ts',
  'evaluation/define.js': 'src/evaluation/define.ts',
  'define.js (all elements)': 'src/define.ts',
  'drop-in zheli-elements.js': 'src/browser.ts',
};

/**
 * The lazy chunks a flow loads on the way, by the source module behind the dynamic import:
 * the appointment picker loads floating-ui when slot details first open (prepared when a day is
 * chosen), and on the way to the confirm step the views of the ticket and of the problems, and
 * the QR code element with its encoder. Not counted: other locales (on a locale switch) and
 * jose (only when a page verifies a code itself).
 */
const bookingFlow = [
  'src/internal/position.ts',
  'src/qr-code/define.ts',
  'src/appointment-picker/views.ts',
];
export const flows = {
  'appointment-picker/define.js': bookingFlow,
  'appointment-picker/define.js + @zheli/client + configure': bookingFlow,
};

/** Lines measured without Lit (`lit`, `@lit/*`): what the element adds to a page that has Lit. */
export const withoutLit = {
  'qr-code/define.js without lit': 'src/qr-code/define.ts',
  'evaluation/define.js without lit': 'src/evaluation/define.ts',
};

/**
 * Bundles `entry` with code splitting, as a browser would load it: `eager` is the entry file and
 * every chunk it imports statically, `lazy` the chunks behind its dynamic imports (output paths,
 * `out/…`); `inputsOf` lists the source files in some outputs.
 */
export async function bundleGraph(entry, external = []) {
  const result = await build(
    browserOptions({
      entryPoints: { entry },
      outdir: 'out',
      splitting: true,
      write: false,
      metafile: true,
      external,
    }),
  );
  const files = new Map(
    result.outputFiles.map((file) => [file.path.split('/out/')[1], file.contents]),
  );
  const outputs = result.metafile.outputs;
  const eager = new Set();
  const lazy = new Set();
  const visit = (path) => {
    if (eager.has(path)) return;
    eager.add(path);
    for (const imported of outputs[path]?.imports ?? []) {
      if (imported.kind === 'import-statement') visit(imported.path);
      else if (imported.kind === 'dynamic-import') lazy.add(imported.path);
    }
  };
  visit('out/entry.js');
  /** @param {Iterable<string>} paths */
  const inputsOf = (paths) =>
    [...paths].flatMap((path) => Object.keys(outputs[path]?.inputs ?? {}));
  return { files, outputs, eager, lazy, inputsOf };
}

/**
 * Sums what loads eagerly: the entry file and every chunk it imports statically, not the chunks
 * behind dynamic imports (other locales, sign-in).
 * With `flow` (source modules loaded by dynamic imports), also the gzip of the chunks they load,
 * each file compressed on its own as it is served, and the total with the eager part.
 * @returns {Promise<{ bytes: number; gzip: number; lazy: { path: string; gzip: number }[]; flow?: { chunks: { path: string; gzip: number }[]; total: number } }>}
 */
async function eagerSize(entry, external = [], flow = undefined) {
  const { files, outputs, eager, lazy } = await bundleGraph(entry, external);
  // One gzip stream over the eager files together, as a bundler would ship them.
  const joined = Buffer.concat(
    [...eager].map((path) => Buffer.from(files.get(path.slice(4)) ?? [])),
  );
  const gzipOf = (path) =>
    gzipSync(files.get(path.slice(4)) ?? Buffer.alloc(0), { level: 9 }).length;
  const eagerGzip = gzipSync(joined, { level: 9 }).length;
  let flowSize;
  if (flow !== undefined) {
    // The chunk whose entry point is each flow module, and what it imports that is not eager.
    const loaded = new Set();
    const load = (path) => {
      if (eager.has(path) || loaded.has(path)) return;
      loaded.add(path);
      for (const imported of outputs[path]?.imports ?? []) {
        if (imported.kind === 'import-statement') load(imported.path);
      }
    };
    for (const module of flow) {
      const chunk = Object.keys(outputs).find((path) => outputs[path].entryPoint === module);
      if (chunk === undefined) throw new Error(`${entry} does not load ${module} lazily`);
      load(chunk);
    }
    const chunks = [...loaded].map((path) => ({ path: path.slice(4), gzip: gzipOf(path) }));
    flowSize = { chunks, total: eagerGzip + chunks.reduce((sum, chunk) => sum + chunk.gzip, 0) };
  }
  return {
    ...(flowSize === undefined ? {} : { flow: flowSize }),
    bytes: joined.length,
    gzip: eagerGzip,
    lazy: [...lazy]
      .filter((path) => !eager.has(path))
      .map((path) => ({ path: path.slice(4), gzip: gzipOf(path) })),
  };
}

/** @returns {Promise<{ name: string; bytes: number; gzip: number; lazy: { path: string; gzip: number }[] }[]>} */
export async function measure() {
  const rows = [];
  for (const [name, entry] of Object.entries(entries)) {
    rows.push({ name, ...(await eagerSize(entry, [], flows[name])) });
  }
  for (const [name, entry] of Object.entries(withoutLit)) {
    rows.push({ name, ...(await eagerSize(entry, ['lit', 'lit/*', '@lit/*', '@lit-labs/*'])) });
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = await measure();
  const width = Math.max(...rows.map((row) => row.name.length));
  for (const row of rows) {
    const kb = (row.gzip / 1024).toFixed(1).padStart(5);
    process.stdout.write(`${row.name.padEnd(width)}  ${kb} KB gzip  (${row.bytes} B minified)\n`);
    if (row.flow !== undefined) {
      for (const chunk of row.flow.chunks) {
        process.stdout.write(
          `  + on the way ${chunk.path}  ${(chunk.gzip / 1024).toFixed(1)} KB gzip\n`,
        );
      }
      const total = (row.flow.total / 1024).toFixed(1).padStart(5);
      process.stdout.write(`  = the whole booking flow  ${total} KB gzip\n`);
    }
    if (row.name.startsWith('drop-in')) {
      for (const chunk of row.lazy) {
        process.stdout.write(`  lazy ${chunk.path}  ${(chunk.gzip / 1024).toFixed(1)} KB gzip\n`);
      }
    }
  }
}
