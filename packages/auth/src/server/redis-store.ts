import { randomBytes } from 'node:crypto';
import { ZheliAuthError } from '../core/errors.js';
import type { AuthLogger } from '../core/logger.js';
import { silentLogger } from '../core/logger.js';
import { type EncryptionKey, type RecordCipher, recordCipher, subjectHash } from './encryption.js';
import type { SessionStore, StoredRecord, StoreLock } from './store.js';

/**
 * What the store needs of a Redis client: node-redis's `sendCommand` (the `redis` package,
 * v6), or anything of that shape (a cluster is not supported: the scripts touch two keys).
 */
export interface RedisCommandClient {
  /**
   * Sends one command (`['SET', key, value, 'PX', '1000']`) and resolves with Redis's reply
   * (`'OK'`, a string, an array, or null). Rejects when the command fails or the connection is
   * down: the store then throws `store_unavailable`.
   */
  sendCommand(args: readonly string[]): Promise<unknown>;
}

/** Options of {@link createRedisSessionStore}. */
export interface RedisSessionStoreOptions {
  /**
   * The server, e.g. `redis://:password@sessions.internal:6379/0` (`rediss://` for TLS). The
   * `redis` package is imported on the first command, so an app that never uses this store
   * never loads it. Commands fail at once while the connection is down (no offline queue).
   */
  url?: string;
  /** A connected client of your own instead of `url`; the store never closes it. */
  client?: RedisCommandClient;
  /**
   * Keys that encrypt records at rest with AES-256-GCM, newest first: the first encrypts, all
   * decrypt. 32 bytes each, or base64 of 32 bytes (`openssl rand -base64 32`). To rotate, put a
   * new key first and drop the old one after the session TTL.
   */
  encryptionKeys: readonly EncryptionKey[];
  /** Prefix of every key the store writes. @default 'zheli:auth:' */
  prefix?: string;
  /** Where connection errors go (they are also thrown as `store_unavailable`). */
  logger?: AuthLogger;
}

/** A `SessionStore` (from `@zheli/auth/server`) on Redis, with the `lock` and `keysOfSub` extensions. */
export interface RedisSessionStore extends SessionStore {
  /**
   * Takes the lock `name` for `ttlMs` milliseconds (`SET <prefix>lock:<name> NX PX` with a random
   * token), undefined while another holder has it. Release deletes the key only while it still
   * holds this holder's token.
   */
  lock(name: string, ttlMs: number): Promise<StoreLock | undefined>;
  /**
   * The store keys of the live sessions of `sub`, from the subject's index set
   * (`<prefix>sub:<SHA-256 of sub>`); entries whose session has expired are dropped on the way.
   */
  keysOfSub(sub: string): Promise<string[]>;
  /** Closes the connection the store opened from `url` (not a `client` passed in). */
  close(): Promise<void>;
}

// Sets a session and adds it to its subject's index, which lives as long as its longest session.
const setSessionScript = `
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
redis.call('SADD', KEYS[2], ARGV[3])
if redis.call('PTTL', KEYS[2]) < tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[2], ARGV[2]) end
return 1`;

// The subject's live sessions; members whose session has gone are dropped on the way.
const keysOfSubScript = `
local live = {}
for _, member in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  if redis.call('EXISTS', ARGV[1] .. member) == 1 then table.insert(live, member)
  else redis.call('SREM', KEYS[1], member) end
end
return live`;

// Deletes the lock only while it holds this holder's token.
const releaseScript = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * Sessions and sign-ins in progress on Redis, shared by every instance of the app: each record
 * is a key whose TTL is the record's, its value encrypted (AES-256-GCM, bound to its key); a
 * subject index (`sub:<hash>`) to end all of a person's sessions; a lock (`SET NX PX` with a
 * random token, released by compare-and-delete) so one instance refreshes a session at a time.
 *
 * @example
 * ```ts
 * import { createRedisSessionStore } from '@zheli/auth/server/redis';
 * const store = createRedisSessionStore({
 *   url: process.env.REDIS_URL,
 *   encryptionKeys: [process.env.SESSION_KEY, process.env.SESSION_KEY_PREVIOUS].filter(Boolean),
 * });
 * const bff = createAuthHandler({ ...options, store });
 * ```
 */
export function createRedisSessionStore(options: RedisSessionStoreOptions): RedisSessionStore {
  const cipher: RecordCipher = recordCipher(options.encryptionKeys);
  const prefix = options.prefix ?? 'zheli:auth:';
  const logger = options.logger ?? silentLogger;
  if (!options.client && !options.url)
    throw new TypeError('Give the Redis store a url or a client');
  let owned: Promise<{ client: RedisCommandClient; close(): Promise<void> }> | undefined;

  function connect(url: string) {
    owned ??= (async () => {
      const { createClient } = await import('redis');
      let connected = false;
      const client = createClient({
        url,
        disableOfflineQueue: true,
        socket: {
          // Once connected, reconnect for ever; a first connection gives up after a few tries so
          // the request fails (the next one tries again).
          reconnectStrategy: (retries: number, cause: Error) =>
            connected ? Math.min(50 * 2 ** retries, 2000) : retries < 3 ? 100 : cause,
        },
      });
      client.on('error', (error: unknown) =>
        logger.warn?.({ error }, 'Redis session store connection error'),
      );
      try {
        await client.connect();
      } catch (error) {
        owned = undefined;
        throw error;
      }
      connected = true;
      // While the connection is down, commands fail at once (no offline queue): fail closed.
      return { client, close: () => client.close() };
    })();
    return owned;
  }

  async function send(args: string[]): Promise<unknown> {
    try {
      const client = options.client ?? (await connect(options.url as string)).client;
      return await client.sendCommand(args);
    } catch (cause) {
      throw new ZheliAuthError('store_unavailable', `The Redis session store failed: ${args[0]}`, {
        cause,
      });
    }
  }

  const ms = (seconds: number) => String(Math.max(1, Math.ceil(seconds * 1000)));

  return {
    async get(key) {
      const sealed = await send(['GET', prefix + key]);
      if (typeof sealed !== 'string') return undefined;
      const record = cipher.open(key, sealed);
      if (!record) logger.warn?.({ key }, 'a stored session could not be decrypted; ignored');
      return record;
    },
    async set(key, value: StoredRecord, ttlSeconds) {
      const sealed = cipher.seal(key, value);
      if (value.kind === 'session') {
        const index = `${prefix}sub:${subjectHash(value.sub)}`;
        await send([
          'EVAL',
          setSessionScript,
          '2',
          prefix + key,
          index,
          sealed,
          ms(ttlSeconds),
          key,
        ]);
      } else {
        await send(['SET', prefix + key, sealed, 'PX', ms(ttlSeconds)]);
      }
    },
    async delete(key) {
      await send(['DEL', prefix + key]);
    },
    async keysOfSub(sub) {
      const index = `${prefix}sub:${subjectHash(sub)}`;
      const keys = await send(['EVAL', keysOfSubScript, '1', index, prefix]);
      return Array.isArray(keys) ? keys.map(String) : [];
    },
    async lock(name, ttlMs) {
      const key = `${prefix}lock:${name}`;
      const token = randomBytes(16).toString('base64url');
      const taken = await send(['SET', key, token, 'NX', 'PX', String(Math.ceil(ttlMs))]);
      if (taken !== 'OK') return undefined;
      return {
        release: async () => {
          await send(['EVAL', releaseScript, '1', key, token]);
        },
      };
    },
    async close() {
      if (owned) await (await owned).close();
    },
  };
}
