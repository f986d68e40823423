// Idempotency keys, as Stripe and the IETF draft describe them: the first response for a key is
// stored (4xx errors included, 5xx never: a transient failure releases the key) and replayed for
// a retry with the same request; the same key with another request is 422; a retry while the
// first is still running is 409. Keys are scoped to the client and the person and kept for 24
// hours. A claim records the open database (the sandbox run) that made it: when that run is gone
// (a crash, a stop that had to cut requests), a retry takes the claim over at once.
import { createHash } from 'node:crypto';
import type { Database, Queryable } from '../db/database.js';
import { ApiError, asApiError, problemBody, problemHeaders } from './problems.js';

/** How long a key is kept. */
export const keyLifetimeMs = 24 * 60 * 60 * 1000;
/**
 * An 'in progress' key older than this belongs to a request that died: a retry takes it over.
 * Only for claims whose owner is unknown (made before owners were recorded) or still running.
 */
const abandonedAfterMs = 60 * 1000;

/** The stored response of a key. */
export interface StoredResponse {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

/** JSON with sorted keys, so the same body hashes the same whatever its key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** The fingerprint of a request: method, path and body. */
export function requestHash(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method} ${path}\n${canonical(body)}`)
    .digest('hex');
}

interface KeyRow {
  request_hash: string;
  state: 'in_progress' | 'done';
  owner: string | null;
  response_status: number | null;
  response_headers: Record<string, string> | null;
  response_body: unknown;
  created_at: Date;
}

/**
 * Runs `run` once per key: claims the key (a row 'in progress', inserted and committed on its
 * own before the work starts), runs the work in a transaction that also stores its response, and
 * replays that response for later requests with the same key.
 */
export async function idempotent(options: {
  db: Database;
  scope: { clientId: string; sub: string; key: string };
  hash: string;
  now: Date;
  traceId: string;
  instance: string;
  /** Awaited once the key is claimed, before the work's transaction begins. */
  beforeRun?: () => Promise<void>;
  run: (tx: Queryable) => Promise<StoredResponse>;
}): Promise<StoredResponse> {
  const { db, scope, hash, now } = options;
  const ids = [scope.clientId, scope.sub, scope.key];

  for (let attempt = 0; ; attempt++) {
    const claimed = await db.query(
      `INSERT INTO idempotency_keys (client_id, sub, key, request_hash, state, created_at, owner)
       VALUES ($1, $2, $3, $4, 'in_progress', $5, $6)
       ON CONFLICT (client_id, sub, key) DO NOTHING
       RETURNING 1`,
      [...ids, hash, now, db.owner],
    );
    if (claimed.rows.length > 0) break;
    const { rows } = await db.query<KeyRow>(
      `SELECT request_hash, state, owner, response_status, response_headers, response_body, created_at
         FROM idempotency_keys WHERE client_id = $1 AND sub = $2 AND key = $3`,
      ids,
    );
    const row = rows[0];
    if (!row) continue; // deleted meanwhile: claim it again
    const age = now.getTime() - row.created_at.getTime();
    if (age >= keyLifetimeMs && attempt < 3) {
      // Expired: forget it, then claim it afresh.
      await db.query(
        `DELETE FROM idempotency_keys
          WHERE client_id = $1 AND sub = $2 AND key = $3 AND created_at = $4`,
        [...ids, row.created_at],
      );
      continue;
    }
    if (row.request_hash !== hash) {
      throw new ApiError(
        'idempotency_conflict',
        'The Idempotency-Key was first used with another request body.',
      );
    }
    if (row.state === 'done') {
      return {
        status: row.response_status ?? 500,
        body: row.response_body,
        headers: { ...(row.response_headers ?? {}), 'Idempotent-Replayed': 'true' },
      };
    }
    // The request that claimed the key was cut (its sandbox crashed or stopped), or has run for
    // so long that it must have died: take the claim over, unless another retry just did.
    const orphaned = row.owner !== null && !(await db.ownerAlive(row.owner));
    if (orphaned || age >= abandonedAfterMs) {
      const taken = await db.query(
        `UPDATE idempotency_keys SET created_at = $4, owner = $6
          WHERE client_id = $1 AND sub = $2 AND key = $3 AND state = 'in_progress' AND created_at = $5
            AND owner IS NOT DISTINCT FROM $7
          RETURNING 1`,
        [...ids, now, row.created_at, db.owner, row.owner],
      );
      if (taken.rows.length > 0) break;
    }
    throw new ApiError(
      'idempotency_in_progress',
      'A request with this Idempotency-Key is still being handled; retry in a moment.',
      { headers: { 'Retry-After': '1' } },
    );
  }

  const store = (q: Queryable, response: StoredResponse) =>
    q.query(
      `UPDATE idempotency_keys
          SET state = 'done', response_status = $4, response_headers = $5::jsonb, response_body = $6::jsonb
        WHERE client_id = $1 AND sub = $2 AND key = $3`,
      [...ids, response.status, JSON.stringify(response.headers), JSON.stringify(response.body)],
    );

  try {
    await options.beforeRun?.();
    return await db.transaction(async (tx) => {
      const response = await options.run(tx);
      await store(tx, response);
      return response;
    });
  } catch (error) {
    const release = () =>
      db
        .query('DELETE FROM idempotency_keys WHERE client_id = $1 AND sub = $2 AND key = $3', ids)
        .catch(() => {});
    // The work failed and rolled back. A refusal (4xx) is the key's response too; a failure of the
    // server (5xx) may be transient, so the key is released and a retry runs the work again.
    const apiError = asApiError(error);
    const { 'Content-Type': _type, ...headers } = problemHeaders(apiError);
    const response: StoredResponse = {
      status: apiError.status,
      body: problemBody(apiError, options.instance, options.traceId),
      headers,
    };
    if (apiError.status >= 500) {
      await release();
    } else {
      try {
        await store(db, response);
      } catch {
        // The database is failing: release the key so that a retry can run the work.
        await release();
      }
    }
    if (error instanceof ApiError) return response;
    throw error;
  }
}

/**
 * Releases the keys claimed by sandbox runs that are over (a crash, a stop that cut requests), so
 * that a retry after a restart runs the request at once. Returns how many were released.
 */
export async function releaseOrphanedClaims(db: Database): Promise<number> {
  const { rows } = await db.query<{ owner: string }>(
    `SELECT DISTINCT owner FROM idempotency_keys
      WHERE state = 'in_progress' AND owner IS NOT NULL AND owner <> $1`,
    [db.owner],
  );
  let released = 0;
  for (const { owner } of rows) {
    if (await db.ownerAlive(owner)) continue;
    const deleted = await db.query(
      `DELETE FROM idempotency_keys WHERE state = 'in_progress' AND owner = $1`,
      [owner],
    );
    released += deleted.rowCount;
  }
  return released;
}
