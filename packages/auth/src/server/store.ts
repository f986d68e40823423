import type { IdTokenClaims } from '../core/id-token.js';

/** A signed-in browser's session, kept on the server: the browser only holds its id. */
export interface ServerSession {
  kind: 'session';
  sub: string;
  claims: IdTokenClaims;
  idToken: string;
  accessToken: string;
  refreshToken: string | undefined;
  scope: string | undefined;
  /** When the access token expires (epoch milliseconds, server clock). */
  expiresAt: number;
  /** When the session was created (epoch milliseconds); it ends `sessionTtlSeconds` later. */
  createdAt: number;
}

/** A sign-in in progress, between `/login` and `/callback`. */
export interface LoginTransaction {
  kind: 'login';
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
  createdAt: number;
}

/** What a {@link SessionStore} holds: plain JSON-compatible records. */
export type StoredRecord = ServerSession | LoginTransaction;

/** A lock held in the store; {@link StoreLock.release} frees it only while this holder has it. */
export interface StoreLock {
  release(): Promise<void>;
}

/**
 * Where server mode keeps sessions and sign-ins in progress. Keys are opaque (hashes of the
 * cookie value, never the cookie itself). `@zheli/auth/server/redis` and
 * `@zheli/auth/server/postgres` share sessions between server instances; implement it over
 * another engine the same way. A failing store throws (`store_unavailable`): the handler then
 * answers 503 and never treats the request as signed in.
 */
export interface SessionStore {
  get(key: string): Promise<StoredRecord | undefined>;
  /** Stores `value`; it may be dropped after `ttlSeconds`. */
  set(key: string, value: StoredRecord, ttlSeconds: number): Promise<void>;
  delete(key: string): Promise<void>;
  /**
   * Takes the lock `name` for `ttlMs` unless someone holds it (undefined then). With it, one
   * instance refreshes a session's tokens while the others wait and reuse them: a rotating
   * refresh token presented twice makes the provider revoke the whole grant. Without it, refreshes
   * are single-flight within this process only.
   */
  lock?(name: string, ttlMs: number): Promise<StoreLock | undefined>;
  /** The keys of the live sessions of `sub`, to end them all (`handler.endSessionsOf`). */
  keysOfSub?(sub: string): Promise<string[]>;
}

/** Below this many entries the store never sweeps on a write (reads drop expired entries). */
const minimumSweepSize = 1024;

/** Options of {@link MemorySessionStore}. */
export interface MemorySessionStoreOptions {
  /** The clock entries expire by (tests). @default Date.now */
  now?: () => number;
  /**
   * How many sign-ins in progress (`/login` without its callback yet) the store keeps; past it
   * the oldest is dropped. `/login` needs no session, so without a bound anyone could fill the
   * server's memory. A dropped sign-in fails at the callback with `state_mismatch`.
   * @default 10000
   */
  maxLoginTransactions?: number;
}

/**
 * The default store: Maps in this process, entries dropped when they expire. Sign-ins in
 * progress are capped (oldest dropped first); expired entries are swept whenever the store has
 * doubled since the last sweep, so a write costs O(1) amortised, never a walk of every entry.
 */
export class MemorySessionStore implements SessionStore {
  #sessions = new Map<string, { value: StoredRecord; expires: number }>();
  /** Sign-ins in progress, oldest first (insertion order). */
  #logins = new Map<string, { value: StoredRecord; expires: number }>();
  #now: () => number;
  #maxLogins: number;
  #sweepAbove = minimumSweepSize;

  constructor(options: MemorySessionStoreOptions = {}) {
    this.#now = options.now ?? Date.now;
    this.#maxLogins = options.maxLoginTransactions ?? 10_000;
  }

  /** How many live entries the store holds (diagnostics and tests). */
  get size(): number {
    this.#sweep();
    return this.#sessions.size + this.#logins.size;
  }

  async get(key: string): Promise<StoredRecord | undefined> {
    const map = this.#sessions.has(key) ? this.#sessions : this.#logins;
    const entry = map.get(key);
    if (!entry) return undefined;
    if (entry.expires <= this.#now()) {
      map.delete(key);
      return undefined;
    }
    return structuredClone(entry.value);
  }

  async set(key: string, value: StoredRecord, ttlSeconds: number): Promise<void> {
    this.#sessions.delete(key);
    this.#logins.delete(key);
    const entry = { value: structuredClone(value), expires: this.#now() + ttlSeconds * 1000 };
    if (value.kind === 'login') {
      this.#logins.set(key, entry);
      for (const oldest of this.#logins.keys()) {
        if (this.#logins.size <= this.#maxLogins) break;
        this.#logins.delete(oldest);
      }
    } else {
      this.#sessions.set(key, entry);
    }
    if (this.#sessions.size + this.#logins.size > this.#sweepAbove) this.#sweep();
  }

  async delete(key: string): Promise<void> {
    this.#sessions.delete(key);
    this.#logins.delete(key);
  }

  /** A walk of this process's sessions: the memory store serves one instance. */
  async keysOfSub(sub: string): Promise<string[]> {
    const now = this.#now();
    const keys: string[] = [];
    for (const [key, entry] of this.#sessions) {
      if (entry.expires > now && entry.value.kind === 'session' && entry.value.sub === sub) {
        keys.push(key);
      }
    }
    return keys;
  }

  #sweep(): void {
    const now = this.#now();
    for (const map of [this.#sessions, this.#logins]) {
      for (const [key, entry] of map) {
        if (entry.expires <= now) map.delete(key);
      }
    }
    this.#sweepAbove = Math.max(minimumSweepSize, 2 * (this.#sessions.size + this.#logins.size));
  }
}
