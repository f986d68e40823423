import type { Bridge } from '@zheli/bridge';
import type { Mode } from './config.js';

type Listener = (mode: Mode | undefined) => void;

const listeners = new Set<Listener>();
/** The `window.ZWJSBridge` followed, and whether it asked for the elder style. */
let followed: object | undefined;
let bridgeElder = false;

const injected = (): object | undefined =>
  (window as Window & { ZWJSBridge?: object }).ZWJSBridge || undefined;

/** Whether the platform's app container is on the page (the emulator's arrives a moment later). */
export const inAppContainer = (): boolean => !!injected();

/**
 * The app's bridge from `@zheli/bridge`, loaded on first use and only when `window.ZWJSBridge`
 * is there: pages outside the app load none of it and wait for nothing.
 */
export function appBridge(): Promise<Bridge> | undefined {
  const found = injected();
  return found ? import('./app-bridge.js').then((module) => module.bridgeFor(found)) : undefined;
}

const current = (): Mode | undefined =>
  bridgeElder || new URLSearchParams(location.search).get('_uiStyle') === 'elder'
    ? 'elder'
    : undefined;

function tell(elder: boolean): void {
  bridgeElder = elder;
  for (const listener of listeners) listener(current());
}

/** Follows a new `window.ZWJSBridge`, or forgets one that is gone. */
function refresh(): void {
  const found = injected();
  if (found === followed) return;
  followed = found;
  tell(false);
  if (found) {
    void import('./app-bridge.js').then((module) =>
      module.followStyle(found, () => followed === found, tell),
    );
  }
}

/**
 * Calls `listener` with the mode the platform's app container asks for, now and on each change:
 * `elder` when its bridge's `getUiStyle()` says so (followed live through `@zheli/bridge`'s
 * `onUiStyleChange`) or the URL carries `_uiStyle=elder`. Returns the function that stops
 * listening. Read when an element connects, never at import; outside the app no bridge code
 * loads and no timer runs (one listener waits for the `ZWJSBridgeReady` event of an emulator:
 * `@zheli/bridge`'s `bridgeReadyEvent`, named here so the bridge loads only when needed).
 */
export function watchAppContainerMode(listener: Listener): () => void {
  document.addEventListener('ZWJSBridgeReady', refresh);
  listeners.add(listener);
  refresh();
  listener(current());
  return () => listeners.delete(listener);
}
