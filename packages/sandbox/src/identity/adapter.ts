import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Adapter, AdapterFactory, AdapterPayload } from 'oidc-provider';
import { writeFileAtomic } from './keys.js';

interface Entry {
  payload: AdapterPayload;
  /** Epoch milliseconds, or `null` for entries without an expiry. */
  expiresAt: number | null;
}

type Table = Map<string, Entry>;

/**
 * The provider's storage: one table per model (Session, Grant, AccessToken, RefreshToken, ...),
 * in memory, and when `dir` is set also written to `dir/<Model>.json` (atomically, after every
 * change) so a restart keeps sessions, grants and refresh tokens. Small on purpose: a sandbox
 * holds hundreds of entries, not millions, so lookups by grant or uid scan the table.
 */
export interface ProviderStore {
  factory: AdapterFactory;
  /** Waits for pending writes. */
  flush(): Promise<void>;
}

export async function openProviderStore(dir: string | null): Promise<ProviderStore> {
  const tables = new Map<string, Table>();
  const loading = new Map<string, Promise<Table>>();
  const writes = new Map<string, Promise<void>>();
  if (dir !== null) await mkdir(dir, { recursive: true, mode: 0o700 });

  async function load(model: string): Promise<Table> {
    const loaded = tables.get(model);
    if (loaded) return loaded;
    let pending = loading.get(model);
    if (!pending) {
      pending = (async () => {
        const table: Table = new Map();
        if (dir !== null) {
          try {
            const stored = JSON.parse(await readFile(join(dir, `${model}.json`), 'utf8')) as Record<
              string,
              Entry
            >;
            for (const [id, entry] of Object.entries(stored)) table.set(id, entry);
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
          }
        }
        tables.set(model, table);
        return table;
      })();
      loading.set(model, pending);
    }
    return pending;
  }

  function live(entry: Entry | undefined): entry is Entry {
    return entry !== undefined && (entry.expiresAt === null || entry.expiresAt > Date.now());
  }

  /** Queues a write of the whole table after the previous one (writes never interleave). */
  function persist(model: string, table: Table): Promise<void> {
    if (dir === null) return Promise.resolve();
    const previous = writes.get(model) ?? Promise.resolve();
    const next = previous.then(() => {
      const snapshot: Record<string, Entry> = {};
      for (const [id, entry] of table) if (live(entry)) snapshot[id] = entry;
      return writeFileAtomic(join(dir, `${model}.json`), JSON.stringify(snapshot));
    });
    writes.set(
      model,
      next.catch(() => undefined),
    );
    return next;
  }

  function scan(table: Table, predicate: (payload: AdapterPayload) => boolean) {
    for (const [id, entry] of table) {
      if (live(entry) && predicate(entry.payload)) return { id, entry };
    }
    return undefined;
  }

  const factory: AdapterFactory = (model: string): Adapter => ({
    async upsert(id, payload, expiresIn) {
      const table = await load(model);
      const expiresAt = typeof expiresIn === 'number' ? Date.now() + expiresIn * 1000 : null;
      table.set(id, { payload, expiresAt });
      await persist(model, table);
    },
    async find(id) {
      const entry = (await load(model)).get(id);
      return live(entry) ? entry.payload : undefined;
    },
    async findByUid(uid) {
      return scan(await load(model), (payload) => payload.uid === uid)?.entry.payload;
    },
    async findByUserCode(userCode) {
      return scan(await load(model), (payload) => payload.userCode === userCode)?.entry.payload;
    },
    async consume(id) {
      const table = await load(model);
      const entry = table.get(id);
      if (!entry) return;
      entry.payload = { ...entry.payload, consumed: Math.floor(Date.now() / 1000) };
      await persist(model, table);
    },
    async destroy(id) {
      const table = await load(model);
      if (table.delete(id)) await persist(model, table);
    },
    async revokeByGrantId(grantId) {
      const table = await load(model);
      let changed = false;
      for (const [id, entry] of table) {
        if (entry.payload.grantId === grantId) {
          table.delete(id);
          changed = true;
        }
      }
      if (changed) await persist(model, table);
    },
  });

  return {
    factory,
    async flush() {
      await Promise.all(writes.values());
    },
  };
}
