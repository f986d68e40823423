// Loaded only when the page is inside the platform's app (`window.ZWJSBridge` is there), so pages
// outside it carry none of this nor `@zheli/bridge`.
import { type Bridge, createBridge } from '@zheli/bridge';
import { followAppLocale } from './locale-switch.js';

const bridges = new WeakMap<object, Bridge>();

/** The bridge from `@zheli/bridge` for this `window.ZWJSBridge`, made once. */
export function bridgeFor(injected: object): Bridge {
  let bridge = bridges.get(injected);
  if (!bridge) {
    bridge = createBridge();
    bridges.set(injected, bridge);
  }
  return bridge;
}

/**
 * Follows the app's style: now, and each switch the app makes while the page is open (a switch
 * that comes first is newer than the answer), while `current()` still says this bridge. A bridge
 * that fails leaves the page's own mode.
 */
async function followStyle(
  injected: object,
  current: () => boolean,
  tell: (elder: boolean) => void,
): Promise<void> {
  const bridge = bridgeFor(injected);
  let switched = false;
  const stop = bridge.onUiStyleChange((style) => {
    if (!current()) return stop();
    switched = true;
    tell(style === 'elder');
  });
  const style = await bridge.getUiStyle().catch(() => undefined);
  if (current() && !switched && style) tell(style === 'elder');
}

/**
 * Follows the app's language as `followStyle` follows its style: now, and each switch while the
 * page is open, while `current()` still says this bridge. The page's own locale wins
 * (`followAppLocale`); an app that does not say its language leaves the page's.
 */
async function followLocale(injected: object, current: () => boolean): Promise<void> {
  const bridge = bridgeFor(injected);
  let switched = false;
  const stop = bridge.onLocaleChange((locale) => {
    if (!current()) return stop();
    switched = true;
    void followAppLocale(locale);
  });
  const locale = await bridge.getLocale().catch(() => undefined);
  if (current() && !switched && locale) await followAppLocale(locale);
}

/**
 * Follows the app's style and its language while `current()` still says this bridge (what
 * `followApp` in app-container.ts starts; one export keeps that eager file small).
 */
export function follow(
  injected: object,
  current: () => boolean,
  tell: (elder: boolean) => void,
): Promise<unknown> {
  return Promise.all([followStyle(injected, current, tell), followLocale(injected, current)]);
}
