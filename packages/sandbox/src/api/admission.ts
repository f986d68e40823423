// Load shedding: a bound on the requests handled at once and on those waiting for a turn. Past
// both, a request is refused at once (`503` with `Retry-After`), so that an overloaded sandbox
// pushes back instead of letting every caller wait seconds in an unbounded queue.

/** A request let in: call `leave` when it is done. */
type Leave = () => void;

/** The requests in flight and the queue of those waiting for a turn, first come first served. */
export class Admission {
  readonly #maxInFlight: number;
  readonly #maxQueue: number;
  #inFlight = 0;
  readonly #waiting: ((leave: Leave) => void)[] = [];

  constructor(limits: { maxInFlight: number; maxQueue: number }) {
    this.#maxInFlight = limits.maxInFlight;
    this.#maxQueue = limits.maxQueue;
  }

  /** Waits for a turn; `null` at once when the queue is full too (answer 503). */
  enter(): Promise<Leave> | null {
    if (this.#inFlight < this.#maxInFlight) {
      this.#inFlight += 1;
      return Promise.resolve(this.#leave());
    }
    if (this.#waiting.length >= this.#maxQueue) return null;
    return new Promise((admit) => this.#waiting.push(admit));
  }

  /** A leave function that works once: it hands the turn to the next in the queue. */
  #leave(): Leave {
    let left = false;
    return () => {
      if (left) return;
      left = true;
      const next = this.#waiting.shift();
      if (next) next(this.#leave());
      else this.#inFlight -= 1;
    };
  }
}
