/**
 * `@zheli/auth/server/postgres`: sessions in a PostgreSQL table, shared by every instance of a
 * server-mode app. Needs the `pg` package (an optional peer dependency), loaded on the store's
 * first query.
 */

export type { EncryptionKey } from './server/encryption.js';
export {
  createPostgresSessionStore,
  type PostgresQueryable,
  type PostgresSessionStore,
  type PostgresSessionStoreOptions,
  postgresMigrations,
} from './server/postgres-store.js';
