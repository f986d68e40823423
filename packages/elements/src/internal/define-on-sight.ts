import { getLogger } from './logger.js';

/** The tags still waiting for their first appearance, with the module that registers each. */
const waiting = new Map<string, () => Promise<unknown>>();
let observer: MutationObserver | undefined;
let beforeLoad: ((tag: string) => Promise<unknown>) | undefined;

/**
 * Called with each tag before its module loads, which waits for it: the drop-in's loader asks
 * the browser here for every file that module imports, all at once, and settles once each has
 * passed its integrity check (see `src/drop-in-loader.ts`).
 */
export function setBeforeLoad(hook: (tag: string) => Promise<unknown>): void {
  beforeLoad = hook;
}

/** Each tag whose load failed: how many times. */
const failed = new Map<string, number>();

/** Starts the load of every waiting tag the document now has; stops watching when none wait. */
function scan(): void {
  for (const [tag, load] of waiting) {
    if (document.querySelector(tag) === null) continue;
    waiting.delete(tag);
    // At once, unless the drop-in's loader has files to check first.
    const checked = beforeLoad?.(tag);
    (checked === undefined ? load() : checked.then(load)).catch((error: unknown) => {
      getLogger().warn(`<${tag}> could not be loaded`, error);
      // Asked for again (a dropped connection, a file that failed its check): after 2, 4, 8, 16
      // and 32 s, and when the device comes back online, whichever comes first each time.
      const times = (failed.get(tag) ?? 0) + 1;
      failed.set(tag, times);
      const again = () => {
        clearTimeout(timer);
        removeEventListener('online', again);
        defineOnSight(tag, load);
      };
      const timer = times < 6 ? setTimeout(again, 1000 << times) : undefined;
      addEventListener('online', again);
    });
  }
  if (waiting.size === 0) {
    observer?.disconnect();
    observer = undefined;
  }
}

/**
 * Loads `load` (a module that registers `tag`) the first time a `<tag>` is in the document: at
 * once when the page already has one, else when one is added (Shoelace's autoloader does the
 * same). The drop-in registers every element this way, so a page downloads only the elements it
 * shows. One observer serves every tag and stops once all have loaded. A load that fails is
 * tried again (see `scan`). Only the document's
 * light DOM is watched: an element rendered inside another shadow root is registered by the
 * element that renders it (the catalog registers its cards, the picker its ticket's QR code).
 */
export function defineOnSight(tag: string, load: () => Promise<unknown>): void {
  if (typeof document === 'undefined' || typeof customElements === 'undefined') return;
  if (customElements.get(tag) !== undefined || waiting.has(tag)) return;
  waiting.set(tag, load);
  if (observer === undefined) {
    observer = new MutationObserver(scan);
    observer.observe(document, { childList: true, subtree: true });
  }
  scan();
}
