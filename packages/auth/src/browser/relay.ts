/**
 * Carries an authorization response from the page it lands on (a sign-in popup or a silent
 * iframe) to the page that started the sign-in: `postMessage` to the opener or parent, and a
 * BroadcastChannel for when the opener reference is gone (cross-origin hops can sever it).
 * The receiving side acts only on a same-origin URL whose `state` it is waiting for.
 */

/** The message the popup or frame sends; nothing else is accepted. */
interface RelayMessage {
  type: 'zheli-auth:callback';
  url: string;
}

/** The popup, frame or page the callback landed in: what {@link relayToOpener} reads of `window`. */
export interface RelayWindow {
  name: string;
  opener: unknown;
  parent: unknown;
  location: { origin: string };
  close(): void;
}

/** Names a sign-in popup's window so the callback page can tell it is one. */
export const popupNamePrefix = 'zheli-auth-popup-';

/** The BroadcastChannel name a client's relays meet on. */
export function relayChannelName(clientId: string): string {
  return `zheli-auth-callback:${clientId}`;
}

/**
 * In a sign-in popup or silent iframe: hands the response URL to the page that opened it and
 * returns `true` (a popup also closes itself). In a top-level page it does nothing and returns
 * `false`.
 */
export function relayToOpener(url: string, clientId: string, win: RelayWindow): boolean {
  // Browsers may clear `window.name` on cross-site navigations, so it is not relied on alone.
  const isPopup =
    (win.opener !== null && win.opener !== win) || win.name.startsWith(popupNamePrefix);
  const isFrame = !isPopup && win.parent !== win;
  if (!isPopup && !isFrame) return false;
  const message: RelayMessage = { type: 'zheli-auth:callback', url };
  const target = (isPopup ? win.opener : win.parent) as Pick<Window, 'postMessage'> | null;
  try {
    target?.postMessage(message, win.location.origin);
  } catch {
    // The opener may be gone or cross-origin; the BroadcastChannel below still reaches it.
  }
  const channel = new BroadcastChannel(relayChannelName(clientId));
  channel.postMessage(message);
  channel.close();
  if (isPopup) win.close();
  return true;
}

/**
 * The opening page's side: waits for the response of each pending sign-in by its `state`.
 * Listens (lazily, from the first `wait`) on the relay channel and on `window` messages from
 * this origin.
 */
export class CallbackRelay {
  #origin: string;
  #channelName: string;
  #target: EventTarget | undefined;
  #channel: BroadcastChannel | undefined;
  #pending = new Map<string, (url: string) => void>();
  #onWindowMessage = (event: Event) => {
    const { origin, data } = event as MessageEvent;
    if (origin === this.#origin) this.receive(data);
  };

  /**
   * @param origin This page's origin: relayed URLs and `window` messages must come from it.
   * @param target Where `window` messages arrive (`window`); none in workers and tests.
   */
  constructor(clientId: string, origin: string, target?: EventTarget) {
    this.#channelName = relayChannelName(clientId);
    this.#origin = origin;
    this.#target = target;
  }

  /** Resolves with the response URL whose `state` is `stateId`, whenever it arrives. */
  wait(stateId: string): Promise<string> {
    if (!this.#channel) {
      this.#channel = new BroadcastChannel(this.#channelName);
      this.#channel.onmessage = (event) => this.receive(event.data);
      this.#target?.addEventListener('message', this.#onWindowMessage);
    }
    return new Promise((resolve) => this.#pending.set(stateId, resolve));
  }

  /** Stops waiting for `stateId` (the sign-in finished or gave up). */
  cancel(stateId: string): void {
    this.#pending.delete(stateId);
  }

  /** Settles the pending sign-in a relayed message names; anything else is ignored. */
  receive(data: unknown): void {
    if (typeof data !== 'object' || data === null) return;
    const { type, url } = data as { type?: unknown; url?: unknown };
    if (type !== 'zheli-auth:callback' || typeof url !== 'string') return;
    let stateId: string | null;
    try {
      const parsed = new URL(url);
      if (parsed.origin !== this.#origin) return;
      stateId = parsed.searchParams.get('state');
    } catch {
      return;
    }
    const resolve = stateId === null ? undefined : this.#pending.get(stateId);
    if (!resolve || stateId === null) return;
    this.#pending.delete(stateId);
    resolve(url);
  }

  close(): void {
    this.#channel?.close();
    this.#channel = undefined;
    this.#target?.removeEventListener('message', this.#onWindowMessage);
  }
}
