import { joinShared, type Shared, startShared } from './share.js';

/** What `getMany` answers: the items found, in the order asked, and the ids not found. */
export interface BatchResult<T> {
  items: T[];
  missing: string[];
}

/** The longest the first caller of a batch waits while more keep joining it. */
const longestWait = 250;

/**
 * Collects the ids asked for by every caller into one batch, fetched in pages of at most
 * `pageSize` ids: the batch leaves once `delay` milliseconds pass with no new id (`0`: the next
 * macrotask), and no later than the first wait that ends 250 ms after its first caller. Callers a few milliseconds
 * apart (cards a framework renders in chunks) so share one request. Each caller gets its own
 * ids' items; a caller that aborts leaves, and the batch is aborted only when all have left.
 */
export function createBatcher<T extends { id: string }>(
  fetchPage: (ids: string[], signal: AbortSignal) => Promise<{ items: T[] }>,
  delay: number,
  pageSize = 100,
): (ids: readonly string[], options?: { signal?: AbortSignal }) => Promise<BatchResult<T>> {
  type Batch = { ids: Set<string>; work: Shared<Map<string, T>> };
  let batch: Batch | undefined;
  return async (ids, options = {}) => {
    if (!batch || batch.work.controller?.signal.aborted) {
      const current: Batch = {
        ids: new Set<string>(),
        work: startShared(async (signal) => {
          // Waits until `delay` passes with no new id, and no longer than `longestWait`.
          const until = Date.now() + longestWait;
          await null;
          for (let seen = -1; seen < current.ids.size && Date.now() < until; ) {
            seen = current.ids.size;
            await new Promise((resolve) => setTimeout(resolve, delay));
          }
          if (batch === current) batch = undefined;
          const wanted = [...current.ids];
          const pages: Promise<{ items: T[] }>[] = [];
          for (let i = 0; i < wanted.length; i += pageSize) {
            pages.push(fetchPage(wanted.slice(i, i + pageSize), signal));
          }
          return new Map(
            (await Promise.all(pages)).flatMap((page) => page.items.map((item) => [item.id, item])),
          );
        }),
      };
      batch = current;
    }
    const { ids: wanted, work } = batch;
    for (const id of ids) wanted.add(id);
    const found = await joinShared(work, options.signal);
    const unique = [...new Set(ids)];
    return {
      items: unique.flatMap((id) => found.get(id) ?? []),
      missing: unique.filter((id) => !found.has(id)),
    };
  };
}
