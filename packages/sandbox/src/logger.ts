/** Where the sandbox reports what it does: pino-style `(object, message)` calls. */
export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** The default logger: says nothing. */
export const silentLogger: Logger = {
  info() {},
  warn() {},
  error() {},
};
