import { joinShared, type Shared, startShared } from './share.js';

/** What `getMany` answers: the items found, in the order asked, and the ids not found. */
export interface BatchResult<T> {
  items: T[];
  missing: string[];
}

/** The longest the first caller of a batch waits while more keep joining it. */
const longestWait = 250;

/**
 * The longest a batch waits that carries on a stream of callers whose previous batch left at its
 * `longestWait`: the first callers already have their answer on the way, so the rest of a long
 * stream (a list rendered in chunks for longer than 250 ms) shares one more request rather than
 * one every 250 ms.
 */
const followingWait = 1000;

/** How late a wait may end and still count as `delay` milliseconds with no caller: a frame. */
const lateBy = 16;

/**
 * Collects the ids asked for by every caller into one batch, fetched in pages of at most
 * `pageSize` ids: the batch leaves once `delay` milliseconds pass with no new id (`0`: the next
 * macrotask), and no later than the first wait that ends 250 ms after its first caller. Callers a
 * few milliseconds apart (cards a framework renders in chunks) so share one request. When
 * callers kept joining until a batch left at its 250 ms, the next batch (begun less than 250 ms
 * later) waits up to 1,000 ms instead: a stream of fifty cards 5 ms apart makes two requests, not
 * one every 250 ms. A wait that ends more than a frame late (a
 * busy or paused thread, when callers' own timers are late too) is not taken for quiet. Each
 * caller gets its own ids' items; a caller that aborts leaves, and the batch is aborted only when
 * all have left.
 */
export function createBatcher<T extends { id: string }>(
  fetchPage: (ids: string[], signal: AbortSignal) => Promise<{ items: T[] }>,
  delay: number,
  pageSize = 100,
): (ids: readonly string[], options?: { signal?: AbortSignal }) => Promise<BatchResult<T>> {
  type Batch = { ids: Set<string>; work: Shared<Map<string, T>> };
  let batch: Batch | undefined;
  // When the last batch left at its longest wait while callers were still joining it.
  let cutAt = -Infinity;
  return async (ids, options = {}) => {
    if (!batch || batch.work.controller?.signal.aborted) {
      // A caller less than `longestWait` after a batch was cut carries on its stream: the gap
      // since the last caller says nothing when the thread stalled (a response rendered, the
      // machine busy), and a new stream still leaves by quiet as soon as it pauses.
      const following = Date.now() - cutAt < longestWait;
      const current: Batch = {
        ids: new Set<string>(),
        work: startShared(async (signal) => {
          // Waits until `delay` passes with no new id, or its longest wait is over.
          const until = Date.now() + (following ? followingWait : longestWait);
          await null;
          let seen = -1;
          let late = false;
          while ((late || seen < current.ids.size) && Date.now() < until) {
            seen = current.ids.size;
            const due = Date.now() + delay;
            await new Promise((resolve) => setTimeout(resolve, delay));
            // A wait that ended a frame late (the thread was busy, or the machine's scheduler
            // paused it) is no quiet: a caller's timer due in it may not have run yet.
            late = Date.now() > due + lateBy;
          }
          if (batch === current) batch = undefined;
          // A batch that left by quiet ends its stream.
          cutAt = seen === current.ids.size ? -Infinity : Date.now();
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
