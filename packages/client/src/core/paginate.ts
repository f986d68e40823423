/** One page of a cursor-paginated list. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * Every item of a cursor-paginated list, page after page: `fetchPage` is called with the first
 * `cursor`, then with each page's `nextCursor` until a page has none. Nothing is fetched before
 * the first item is asked for, and a consumer that stops early fetches no further page.
 */
export async function* paginate<T>(
  fetchPage: (cursor: string | undefined) => Promise<Page<T>>,
  cursor?: string,
): AsyncGenerator<T, void, undefined> {
  let next = cursor;
  do {
    const page = await fetchPage(next);
    yield* page.items;
    next = page.nextCursor ?? undefined;
  } while (next);
}
