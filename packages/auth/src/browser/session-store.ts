import type { AuthLogger } from '../core/logger.js';
import type { ValidatedTokens } from '../core/provider.js';
import {
  type AuthEventListener,
  type AuthEventMap,
  type AuthEventType,
  Emitter,
} from './events.js';
import type { AuthOptions } from './options.js';
import { type TabMessage, TabSync } from './tab-sync.js';
import type { AuthUser, SessionStorageLike, StoredSession } from './types.js';

export type SessionSource = 'this-tab' | 'other-tab';

export interface SessionStoreOptions {
  authority: string;
  clientId: string;
  storage: NonNullable<AuthOptions['storage']>;
  /** Share the session with the app's other tabs (needs BroadcastChannel). */
  syncTabs: boolean;
  /** Milliseconds a new tab waits for another to share its session. */
  tabSyncTimeoutMs: number;
  logger: AuthLogger;
}

/**
 * The one session of a browser-mode instance: kept in memory or Web Storage, shared with the
 * app's other tabs (the newest version wins, another user's never replaces it), and announced
 * through the instance's events.
 */
export class SessionStore {
  /** The cross-tab channel and refresh lock; `undefined` when tab sync is off or unsupported. */
  readonly sync: TabSync | undefined;
  /** Settles once a new tab has had its chance to receive the session from another. */
  readonly ready: Promise<void>;
  #session: StoredSession | null;
  #storage: SessionStorageLike | null;
  #storageKey: string;
  #tabSyncTimeoutMs: number;
  #logger: AuthLogger;
  #emitter = new Emitter();

  constructor(options: SessionStoreOptions) {
    this.#storage = resolveStorage(options.storage);
    this.#storageKey = `zheli-auth:${options.authority}:${options.clientId}`;
    this.#tabSyncTimeoutMs = options.tabSyncTimeoutMs;
    this.#logger = options.logger;
    this.#session = this.#read();
    if (options.syncTabs && typeof BroadcastChannel === 'function') {
      this.sync = new TabSync(this.#storageKey, (message) => this.#onTabMessage(message));
    }
    this.ready = this.#joinTabs();
  }

  get current(): StoredSession | null {
    return this.#session;
  }

  on<T extends AuthEventType>(type: T, listener: AuthEventListener<T>): () => void {
    return this.#emitter.on(type, listener);
  }

  emit<T extends AuthEventType>(type: T, event: AuthEventMap[T]): void {
    this.#emitter.emit(type, event, (error) =>
      this.#logger.error?.({ error, type }, 'an auth event listener threw'),
    );
  }

  /** Keeps `session`, tells the other tabs when it was made here, and emits `reason`. */
  set(session: StoredSession, reason: 'signed-in' | 'renewed', source: SessionSource): void {
    this.#session = session;
    this.#storage?.setItem(this.#storageKey, JSON.stringify(session));
    if (source === 'this-tab') this.sync?.post({ type: 'session', session, reason });
    this.emit(reason, { user: toUser(session), source });
  }

  /** Forgets the session here (not in the other tabs: see {@link signOutEverywhere}). */
  clear(source: SessionSource, emit = true): void {
    const had = this.#session !== null;
    this.#session = null;
    this.#storage?.removeItem(this.#storageKey);
    if (had && emit) this.emit('signed-out', { source });
  }

  /** Forgets the session here and in every other tab. */
  signOutEverywhere(emit = true): void {
    this.clear('this-tab', emit);
    this.sync?.post({ type: 'signed-out' });
  }

  close(): void {
    this.sync?.close();
  }

  #onTabMessage(message: TabMessage): void {
    switch (message.type) {
      case 'hello':
        if (this.#session) {
          this.sync?.post({ type: 'session', session: this.#session, reason: 'signed-in' });
        }
        return;
      case 'sync-request':
        if (this.#session && this.#session.version > message.after) {
          this.sync?.post({ type: 'session', session: this.#session, reason: 'renewed' });
        }
        return;
      case 'session': {
        const current = this.#session;
        if (current && current.version >= message.session.version) return;
        if (current && current.claims.sub !== message.session.claims.sub) return;
        this.set(message.session, current ? 'renewed' : 'signed-in', 'other-tab');
        return;
      }
      case 'signed-out':
        this.clear('other-tab');
        return;
    }
  }

  async #joinTabs(): Promise<void> {
    if (!this.sync || this.#session) return;
    this.sync.post({ type: 'hello' });
    const deadline = Date.now() + this.#tabSyncTimeoutMs;
    while (!this.#session && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  #read(): StoredSession | null {
    const text = this.#storage?.getItem(this.#storageKey);
    if (!text) return null;
    try {
      return JSON.parse(text) as StoredSession;
    } catch {
      return null;
    }
  }
}

function resolveStorage(storage: SessionStoreOptions['storage']): SessionStorageLike | null {
  if (storage === 'memory') return null;
  if (storage === 'session') return window.sessionStorage;
  if (storage === 'local') return window.localStorage;
  return storage;
}

/** A session from validated tokens; a refresh without a new refresh token keeps the old one. */
export function toSession(
  validated: ValidatedTokens,
  previous: StoredSession | undefined,
): StoredSession {
  return {
    accessToken: validated.tokens.access_token,
    // Rotation: a new refresh token replaces the old; a provider that does not rotate keeps it.
    refreshToken: validated.tokens.refresh_token ?? previous?.refreshToken,
    idToken: validated.idToken,
    claims: validated.claims,
    scope: validated.tokens.scope ?? previous?.scope,
    expiresAt: validated.expiresAt,
    version: Date.now() + Math.random(),
  };
}

/** What the app sees of a session: claims, never tokens. */
export function toUser(session: StoredSession): AuthUser {
  return {
    sub: session.claims.sub,
    claims: session.claims,
    scope: session.scope,
    expiresAt: session.expiresAt,
  };
}
