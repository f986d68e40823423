import { randomInt, randomUUID } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/** A value bound to a `$n` placeholder. */
export type SqlValue = string | number | boolean | null | Date | string[] | number[] | object;

/** The result of one statement. */
interface QueryResult<Row> {
  rows: Row[];
  /** Rows inserted, updated, deleted or returned. */
  rowCount: number;
}

/** Something that runs one SQL statement with `$1`-style parameters. */
export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: SqlValue[]): Promise<QueryResult<Row>>;
}

/**
 * The one database interface the sandbox speaks, over PGlite or a real PostgreSQL. Both run the
 * same SQL: PostgreSQL 15+ features only, no extensions.
 */
export interface Database extends Queryable {
  /** The engine under it: PGlite in this process (`pglite`) or a PostgreSQL server (`postgres`). */
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in a transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T>;
  /** Runs a script of several statements (migrations), without parameters. */
  exec(sql: string): Promise<void>;
  /**
   * Who this open database is, as the owner of the Idempotency-Key claims made through it: a new
   * id each time a database is opened (each sandbox run).
   */
  readonly owner: string;
  /**
   * Whether the owner of a claim still has its database open. A claim whose owner is gone was
   * cut by a crash or a stop, and will never be finished.
   */
  ownerAlive(owner: string): Promise<boolean>;
  /** Closes PGlite, or ends the PostgreSQL pool and the connection holding the owner's lock. */
  close(): Promise<void>;
}

/** The connection a transaction runs on. */
interface Transaction extends Queryable {
  /** Runs a script of several statements, without parameters. */
  exec(sql: string): Promise<void>;
}

/** PostgreSQL's SQLSTATE of an error thrown by either driver, e.g. `23505`. */
export function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Whether a transaction failed only because it lost a race with another one, and may simply run
 * again: a deadlock (`40P01`, PostgreSQL rolled it back to break the cycle) or a serialization
 * failure (`40001`).
 */
export function isTransient(error: unknown): boolean {
  const state = sqlState(error);
  return state === '40P01' || state === '40001';
}

/** How many times a transaction runs when it keeps losing races ({@link isTransient}). */
const transactionAttempts = 4;

// DATE values stay `YYYY-MM-DD` strings: both drivers would otherwise build a Date at the
// machine's local midnight, which shifts the day in any time zone west of UTC.
const dateOid = 1082;

/** Options for {@link openPglite}. */
export interface PgliteOptions {
  /** A folder to persist to; omit for memory. */
  dataDir?: string;
  /** A `dumpDataDir()` tarball to start from (when `dataDir` is empty or omitted). */
  loadDataDir?: Blob;
}

/** Opens PGlite (WASM PostgreSQL), in memory or in a folder. */
export async function openPglite(
  options: PgliteOptions = {},
): Promise<Database & { pglite: PGlite }> {
  const db = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    parsers: { [dateOid]: (value: string) => value },
  });
  const wrap = (q: Pick<PGlite, 'query' | 'exec'>): Transaction => ({
    async query<Row>(sql: string, params: SqlValue[] = []) {
      const result = await q.query<Row>(sql, params);
      return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
    },
    async exec(sql) {
      await q.exec(sql);
    },
  });
  // One sandbox at a time opens a data dir (its pid file), and a memory database is this
  // process's alone: a claim made by any other owner was made by a run that is over.
  const owner = `pglite:${randomUUID()}`;
  return {
    kind: 'pglite',
    pglite: db,
    ...wrap(db),
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
    owner,
    ownerAlive: async (other) => other === owner,
    close: () => db.close(),
  };
}

/** The first key of the session advisory locks that prove a sandbox's database is open. */
const ownerLockSpace = 0x7a68; // "zh"

/**
 * Takes a session advisory lock `(ownerLockSpace, n)` for a fresh `n` on a connection of its own,
 * held until the database is closed or the process dies (PostgreSQL then drops the session and
 * its locks): any sandbox on the server can tell whether this one is still running.
 */
async function holdOwnerLock(
  connectionString: string,
): Promise<{ owner: string; client: pg.Client }> {
  const client = new pg.Client({ connectionString });
  client.on('error', () => {});
  await client.connect();
  try {
    for (;;) {
      const n = randomInt(1, 2 ** 31 - 1);
      const { rows } = await client.query<{ locked: boolean }>(
        'SELECT pg_try_advisory_lock($1, $2) AS locked',
        [ownerLockSpace, n],
      );
      if (rows[0]?.locked) return { owner: `pg:${n}`, client };
    }
  } catch (error) {
    await client.end().catch(() => {});
    throw error;
  }
}

/** Connects to a real PostgreSQL server through a `pg` pool. */
export async function openPostgres(
  connectionString: string,
  options: { max?: number } = {},
): Promise<Database & { pool: pg.Pool }> {
  const types = {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      oid === dateOid
        ? (value: string) => value
        : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
  };
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10, types });
  // A server that went away fails the next query; an idle client's error must not crash us.
  pool.on('error', () => {});
  let held: Awaited<ReturnType<typeof holdOwnerLock>>;
  try {
    const client = await pool.connect();
    client.release();
    held = await holdOwnerLock(connectionString);
  } catch (error) {
    await pool.end().catch(() => {});
    throw error;
  }
  const { owner, client: lockHolder } = held;
  const wrap = (q: pg.Pool | pg.PoolClient): Transaction => ({
    async query<Row>(sql: string, params: SqlValue[] = []) {
      const result = await q.query(sql, params);
      return { rows: result.rows as Row[], rowCount: result.rowCount ?? result.rows.length };
    },
    async exec(sql) {
      await q.query(sql);
    },
  });
  return {
    kind: 'postgres',
    pool,
    ...wrap(pool),
    async transaction(fn) {
      // A transaction that lost a race (deadlock victim, serialization failure) was rolled back
      // whole: run it again, a few times at most. `fn` must therefore do nothing but SQL.
      for (let attempt = 1; ; attempt++) {
        const conn = await pool.connect();
        try {
          await conn.query('BEGIN');
          const result = await fn(wrap(conn));
          await conn.query('COMMIT');
          return result;
        } catch (error) {
          await conn.query('ROLLBACK').catch(() => {});
          if (!isTransient(error) || attempt >= transactionAttempts) throw error;
        } finally {
          conn.release();
        }
        // A short random pause, so that the two sides of a deadlock do not meet again at once.
        await new Promise((done) => setTimeout(done, Math.random() * 10 * attempt));
      }
    },
    owner,
    async ownerAlive(other) {
      const n = /^pg:(\d+)$/.exec(other)?.[1];
      if (!n) return false;
      if (other === owner) return true;
      const { rows } = await pool.query<{ alive: boolean }>(
        `SELECT EXISTS (
           SELECT 1 FROM pg_locks
            WHERE locktype = 'advisory' AND granted AND objsubid = 2
              AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND classid = $1::int::oid AND objid = $2::bigint::oid
         ) AS alive`,
        [ownerLockSpace, n],
      );
      return rows[0]?.alive === true;
    },
    async close() {
      await pool.end();
      await lockHolder.end().catch(() => {});
    },
  };
}
