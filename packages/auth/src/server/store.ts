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

/**
 * Where server mode keeps sessions and sign-ins in progress. Keys are opaque (hashes of the
 * cookie value, never the cookie itself). Implement it over Redis, a database table, … to share
 * sessions between server instances.
 */
export interface SessionStore {
  get(key: string): Promise<StoredRecord | undefined>;
  /** Stores `value`; it may be dropped after `ttlSeconds`. */
  set(key: string, value: StoredRecord, ttlSeconds: number): Promise<void>;
  delete(key: string): Promise<void>;
}

/** The default store: a Map in this process, entries dropped when they expire. */
export class MemorySessionStore implements SessionStore {
  #entries = new Map<string, { value: StoredRecord; expires: number }>();
  #now: () => number;

  constructor(options: { now?: () => number } = {}) {
    this.#now = options.now ?? Date.now;
  }

  /** How many live entries the store holds (diagnostics and tests). */
  get size(): number {
    this.#sweep();
    return this.#entries.size;
  }

  async get(key: string): Promise<StoredRecord | undefined> {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expires <= this.#now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return structuredClone(entry.value);
  }

  async set(key: string, value: StoredRecord, ttlSeconds: number): Promise<void> {
    this.#sweep();
    this.#entries.set(key, {
      value: structuredClone(value),
      expires: this.#now() + ttlSeconds * 1000,
    });
  }

  async delete(key: string): Promise<void> {
    this.#entries.delete(key);
  }

  #sweep(): void {
    const now = this.#now();
    for (const [key, entry] of this.#entries) {
      if (entry.expires <= now) this.#entries.delete(key);
    }
  }
}
