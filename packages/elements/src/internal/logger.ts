/** Where the elements report what a developer should know. Silent unless one is set. */
export interface ZheliLogger {
  /**
   * Something the page should fix that the elements worked around: a tag another copy of the
   * package registered, an element or the popup's positioning that could not be loaded, a ticket
   * sign-in that fell back to a redirect. `details` holds the error, when there is one.
   */
  warn(message: string, ...details: unknown[]): void;
  /**
   * A failure the elements could not work around. No element reports at this level yet: a
   * failure to load or act reaches the page as a `zheli-error` event.
   */
  error(message: string, ...details: unknown[]): void;
}

const silent: ZheliLogger = { warn() {}, error() {} };
let current: ZheliLogger = silent;

/** Sets the logger every element writes to; pass `undefined` to silence them again. */
export function setLogger(logger: ZheliLogger | undefined): void {
  current = logger ?? silent;
}

/** The logger in use. */
export function getLogger(): ZheliLogger {
  return current;
}
