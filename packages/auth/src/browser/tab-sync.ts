import type { StoredSession } from './types.js';

/** Messages the tabs of one app exchange on their BroadcastChannel. */
export type TabMessage =
  | { type: 'hello'; from: string }
  | { type: 'session'; from: string; session: StoredSession; reason: 'signed-in' | 'renewed' }
  | { type: 'signed-out'; from: string }
  | { type: 'sync-request'; from: string; after: number };

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * Keeps the tabs of one app on one session: a BroadcastChannel carries sessions and sign-outs
 * (same origin only), Web Locks serialise refreshes so two tabs never spend the same rotating
 * refresh token. Without either API (old browsers, some workers) it degrades to one tab.
 */
export class TabSync {
  readonly id = crypto.randomUUID();
  #channel: BroadcastChannel | undefined;
  #lockName: string;
  #peers = new Set<string>();

  constructor(name: string, onMessage: (message: TabMessage) => void) {
    this.#lockName = `${name}:refresh`;
    if (typeof BroadcastChannel === 'function') {
      this.#channel = new BroadcastChannel(name);
      this.#channel.onmessage = (event: MessageEvent<TabMessage>) => {
        const message = event.data;
        if (!message || typeof message !== 'object' || message.from === this.id) return;
        this.#peers.add(message.from);
        onMessage(message);
      };
    }
  }

  /** True once another tab of the app has spoken on the channel. */
  get hasPeers(): boolean {
    return this.#peers.size > 0;
  }

  get enabled(): boolean {
    return this.#channel !== undefined;
  }

  post(message: DistributiveOmit<TabMessage, 'from'>): void {
    this.#channel?.postMessage({ ...message, from: this.id });
  }

  /** Runs `task` holding the app's refresh lock across tabs (Web Locks), else directly. */
  async withRefreshLock<T>(task: () => Promise<T>): Promise<T> {
    const locks = typeof navigator === 'object' ? navigator.locks : undefined;
    if (!locks || typeof locks.request !== 'function') return task();
    return locks.request(this.#lockName, { mode: 'exclusive' }, task) as Promise<T>;
  }

  close(): void {
    this.#channel?.close();
    this.#channel = undefined;
  }
}
