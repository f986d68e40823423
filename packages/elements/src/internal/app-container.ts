import type { Bridge } from '@zheli/bridge';
import type { Mode } from './config.js';

type Listener = (mode: Mode | undefined) => void;

const listeners = new Set<Listener>();
/** The `window.ZWJSBridge` followed, its bridge from `@zheli/bridge`, and the style it gave. */
let followed: object | undefined;
let bridge: Promise<Bridge> | undefined;
let bridgeOf: object | undefined;
let bridgeMode: Mode | undefined;
let stopFollowing: (() => void) | undefined;
let listening = false;

function injected(): object | undefined {
  const found = (window as Window & { ZWJSBridge?: unknown }).ZWJSBridge;
  return typeof found === 'object' && found !== null ? found : undefined;
}

/** Whether the platform's app container is on the page (the emulator's arrives a moment later). */
export function inAppContainer(): boolean {
  return typeof window === 'object' && injected() !== undefined;
}

/**
 * The app's bridge from `@zheli/bridge`, loaded on first use and only when `window.ZWJSBridge`
 * is there: pages outside the app load none of it and wait for nothing.
 */
export function appBridge(): Promise<Bridge> | undefined {
  const found = inAppContainer() ? injected() : undefined;
  if (found === undefined) return undefined;
  if (found !== bridgeOf || bridge === undefined) {
    bridgeOf = found;
    bridge = import('@zheli/bridge').then((module) => module.createBridge());
  }
  return bridge;
}

function current(): Mode | undefined {
  const fromUrl = new URLSearchParams(window.location.search).get('_uiStyle') === 'elder';
  return fromUrl || bridgeMode === 'elder' ? 'elder' : undefined;
}

function tell(): void {
  const mode = current();
  for (const listener of listeners) listener(mode);
}

/** Follows the bridge on the page: its style now and each switch the app makes while open. */
async function follow(found: object, loading: Promise<Bridge>): Promise<void> {
  let switched = false;
  try {
    const loaded = await loading;
    if (followed !== found) return;
    stopFollowing = loaded.onUiStyleChange((style) => {
      switched = true;
      bridgeMode = style === 'elder' ? 'elder' : undefined;
      tell();
    });
    const style = await loaded.getUiStyle();
    // A switch that came first is newer than this answer.
    if (followed !== found || switched) return;
    bridgeMode = style === 'elder' ? 'elder' : undefined;
    tell();
  } catch {
    // A bridge that fails leaves the page's own mode.
  }
}

/** Starts following the bridge on the page when it is a new one (or stops when it is gone). */
function refresh(): void {
  const found = injected();
  if (found === followed) return;
  stopFollowing?.();
  stopFollowing = undefined;
  bridgeMode = undefined;
  const loading = found === undefined ? undefined : appBridge();
  followed = found;
  if (found !== undefined && loading !== undefined) void follow(found, loading);
  tell();
}

/**
 * Calls `listener` with the mode the platform's app container asks for, now and on each change:
 * `elder` when its bridge's `getUiStyle()` says so (followed live through `@zheli/bridge`'s
 * `onUiStyleChange`) or the URL carries `_uiStyle=elder`. Returns the function that stops
 * listening. Read when an element connects, never at import; outside the app no bridge code
 * loads and no timer runs (one listener waits for the `ZWJSBridgeReady` event of an emulator).
 */
export function watchAppContainerMode(listener: Listener): () => void {
  if (!listening) {
    listening = true;
    // `@zheli/bridge`'s `bridgeReadyEvent`, named here so the bridge loads only when needed.
    document.addEventListener('ZWJSBridgeReady', refresh);
  }
  listeners.add(listener);
  refresh();
  listener(current());
  return () => listeners.delete(listener);
}
