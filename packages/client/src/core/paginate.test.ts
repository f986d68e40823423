import { describe, expect, it } from 'vitest';
import { type Page, paginate } from './paginate.js';

/** Three pages of a list behind cursors `b` and `c`, recording the cursors asked for. */
function pages() {
  const asked: (string | undefined)[] = [];
  const book: Record<string, Page<number>> = {
    a: { items: [1, 2], nextCursor: 'b' },
    b: { items: [3], nextCursor: 'c' },
    c: { items: [4, 5], nextCursor: null },
  };
  const fetchPage = async (cursor: string | undefined) => {
    asked.push(cursor);
    return book[cursor ?? 'a'] as Page<number>;
  };
  return { asked, fetchPage };
}

describe('paginate', () => {
  it('yields every item of every page, following the cursors to the last page', async () => {
    const { asked, fetchPage } = pages();
    const items: number[] = [];
    for await (const item of paginate(fetchPage)) items.push(item);
    expect(items).toEqual([1, 2, 3, 4, 5]);
    expect(asked).toEqual([undefined, 'b', 'c']);
  });

  it('starts from the cursor given', async () => {
    const { asked, fetchPage } = pages();
    const items: number[] = [];
    for await (const item of paginate(fetchPage, 'b')) items.push(item);
    expect(items).toEqual([3, 4, 5]);
    expect(asked).toEqual(['b', 'c']);
  });

  it('fetches nothing until asked, and no further page once the consumer stops', async () => {
    const { asked, fetchPage } = pages();
    const iterator = paginate(fetchPage);
    expect(asked).toEqual([]);
    for await (const item of iterator) if (item === 2) break;
    expect(asked).toEqual([undefined]);
  });
});
