// Rate limiting in sliding windows on the sandbox's clock. A signed-in call is counted for its
// person (`sub` and client) and for its client, an anonymous call for its address; a request
// passes only when every bucket that applies has room, and a refused request is not counted.

/** One bucket's budget: `limit` requests in any `windowMs` long stretch of time. */
export interface RateLimit {
  /** Requests allowed in the window. */
  limit: number;
  /** The window's length in milliseconds. */
  windowMs: number;
}

/** The budgets of the sandbox's rate limit; `false` turns one bucket off. */
export interface RateLimitOptions {
  /**
   * Per person: one `sub` signed in through one client. One person cannot use up the budget of
   * everyone else on the same client (a backend-for-frontend, for example).
   * @default { limit: 120, windowMs: 60000 }
   */
  person?: RateLimit | false;
  /**
   * Per client (`client_id`), all of its persons together.
   * @default { limit: 1200, windowMs: 60000 }
   */
  client?: RateLimit | false;
  /**
   * Per remote address, for calls without a bearer token.
   * @default { limit: 600, windowMs: 60000 }
   */
  anonymous?: RateLimit | false;
}

/** The defaults of {@link RateLimitOptions}. */
export const defaultRateLimits = {
  person: { limit: 120, windowMs: 60_000 },
  client: { limit: 1200, windowMs: 60_000 },
  anonymous: { limit: 600, windowMs: 60_000 },
} as const satisfies Record<keyof RateLimitOptions, RateLimit>;

/** Who is calling: a person through a client, or an address without a token. */
export type Caller = { sub: string; clientId: string } | { address: string };

/** The verdict for one request; a refusal names the bucket and when to retry, in seconds. */
export type RateDecision =
  | { allowed: true }
  | { allowed: false; bucket: keyof RateLimitOptions; limit: RateLimit; retryAfter: number };

/** More keys than this and the limiter forgets the idle ones. */
const pruneAbove = 10_000;

/** Keeps a log of the accepted requests' times per key: exact sliding windows. */
export class RateLimiter {
  readonly #limits: { [K in keyof RateLimitOptions]: RateLimit | null };
  readonly #now: () => number;
  readonly #logs = new Map<string, number[]>();

  constructor(options: RateLimitOptions, now: () => number) {
    this.#limits = {
      person: pick(options.person, defaultRateLimits.person),
      client: pick(options.client, defaultRateLimits.client),
      anonymous: pick(options.anonymous, defaultRateLimits.anonymous),
    };
    this.#now = now;
  }

  /** Counts one request of `caller`, unless a bucket that applies is full. */
  hit(caller: Caller): RateDecision {
    const now = this.#now();
    const buckets: [keyof RateLimitOptions, string][] =
      'address' in caller
        ? [['anonymous', `ip:${caller.address}`]]
        : [
            ['person', `person:${caller.clientId}:${caller.sub}`],
            ['client', `client:${caller.clientId}`],
          ];
    const open: number[][] = [];
    let refusal: Extract<RateDecision, { allowed: false }> | null = null;
    for (const [bucket, key] of buckets) {
      const limit = this.#limits[bucket];
      if (!limit) continue;
      const log = this.#log(key, now, limit.windowMs);
      if (log.length >= limit.limit) {
        const oldest = log[log.length - limit.limit] ?? now;
        const retryAfter = Math.max(1, Math.ceil((oldest + limit.windowMs - now) / 1000));
        if (refusal === null || retryAfter > refusal.retryAfter) {
          refusal = { allowed: false, bucket, limit, retryAfter };
        }
      } else {
        open.push(log);
      }
    }
    if (refusal) return refusal;
    for (const log of open) log.push(now);
    return { allowed: true };
  }

  /** The key's log without the times that have left the window. */
  #log(key: string, now: number, windowMs: number): number[] {
    let log = this.#logs.get(key);
    if (!log) {
      if (this.#logs.size > pruneAbove) this.#prune(now);
      log = [];
      this.#logs.set(key, log);
    }
    let expired = 0;
    while (expired < log.length && (log[expired] ?? now) <= now - windowMs) expired += 1;
    if (expired > 0) log.splice(0, expired);
    return log;
  }

  #prune(now: number): void {
    const longest = Math.max(
      ...Object.values(this.#limits).map((limit) => (limit ? limit.windowMs : 0)),
    );
    for (const [key, log] of this.#logs) {
      const last = log[log.length - 1];
      if (last === undefined || last <= now - longest) this.#logs.delete(key);
    }
  }
}

function pick(value: RateLimit | false | undefined, fallback: RateLimit): RateLimit | null {
  if (value === false) return null;
  return value ?? fallback;
}

const units = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;

/**
 * Reads a budget written `<n>/<window>`: `600/60s`, `120/1m`, `10/500ms`, `5000/1h`.
 * @throws Error saying what is wrong with the value.
 */
export function parseRateLimit(value: string): RateLimit {
  const match = /^(\d+)\/(\d+)(ms|s|m|h)$/.exec(value.trim());
  if (!match) {
    throw new Error(
      `"${value}" is not a rate limit: write <requests>/<window>, the window in ms, s, m or h (for example 120/1m)`,
    );
  }
  const limit = Number(match[1]);
  const windowMs = Number(match[2]) * units[match[3] as keyof typeof units];
  if (!Number.isSafeInteger(limit) || limit < 1) {
    throw new Error(`"${value}": the number of requests must be at least 1`);
  }
  if (!Number.isSafeInteger(windowMs) || windowMs < 1) {
    throw new Error(`"${value}": the window must be longer than zero`);
  }
  return { limit, windowMs };
}
