import { randomBytes } from 'node:crypto';
import { ZheliAuthError } from '../core/errors.js';
import type { AuthLogger } from '../core/logger.js';
import { silentLogger } from '../core/logger.js';
import { type EncryptionKey, type RecordCipher, recordCipher, subjectHash } from './encryption.js';
import type { SessionStore, StoredRecord, StoreLock } from './store.js';

/** What the store needs of a PostgreSQL client: `pg`'s `Pool` (or a `Client`), or that shape. */
export interface PostgresQueryable {
  /**
   * Runs one SQL statement with `$1`-style parameters `values`; resolves with the rows (column
   * name to value) and how many rows the statement touched. Rejects when the database fails: the
   * store then throws `store_unavailable`.
   */
  query(
    text: string,
    values?: unknown[],
  ): Promise<{ rows: Record<string, unknown>[]; rowCount: number | null }>;
}

/** Options of {@link createPostgresSessionStore}. */
export interface PostgresSessionStoreOptions {
  /**
   * The database, e.g. `postgres://bff@db.internal/partner`. The `pg` package is imported on the
   * first query, so an app that never uses this store never loads it.
   */
  connectionString?: string;
  /** A `pg` Pool of your own instead of `connectionString`; the store never ends it. */
  pool?: PostgresQueryable;
  /**
   * Keys that encrypt records at rest with AES-256-GCM, newest first: the first encrypts, all
   * decrypt. 32 bytes each, or base64 of 32 bytes (`openssl rand -base64 32`).
   */
  encryptionKeys: readonly EncryptionKey[];
  /**
   * Seconds between sweeps of expired rows (sessions, sign-ins in progress, locks); 0 sweeps
   * only when {@link PostgresSessionStore.sweep} is called. Reads never return an expired row.
   * @default 300
   */
  sweepIntervalSeconds?: number;
  /** The clock rows expire by, epoch milliseconds (tests). @default the database's clock */
  now?: () => number;
  /** Where pool and sweep errors go. */
  logger?: AuthLogger;
}

/** A `SessionStore` (from `@zheli/auth/server`) on PostgreSQL, with the `lock` and `keysOfSub` extensions. */
export interface PostgresSessionStore extends SessionStore {
  /**
   * Takes the lock `name` for `ttlMs` milliseconds as a lease row in `zheli_auth_locks`: taken
   * when the row is absent or expired, undefined while another holder's lease runs. Release
   * deletes the row only while it still holds this holder's random token.
   */
  lock(name: string, ttlMs: number): Promise<StoreLock | undefined>;
  /**
   * The store keys of the unexpired sessions of `sub`, found by the SHA-256 hash of `sub` kept
   * beside each session row (the subject itself is never stored in clear).
   */
  keysOfSub(sub: string): Promise<string[]>;
  /**
   * Creates or updates the store's tables ({@link postgresMigrations}), once for all instances
   * (under an advisory lock). Run it at start-up, or apply the SQL with your migration tool.
   */
  migrate(): Promise<void>;
  /** Deletes expired rows now; returns how many. */
  sweep(): Promise<number>;
  /** Stops the sweep and ends the pool the store opened from `connectionString`. */
  close(): Promise<void>;
}

