import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { migrationsDirUrl } from '../paths.js';
import type { Database } from './database.js';

/** One SQL migration file, `NNNN-name.sql`. */
export interface Migration {
  version: string;
  name: string;
  sql: string;
}

/** Reads the migrations in order. */
export async function loadMigrations(dir: URL = migrationsDirUrl): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => /^\d{4}-.+\.sql$/.test(f)).sort();
  return Promise.all(
    files.map(async (file) => ({
      version: file.slice(0, 4),
      name: file.slice(5, -4),
      sql: await readFile(new URL(file, dir), 'utf8'),
    })),
  );
}

/** A hash of every migration's text, part of the snapshot's cache key. */
export function migrationsHash(migrations: Migration[]): string {
  const hash = createHash('sha256');
  for (const m of migrations) hash.update(`${m.version}\0${m.name}\0${m.sql}\0`);
  return hash.digest('hex');
}

/**
 * Applies the migrations not yet applied, each in its own transaction, recorded in
 * `schema_migrations`. An advisory lock serializes sandboxes migrating one PostgreSQL at once.
 * Returns the versions applied.
 */
export async function migrate(db: Database, migrations?: Migration[]): Promise<string[]> {
  const all = migrations ?? (await loadMigrations());
  await db.exec(
    `CREATE TABLE IF NOT EXISTS schema_migrations (
       version text PRIMARY KEY,
       name text NOT NULL,
       applied_at timestamptz NOT NULL DEFAULT now()
     )`,
  );
  const applied: string[] = [];
  for (const migration of all) {
    const done = await db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('zheli-sandbox-migrations'))`);
      const { rows } = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [
        migration.version,
      ]);
      if (rows.length > 0) return false;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      return true;
    });
    if (done) applied.push(migration.version);
  }
  return applied;
}
