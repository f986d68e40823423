import type { Bridge } from '@zheli/bridge';

/** The `window.ZWJSBridge` followed; whether it asked for the elder style; whether the URL does. */
let followed: object | undefined;
let bridgeElder = false;
let urlElder = false;
/** The `location.search` last read, so that each connect reads the URL again only when it changed. */
let search: string | undefined;

const injected = (): object | undefined =>
  (window as Window & { ZWJSBridge?: object }).ZWJSBridge || undefined;

const load = () => import('./app-bridge.js');

/** Whether the platform's app container is on the page (the emulator's arrives a moment later). */
export const inAppContainer = (): boolean => !!injected();

/**
 * The app's bridge from `@zheli/bridge`, loaded on first use and only when `window.ZWJSBridge`
 * is there: pages outside the app load none of it and wait for nothing.
 */
export function appBridge(): Promise<Bridge> | undefined {
  const found = injected();
  return found && load().then((module) => module.bridgeFor(found));
}

/**
 * Whether the platform's app container asks for elder mode: its bridge's `getUiStyle()` says so
 * (followed live through `@zheli/bridge`'s `onUiStyleChange`), or the URL carries
 * `_uiStyle=elder`.
 */
export const appElder = (): boolean => bridgeElder || urlElder;

/** The event on `window` that tells the elements the container changed: its bridge or style. */
export const appChange = 'zheli-app-change';

function tell(elder: boolean): void {
  bridgeElder = elder;
  dispatchEvent(new Event(appChange));
}

/**
 * Follows the platform's app container, when an element connects (never at import): reads the
 * URL's `_uiStyle`, and follows a new `window.ZWJSBridge` (its style and its language) or forgets
 * one that is gone, telling the elements by {@link appChange}. Outside the app no bridge code loads and no timer runs (it
 * listens for the `ZWJSBridgeReady` event of an emulator: `@zheli/bridge`'s `bridgeReadyEvent`,
 * named here so the bridge loads only when needed).
 */
export function followApp(): void {
  if (search === undefined) document.addEventListener('ZWJSBridgeReady', followApp);
  if (location.search !== search) {
    search = location.search;
    urlElder = new URLSearchParams(search).get('_uiStyle') === 'elder';
  }
  const found = injected();
  if (found === followed) return;
  followed = found;
  tell(false);
  if (found) {
    void load().then((module) => module.follow(found, () => followed === found, tell));
  }
}
