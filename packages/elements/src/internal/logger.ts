/** Where the elements report what a developer should know. Silent unless one is set. */
export interface ZheliLogger {
  warn(message: string, ...details: unknown[]): void;
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
