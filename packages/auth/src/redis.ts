/**
 * `@zheli/auth/server/redis`: sessions on Redis, shared by every instance of a server-mode app.
 * Needs the `redis` package (an optional peer dependency), loaded on the store's first command.
 */

export type { EncryptionKey } from './server/encryption.js';
export {
  createRedisSessionStore,
  type RedisCommandClient,
  type RedisSessionStore,
  type RedisSessionStoreOptions,
} from './server/redis-store.js';
