/**
 * What `<zheli-matter>` loads when an application is first shown: its progress view, and
 * `<zheli-evaluation>` for a completed application. The dynamic imports are written in the define
 * entries (`define.ts` here and the package's `define.ts`), not in the matter's modules: the
 * `@zheli/elements` barrel re-exports the matter, and esbuild keeps every dynamic import it reaches
 * as an entry even when the matter is shaken out, splitting what it shares into more chunks that
 * an app importing `configure` loads at once (as the picker's QR code did, issue 19). A page that
 * registers the matter class itself calls `setMatterLoaders` too.
 */
export interface MatterLoaders {
  progress(): Promise<typeof import('./progress.js')>;
  evaluation(): Promise<unknown>;
}

let loaders: MatterLoaders | undefined;

export function setMatterLoaders(value: MatterLoaders): void {
  loaders = value;
}

/** The progress view; rejects when no define entry has set the loaders. */
export function loadProgress(): Promise<typeof import('./progress.js')> {
  return (
    loaders?.progress() ??
    Promise.reject(new Error('Register <zheli-matter> through its define entry'))
  );
}

/** Registers `<zheli-evaluation>` (once; later calls get the same module), if a loader is set. */
export function loadEvaluation(): Promise<unknown> {
  return loaders?.evaluation() ?? Promise.resolve();
}
