import type { Mode } from './config.js';

interface Bridge {
  getUiStyle?: () => unknown;
}

function toMode(value: unknown): Mode | undefined {
  if (value === 'elder') return 'elder';
  if (typeof value === 'object' && value !== null && 'uiStyle' in value) {
    return value.uiStyle === 'elder' ? 'elder' : undefined;
  }
  return undefined;
}

/**
 * Whether the platform's app container asks for elder mode: its bridge's `getUiStyle()` says
 * `elder` (as a string, `{ uiStyle }`, or a promise of either), or the URL carries
 * `_uiStyle=elder`. Read when an element connects, never at import.
 */
export async function appContainerMode(): Promise<Mode | undefined> {
  if (new URLSearchParams(window.location.search).get('_uiStyle') === 'elder') return 'elder';
  const bridge = (window as Window & { ZWJSBridge?: Bridge }).ZWJSBridge;
  if (typeof bridge?.getUiStyle !== 'function') return undefined;
  try {
    return toMode(await bridge.getUiStyle());
  } catch {
    return undefined;
  }
}
