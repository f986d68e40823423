/**
 * One piece of work shared by several callers, each with its own abort signal: a caller that
 * aborts gets its signal's reason at once; the work itself is aborted only when every caller
 * has gone.
 */
export interface Shared<T> {
  promise: Promise<T>;
  /** Absent when the work cannot be aborted: its first caller has no signal, so never leaves. */
  controller?: AbortController;
  users: number;
}

/** Starts `run` with a signal that aborts when the last caller aborts. */
export const startShared = <T>(run: (signal: AbortSignal) => Promise<T>): Shared<T> => {
  const controller = new AbortController();
  return { promise: run(controller.signal), controller, users: 0 };
};

/** Joins `shared` as one more caller; `onIdle` runs when the last caller has aborted. */
export const joinShared = <T>(
  shared: Shared<T>,
  signal: AbortSignal | undefined,
  onIdle?: () => void,
): Promise<T> => {
  shared.users++;
  // A caller without a signal never leaves: it waits for the work as it is.
  if (!signal) return shared.promise;
  return new Promise<T>((resolve, reject) => {
    const leave = () => {
      reject(signal.reason);
      if (--shared.users === 0) {
        onIdle?.();
        shared.controller?.abort(signal.reason);
      }
    };
    if (signal.aborted) return leave();
    signal.addEventListener('abort', leave, { once: true });
    shared.promise.finally(() => signal.removeEventListener('abort', leave)).then(resolve, reject);
  });
};

/**
 * Identical concurrent work shares one run: the first caller for a key starts it, later callers
 * join it until it settles. A `key` of `undefined` never shares. When the first caller has no
 * signal the work can never be aborted (that caller never leaves), so `run` gets no signal:
 * no controller, and nothing for `fetch` to follow, on the common call.
 */
export const createSharer = () => {
  const inflight = new Map<string, Shared<unknown>>();
  return <T>(
    key: string | undefined,
    run: (signal: AbortSignal | undefined) => Promise<T>,
    signal: AbortSignal | undefined,
  ): Promise<T> => {
    let shared = key === undefined ? undefined : (inflight.get(key) as Shared<T> | undefined);
    const forget = () => {
      if (key !== undefined && inflight.get(key) === shared) inflight.delete(key);
    };
    if (!shared) {
      if (signal?.aborted) return Promise.reject(signal.reason);
      shared = signal ? startShared(run) : { promise: run(undefined), users: 0 };
      if (key !== undefined) inflight.set(key, shared);
      shared.promise.then(forget, forget);
    }
    return joinShared(shared, signal, forget);
  };
};
