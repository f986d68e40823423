// The drop-in's entry, `dist/browser/zheli-elements.js`: the one file a page's script tag loads,
// built by `scripts/build-browser.mjs` around the build of `browser.ts` (whose files it lists).
// It asks for every file the page needs in one round: the elements' shared code, and the code of
// each element whose tag the page already has, through `<link rel="modulepreload">` (fetched and
// parsed, run only when imported); then it imports the shared code, which registers each element
// as its tag appears, and asks in one round for the files of an element that appears later.
// Without it the browser finds a file only once the file importing it has arrived: up to seven
// rounds of files one after another (three for the shared code, up to four for an element), and
// two more for the client, before an element could ask the platform for its data. In the same
// first step it opens a connection to the platform's API when `<zheli-config base-url>` names
// another origin, so that the first request does not wait for DNS, TCP and TLS once the code is in.

/** Written by the build: the files beside this one, in `chunks/`, and which a page needs. */
declare const __ZHELI_DROP_IN__: {
  /** The file names without `.js`, which the lists below name by index. */
  files: string[];
  /** `browser.ts`'s module first, then every file it imports, directly or not. */
  main: number[];
  /**
   * By tag: the element's module and every file it imports that `main` does not list; and by
   * `zheli-config[base-url]`, the client that configuration builds on first use.
   */
  elements: Record<string, number[]>;
};

const { files, main, elements } = __ZHELI_DROP_IN__;
// Served as built (from a CDN, or the folder copied to a site); an app that bundles this file
// moves it, and its bundler follows the import below: there is nothing to ask for then.
const served = new URL(import.meta.url).pathname.endsWith('/zheli-elements.js');
const requested = new Set<number>();
const url = (index: number): string => new URL(`chunks/${files[index]}.js`, import.meta.url).href;

function preload(indexes: readonly number[] = []): void {
  if (!served) return;
  for (const index of indexes) {
    if (requested.has(index)) continue;
    requested.add(index);
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.href = url(index);
    (document.head ?? document.documentElement).append(link);
  }
}

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

preload(main);
for (const [selector, indexes] of Object.entries(elements)) {
  if (document.querySelector(selector) !== null) preload(indexes);
}
preconnect();
// The main module (`main[0]`), named by the build as a path a bundler can follow.
const browser = (await import('zheli-drop-in:main' as string)) as typeof import('./browser.js');
browser.setBeforeLoad((tag) => preload(elements[tag]));

export const { configure, setLocale, setLogger } = browser;