/** The store's schema, in order; `migrate()` applies those not yet in `zheli_auth_migrations`. */
export const postgresMigrations: readonly { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
CREATE TABLE zheli_auth_records (
  key text PRIMARY KEY,
  value text NOT NULL,
  sub_hash text,
  expires_at bigint NOT NULL
);
CREATE INDEX zheli_auth_records_sub ON zheli_auth_records (sub_hash) WHERE sub_hash IS NOT NULL;
CREATE INDEX zheli_auth_records_expires ON zheli_auth_records (expires_at);
CREATE TABLE zheli_auth_locks (
  name text PRIMARY KEY,
  token text NOT NULL,
  expires_at bigint NOT NULL
);`,
  },
];

// Epoch milliseconds: the injected clock's when there is one, else the database's.
const now = (param: string) =>
  `coalesce(${param}::bigint, (extract(epoch from clock_timestamp()) * 1000)::bigint)`;

/**
 * Sessions and sign-ins in progress in a PostgreSQL table, shared by every instance of the app:
 * values encrypted (AES-256-GCM, bound to their key), an expiry on every row (reads skip expired
 * rows; a sweep deletes them), an index on the subject's hash to end all of a person's sessions,
 * and a lease row per lock (taken when absent or expired, released by compare-and-delete).
 *
 * @example
 * ```ts
 * import { createPostgresSessionStore } from '@zheli/auth/server/postgres';
 * const store = createPostgresSessionStore({
 *   connectionString: process.env.DATABASE_URL,
 *   encryptionKeys: [process.env.SESSION_KEY],
 * });
 * await store.migrate();
 * ```
 */
export function createPostgresSessionStore(
  options: PostgresSessionStoreOptions,
): PostgresSessionStore {
  const cipher: RecordCipher = recordCipher(options.encryptionKeys);
  const logger = options.logger ?? silentLogger;
  const clock = options.now;
  if (!options.pool && !options.connectionString) {
    throw new TypeError('Give the PostgreSQL store a connectionString or a pool');
  }
  let owned: Promise<{ pool: PostgresQueryable; end(): Promise<void> }> | undefined;
  let sweeper: ReturnType<typeof setInterval> | undefined;

  function connect(connectionString: string) {
    owned ??= import('pg').then(({ default: pg }) => {
      const pool = new pg.Pool({ connectionString });
      // An idle connection the server closes emits here; without a listener it would crash.
      pool.on('error', (error: unknown) =>
        logger.warn?.({ error }, 'PostgreSQL session store connection error'),
      );
      return {
        pool: {
          query: (text: string, values?: unknown[]) => pool.query(text, values),
        },
        end: () => pool.end(),
      };
    });
    return owned;
  }

  async function query(what: string, text: string, values: unknown[] = []) {
    try {
      const pool = options.pool ?? (await connect(options.connectionString as string)).pool;
      return await pool.query(text, values);
    } catch (cause) {
      throw new ZheliAuthError(
        'store_unavailable',
        `The PostgreSQL session store failed: ${what}`,
        {
          cause,
        },
      );
    }
  }

  const nowParam = () => (clock ? clock() : null);

  const store: PostgresSessionStore = {
    async get(key) {
      const { rows } = await query(
        'get',
        `SELECT value FROM zheli_auth_records WHERE key = $1 AND expires_at > ${now('$2')}`,
        [key, nowParam()],
      );
      const sealed = rows[0]?.value;
      if (typeof sealed !== 'string') return undefined;
      const record = cipher.open(key, sealed);
      if (!record) logger.warn?.({ key }, 'a stored session could not be decrypted; ignored');
      return record;
    },
    async set(key, value: StoredRecord, ttlSeconds) {
      await query(
        'set',
        `INSERT INTO zheli_auth_records (key, value, sub_hash, expires_at)
         VALUES ($1, $2, $3, ${now('$4')} + $5::bigint)
         ON CONFLICT (key) DO UPDATE
           SET value = excluded.value, sub_hash = excluded.sub_hash, expires_at = excluded.expires_at`,
        [
          key,
          cipher.seal(key, value),
          value.kind === 'session' ? subjectHash(value.sub) : null,
          nowParam(),
          Math.max(1, Math.ceil(ttlSeconds * 1000)),
        ],
      );
    },
    async delete(key) {
      await query('delete', 'DELETE FROM zheli_auth_records WHERE key = $1', [key]);
    },
    async keysOfSub(sub) {
      const { rows } = await query(
        'keysOfSub',
        `SELECT key FROM zheli_auth_records WHERE sub_hash = $1 AND expires_at > ${now('$2')}`,
        [subjectHash(sub), nowParam()],
      );
      return rows.map((row) => String(row.key));
    },
    async lock(name, ttlMs) {
      const token = randomBytes(16).toString('base64url');
      const { rowCount } = await query(
        'lock',
        `INSERT INTO zheli_auth_locks (name, token, expires_at) VALUES ($1, $2, ${now('$3')} + $4::bigint)
         ON CONFLICT (name) DO UPDATE SET token = excluded.token, expires_at = excluded.expires_at
           WHERE zheli_auth_locks.expires_at <= ${now('$3')}`,
        [name, token, nowParam(), Math.ceil(ttlMs)],
      );
      if (rowCount !== 1) return undefined;
      return {
        release: async () => {
          await query('unlock', 'DELETE FROM zheli_auth_locks WHERE name = $1 AND token = $2', [
            name,
            token,
          ]);
        },
      };
    },
    async migrate() {
      const statements = postgresMigrations
        .map(
          ({ version, sql }) => `
          IF NOT EXISTS (SELECT 1 FROM zheli_auth_migrations WHERE version = ${version}) THEN
            EXECUTE $sql$${sql}$sql$;
            INSERT INTO zheli_auth_migrations (version) VALUES (${version});
          END IF;`,
        )
        .join('\n');
      // One statement, so it runs in one transaction on one connection of a pool; the advisory
      // lock makes instances that start together apply each migration once.
      await query(
        'migrate',
        `DO $migrate$ BEGIN
          PERFORM pg_advisory_xact_lock(hashtext('zheli_auth_migrations'));
          CREATE TABLE IF NOT EXISTS zheli_auth_migrations (
            version integer PRIMARY KEY,
            applied_at timestamptz NOT NULL DEFAULT now()
          );
          ${statements}
        END $migrate$`,
      );
    },
    async sweep() {
      const records = await query(
        'sweep',
        `DELETE FROM zheli_auth_records WHERE expires_at <= ${now('$1')}`,
        [nowParam()],
      );
      const locks = await query(
        'sweep',
        `DELETE FROM zheli_auth_locks WHERE expires_at <= ${now('$1')}`,
        [nowParam()],
      );
      return (records.rowCount ?? 0) + (locks.rowCount ?? 0);
    },
    async close() {
      if (sweeper) clearInterval(sweeper);
      if (owned) await (await owned).end();
    },
  };

  const interval = options.sweepIntervalSeconds ?? 300;
  if (interval > 0) {
    sweeper = setInterval(() => {
      store.sweep().catch((error: unknown) => logger.warn?.({ error }, 'session sweep failed'));
    }, interval * 1000);
    sweeper.unref?.();
  }
  return store;
}
