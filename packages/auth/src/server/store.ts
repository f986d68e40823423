import type { IdTokenClaims } from '../core/id-token.js';

/** A signed-in browser's session, kept on the server: the browser only holds its id. */
export interface ServerSession {
  /** Tells a session from a {@link LoginTransaction} in the same store: always `'session'`. */
  kind: 'session';
  /** The person's subject identifier at the platform: the ID token's `sub` claim. */
  sub: string;
  /** The claims of the ID token the session started or was last renewed with, checked. */
  claims: IdTokenClaims;
  /**
   * The ID token itself (a JWT); sent to the end-session endpoint as `id_token_hint` only when
   * `logoutIdTokenHint` is on, and never to the browser otherwise.
   */
  idToken: string;
  /**
   * The access token the API proxy sends as `Authorization: Bearer`; it never reaches the browser.
   */
  accessToken: string;
  /**
   * The refresh token that renews `accessToken`; undefined when the provider issued none (the
   * scope lacked `offline_access`): the session then ends when its access token expires. A
   * renewal that sends no new one keeps this one. Revoked when the session ends.
   */
  refreshToken: string | undefined;
  /**
   * The space-separated scopes the token response granted; undefined when the provider did not
   * say (the requested scope then applies). A renewal that does not say keeps this one.
   */
  scope: string | undefined;
  /** When the access token expires (epoch milliseconds, server clock). */
  expiresAt: number;
  /** When the session was created (epoch milliseconds); it ends `sessionTtlSeconds` later. */
  createdAt: number;
}

/** A sign-in in progress, between `/login` and `/callback`. */
export interface LoginTransaction {
  /**
   * Tells a sign-in in progress from a {@link ServerSession} in the same store: always `'login'`.
   */
  kind: 'login';
  /**
   * The OAuth `state` sent to the authorization endpoint (256 random bits, base64url): the
   * callback must bring it back, and the browser's sign-in cookie must hold it too. The record's
   * store key is `login:` and a hash of it; the record is deleted when the callback reads it.
   */
  state: string;
  /** The `nonce` sent with the request (256 random bits, base64url); the ID token must carry it. */
  nonce: string;
  /**
   * The PKCE code verifier (256 random bits, base64url): its S256 hash went out as
   * `code_challenge`, and the verifier itself goes with the code to the token endpoint.
   */
  codeVerifier: string;
  /**
   * Where the browser goes after the callback: a same-origin path with its query and hash, from
   * `/login?returnTo=`; `/` when that was missing or refused (another origin, control characters).
   */
  returnTo: string;
  /** When `/login` started the sign-in (epoch milliseconds, server clock); it lives 10 minutes. */
  createdAt: number;
}

/** What a {@link SessionStore} holds: plain JSON-compatible records. */
export type StoredRecord = ServerSession | LoginTransaction;

/** A lock held in the store; {@link StoreLock.release} frees it only while this holder has it. */
export interface StoreLock {
  /**
   * Frees the lock if this holder still has it; once its time to live has passed and another
   * holder took it, does nothing. Throws `store_unavailable` when the store cannot be reached.
   */
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
  /**
   * The record stored under `key`, or undefined when there is none or it has expired. Returns a
   * copy: changing it changes nothing stored until {@link SessionStore.set} is called.
   */
  get(key: string): Promise<StoredRecord | undefined>;
  /** Stores `value`; it may be dropped after `ttlSeconds`. */
  set(key: string, value: StoredRecord, ttlSeconds: number): Promise<void>;
  /** Removes the record under `key`; a key that holds nothing is not an error. */
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

  /** The record under `key` (a structured clone), or undefined once it has expired. */
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

  /**
   * Stores a structured clone of `value` for `ttlSeconds`. A sign-in in progress past
   * `maxLoginTransactions` drops the oldest one.
   */
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

  /** Removes the record under `key`, if any. */
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
