// Inside the platform's app (浙里办): the person is signed in there already, so the app signs
// them in here with the app's one-time ticket (redeemed by the backend at `POST /auth/ticket`)
// rather than a redirect, and takes its elder style from the app, following a switch live.
// Outside the app none of this runs: `window.ZWJSBridge` is not there and never arrives.
import { type Bridge, bridgeReadyEvent, createBridge, type UiStyle } from '@zheli/bridge';
import { fetchSession } from './api.js';
import type { Mode } from './mode.js';

export interface ContainerHandlers {
  /** The ticket signed the person in: read the session again. */
  onSignedIn: () => void;
  /** The app asks for this mode (its elder style). */
  onMode: (mode: Mode) => void;
}

const toMode = (style: UiStyle): Mode => (style === 'elder' ? 'elder' : 'standard');

/** The client this app's tickets must be for, as the backend writes it into the page. */
function clientId(): string | undefined {
  return document.querySelector<HTMLMetaElement>('meta[name="zheli-client-id"]')?.content;
}

/** Exchanges the app's ticket at the backend; false when the app or the platform refused it. */
async function signInWithTicket(bridge: Bridge): Promise<boolean> {
  const client = clientId();
  const ticket = await bridge.getTicket(client ? { clientId: client } : {});
  const response = await fetch('/auth/ticket', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-zheli-csrf': '1' },
    body: JSON.stringify({ ticket }),
  });
  return response.ok;
}

/**
 * Follows the platform's app when its bridge is on the page, now (the real app injects it before
 * the page's scripts) or later (the sandbox's emulator, with `ZWJSBridgeReady`). Returns the
 * function that stops following. A ticket that fails leaves the person signed out, with 登录
 * (the redirect) still there.
 */
export function followContainer(handlers: ContainerHandlers): () => void {
  let active = true;
  let stopStyle: (() => void) | undefined;
  const start = async () => {
    if (!active) return;
    const bridge = createBridge();
    if (!(await bridge.inContainer()) || !active) return;
    stopStyle = bridge.onUiStyleChange((style) => handlers.onMode(toMode(style)));
    bridge.getUiStyle().then(
      (style) => active && handlers.onMode(toMode(style)),
      () => undefined,
    );
    if ((await fetchSession()).signedIn || !active) return;
    if ((await signInWithTicket(bridge)) && active) handlers.onSignedIn();
  };
  const run = () => {
    // No ticket (the app refused, timed out, or the platform refused it): the person stays
    // signed out here, and 登录 signs them in by redirect.
    start().catch(() => undefined);
  };
  if ('ZWJSBridge' in window) run();
  else document.addEventListener(bridgeReadyEvent, run, { once: true });
  return () => {
    active = false;
    stopStyle?.();
    document.removeEventListener(bridgeReadyEvent, run);
  };
}
