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
