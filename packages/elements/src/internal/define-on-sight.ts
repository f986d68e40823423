import { getLogger } from './logger.js';

/**
 * Loads `load` (a module that registers `tag`) the first time a `<tag>` is in the document: at
 * once when the page already has one, else when one is added (Shoelace's autoloader does the
 * same). The drop-in uses it for its largest element, so pages without it never download it.
 * Only the document's light DOM is watched: an element rendered inside another shadow root
 * needs its define module imported directly.
 */
export function defineOnSight(tag: string, load: () => Promise<unknown>): void {
  if (typeof document === 'undefined' || typeof customElements === 'undefined') return;
  if (customElements.get(tag) !== undefined) return;
  const start = (): void => {
    observer.disconnect();
    load().catch((error: unknown) => getLogger().warn(`<${tag}> could not be loaded`, error));
  };
  const observer = new MutationObserver(() => {
    if (document.querySelector(tag) !== null) start();
  });
  if (document.querySelector(tag) !== null) start();
  else observer.observe(document, { childList: true, subtree: true });
}
