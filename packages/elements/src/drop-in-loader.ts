// The drop-in's entry, `dist/browser/zheli-elements.js`: the one file a page's script tag loads,
// built by `scripts/build-browser.mjs` around the build of `browser.ts` (whose files it lists).
// It asks for every file the page needs in one round: the elements' shared code, and the code of
// each element whose tag the page already has, through `<link rel="modulepreload" integrity>`
// (fetched, checked against the file's SHA-256 and parsed, run only when imported); once those
// have passed it imports the shared code, which registers each element as its tag appears, and
// asks in one round for the files of an element that appears later. The chunks' own `import()`s
// come here first too, so the script tag's one integrity hash (of this file, which holds every
// file's) covers every byte the drop-in runs.
// Without it the browser finds a file only once the file importing it has arrived: up to seven
// rounds of files one after another (three for the shared code, up to four for an element), and
// two more for the client, before an element could ask the platform for its data. In the same
// first step it opens a connection to the platform's API when `<zheli-config base-url>` names
// another origin, so that the first request does not wait for DNS, TCP and TLS once the code is in.

/** Written by the build: the files beside this one, in `chunks/`, what each imports, and which a page needs. */
declare const __ZHELI_DROP_IN__: {
  /** The file names without `.js`, `browser.ts`'s module first; the lists below name them by index. */
  files: string[];
  /** Each file's Subresource Integrity hash (`sha256-…`). */
  integrity: string[];
  /** The files each file imports statically. */
  imports: number[][];
  /**
   * By tag, the element's module; and by `zheli-config[base-url]`, the client that
   * configuration builds on first use.
   */
  elements: Record<string, number>;
};

const { files, integrity, imports, elements } = __ZHELI_DROP_IN__;
// Served as built (from a CDN, or the folder copied to a site); an app that bundles this file
// moves it, and its bundler follows the import below: there is nothing to ask for then.
const served = new URL(import.meta.url).pathname.endsWith('/zheli-elements.js');
const url = (index: number): string => new URL(`chunks/${files[index]}.js`, import.meta.url).href;

/**
 * Whether the browser has `<link rel="modulepreload">`. One without (Safari before 17) fetches
 * nothing for such a link and fires no event on it: it loads the files by import, one level of
 * imports after another and unchecked, as a page without the loader would.
 */
const preloads = document.createElement('link').relList.supports?.('modulepreload') === true;

/** Each file asked for, until it has loaded and passed its integrity check. */
const checked = new Map<number, Promise<void>>();

/**
 * Fetches a file through `<link rel="modulepreload" integrity>`: the browser runs nothing yet,
 * and keeps the module to run when it is imported. A file that fails its check (or does not
 * arrive) rejects, and is asked for again by the next load that needs it; the browser would
 * fetch it again, unchecked, for an import, so nothing imports a file that has not passed.
 */
function check(index: number): Promise<void> {
  let loaded = checked.get(index);
  if (loaded !== undefined) return loaded;
  const href = url(index);
  loaded = new Promise<void>((resolve, reject) => {
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.integrity = integrity[index] ?? '';
    link.href = href;
    link.onload = () => resolve();
    link.onerror = () => {
      checked.delete(index);
      link.remove();
      reject(new Error(`${href} did not load, or failed its integrity check`));
    };
    (document.head ?? document.documentElement).append(link);
  });
  checked.set(index, loaded);
  return loaded;
}

/**
 * Asks at once for `index` and every file it imports, directly or not (each once a page), and
 * settles when all have passed their integrity checks: what is imported then runs only checked
 * code. Nothing to ask for when bundled by an app, nor in a browser without `modulepreload`.
 */
function load(index: number | undefined): Promise<unknown> {
  if (!served || !preloads || index === undefined) return Promise.resolve();
  const all = new Set([index]);
  for (const file of all) for (const imported of imports[file] ?? []) all.add(imported);
  return Promise.all([...all].map(check));
}

type Loaders = Map<string, (file: string) => Promise<unknown>>;
const key = Symbol.for('zheli.drop-in');
const shared = globalThis as { [key]?: Loaders };
shared[key] ??= new Map();
/**
 * The drop-in's chunks load the rest of their code through this loader (the build wraps each of
 * their `import()`s): the file and what it imports are checked first. Kept by the folder the
 * chunks are in, so that two copies of the drop-in on a page each check their own files.
 */
shared[key].set(new URL('chunks/', import.meta.url).href, (file) => {
  const index = files.indexOf(file.replace(/\.js$/, ''));
  return index < 0 ? Promise.reject(new Error(`${file} is not in the drop-in`)) : load(index);
});

/** The origins connected to: the page's own needs none. */
const connected = new Set([location.origin]);

/**
 * A `<link rel="preconnect">` to each API origin a `<zheli-config base-url>` on the page names
 * (resolved as the client resolves it), once an origin: the browser opens the connection while
 * the code loads. `crossorigin`: the client's requests carry no cookies, and the browser keeps
 * the connections of such requests apart from those that do. A configuration added later has
 * its elements' code loaded already: its first request opens the connection as soon.
 */
function preconnect(): void {
  for (const config of document.querySelectorAll('zheli-config[base-url]')) {
    let base: URL;
    try {
      base = new URL(config.getAttribute('base-url') ?? '', document.baseURI);
    } catch {
      continue;
    }
    if (!/^https?:$/.test(base.protocol) || connected.has(base.origin)) continue;
    connected.add(base.origin);
    const link = document.createElement('link');
    link.rel = 'preconnect';
    link.href = base.origin;
    link.crossOrigin = 'anonymous';
    (document.head ?? document.documentElement).append(link);
  }
}

const main = load(0);
for (const [selector, index] of Object.entries(elements)) {
  // Asked for now, checked when the element loads (its rejection is handled there).
  if (document.querySelector(selector) !== null) load(index).catch(() => {});
}
preconnect();
await main;
// The main module (`files[0]`), named by the build as a path a bundler can follow.
const browser = (await import('zheli-drop-in:main' as string)) as typeof import('./browser.js');
browser.setBeforeLoad((tag) => load(elements[tag]));

export const { configure, setLocale, setLogger } = browser;
