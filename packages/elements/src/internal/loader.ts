import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * The one way an element loads what it shows (what `@lit/task` does for a task, in a few lines,
 * since the picker's bundle has no room for it): a failure goes to `onError`, which shows the
 * error state and dispatches `zheli-error`, never an unhandled rejection; `retry()` runs the
 * load that failed last again. A load replaced by a newer one resolves without throwing.
 */
export class Loader {
  private failed: (() => Promise<boolean>) | undefined;
  private onError: (error: unknown) => void;

  constructor(onError: (error: unknown) => void) {
    this.onError = onError;
  }

  /** Runs `load`, and resolves whether it succeeded; it never rejects. */
  async run(load: () => Promise<unknown>): Promise<boolean> {
    try {
      await load();
      return true;
    } catch (error) {
      this.failed = () => this.run(load);
      this.onError(error);
      return false;
    }
  }

  /** Runs the load that failed last again; `undefined` when none is waiting. */
  retry(): Promise<boolean> | undefined {
    const failed = this.failed;
    this.failed = undefined;
    return failed?.();
  }
}

/**
 * The load of an element that shows one thing (a matter, a list) at a time: starting it aborts
 * the one under way, disconnecting aborts it, and connecting again starts the load that was cut
 * off. A failure of the load under way goes to `onError`; one of a replaced or aborted load is
 * dropped, and the load itself returns early once its `signal` is aborted.
 */
export class LatestLoad implements ReactiveController {
  /** The load under way; `null` once disconnecting cut it off, so that connecting starts it over. */
  private controller: AbortController | null | undefined;
  private load: (signal: AbortSignal) => Promise<void>;
  private onError: (error: unknown) => void;

  constructor(
    host: ReactiveControllerHost,
    load: (signal: AbortSignal) => Promise<void>,
    onError: (error: unknown) => void,
  ) {
    this.load = load;
    this.onError = onError;
    host.addController(this);
  }

  hostConnected(): void {
    if (this.controller === null) void this.start();
  }

  hostDisconnected(): void {
    this.controller?.abort();
    this.controller &&= null;
  }

  /** Starts the load over, aborting the one under way; resolves once it settles, never rejects. */
  async start(): Promise<void> {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    try {
      await this.load(controller.signal);
    } catch (error) {
      if (!controller.signal.aborted) this.onError(error);
    } finally {
      if (this.controller === controller) this.controller = undefined;
    }
  }
}

/**
 * `load` run on the first call and its promise kept for every later one, unless it fails: code
 * that did not arrive (a dropped connection, a file that failed the drop-in's integrity check) is
 * asked for again by the next call, instead of failing for as long as the page is open.
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
}
