/** Rate limiting per client: `limit` requests per `windowMs`, counted in fixed windows. */
export interface RateLimitOptions {
  /**
   * Requests allowed per window and client.
   * @default 600
   */
  limit?: number;
  /**
   * The window's length.
   * @default 60000
   */
  windowMs?: number;
}

/** The verdict for one request. */
export type RateDecision = { allowed: true } | { allowed: false; retryAfter: number };

/** Counts requests per key (`client:<id>` or `ip:<address>`) in fixed windows. */
export class RateLimiter {
  readonly limit: number;
  readonly windowMs: number;
  readonly #now: () => number;
  #windows = new Map<string, { start: number; count: number }>();

  constructor(options: RateLimitOptions = {}, now: () => number = Date.now) {
    this.limit = options.limit ?? 600;
    this.windowMs = options.windowMs ?? 60_000;
    this.#now = now;
  }

  hit(key: string): RateDecision {
    const now = this.#now();
    const start = now - (now % this.windowMs);
    let window = this.#windows.get(key);
    if (!window || window.start !== start) {
      if (this.#windows.size > 10_000) this.#prune(start);
      window = { start, count: 0 };
      this.#windows.set(key, window);
    }
    window.count += 1;
    if (window.count <= this.limit) return { allowed: true };
    return {
      allowed: false,
      retryAfter: Math.max(1, Math.ceil((start + this.windowMs - now) / 1000)),
    };
  }

  #prune(current: number): void {
    for (const [key, window] of this.#windows) {
      if (window.start !== current) this.#windows.delete(key);
    }
  }
}
