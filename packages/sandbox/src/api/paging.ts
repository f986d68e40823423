import { createHash } from 'node:crypto';
import { invalid } from './problems.js';

/**
 * Opaque cursors: the offset of the next page and a fingerprint of the filters it belongs to,
 * base64url-encoded. A cursor used with other filters is a `400` naming `query.cursor`.
 */
function encodeCursor(offset: number, filters: unknown): string {
  return Buffer.from(JSON.stringify({ o: offset, f: fingerprint(filters) })).toString('base64url');
}

/** The offset a cursor points at (0 without one). */
export function decodeCursor(cursor: string | undefined, filters: unknown): number {
  if (cursor === undefined) return 0;
  // Any JSON at all: `null` too, which has no fields to read.
  let parsed: { o?: unknown; f?: unknown } | null;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as typeof parsed;
  } catch {
    invalid([{ field: 'query.cursor', code: 'invalid', message: 'is not a cursor of this list' }]);
  }
  if (
    !Number.isInteger(parsed?.o) ||
    (parsed?.o as number) < 0 ||
    parsed?.f !== fingerprint(filters)
  ) {
    invalid([
      {
        field: 'query.cursor',
        code: 'invalid',
        message: 'is not a cursor of this list (pass it back with the same filters)',
      },
    ]);
  }
  return parsed?.o as number;
}

function fingerprint(filters: unknown): string {
  return createHash('sha256').update(JSON.stringify(filters)).digest('base64url').slice(0, 10);
}

/** A page of `limit` items from rows fetched with `limit + 1`, and the next cursor. */
export function page<T>(
  rows: T[],
  offset: number,
  limit: number,
  filters: unknown,
): { items: T[]; nextCursor: string | null } {
  const more = rows.length > limit;
  return {
    items: more ? rows.slice(0, limit) : rows,
    nextCursor: more ? encodeCursor(offset + limit, filters) : null,
  };
}
