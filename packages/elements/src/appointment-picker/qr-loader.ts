/**
 * How the picker registers `<zheli-qr-code>` for its ticket. The dynamic import is written in
 * the picker's define entries (`define.ts` here, and the drop-in through it), not in the
 * picker's module: the `@zheli/elements` barrel re-exports the picker, and esbuild keeps every
 * dynamic import it reaches as an entry even when the picker is shaken out, putting the QR
 * element and lean-qr in a chunk an app that imports `configure` loads at once (issue 19).
 * A page that registers the picker class itself registers `<zheli-qr-code>` too (or the ticket
 * shows without its code).
 */
let loader: (() => Promise<unknown>) | undefined;

export function setQrCodeLoader(load: () => Promise<unknown>): void {
  loader = load;
}

/** Registers `<zheli-qr-code>` (once; later calls get the same module), if a loader is set. */
export function loadQrCode(): Promise<unknown> {
  return loader?.() ?? Promise.resolve();
}
