/** Where the sandbox reports what it does: pino-style `(object, message)` calls. */
export interface Logger {
  /**
   * What the sandbox does: each API request (method, path, operationId, status, ms), the
   * database opening, migrating and seeding, faults switched on and applied, keys rotated. `obj`
   * holds the fields, `msg` says what happened.
   */
  info(obj: object, msg?: string): void;
  /**
   * Something the developer should know that did not stop the sandbox: seed data changed since
   * the database was seeded, requests cut at stop, a purge that failed.
   */
  warn(obj: object, msg?: string): void;
  /**
   * A failure: an API request answered 5xx (`obj` as for `info`), an error a handler did not
   * expect, or an error inside the identity provider (`obj.err` holds the error).
   */
  error(obj: object, msg?: string): void;
}

/** The default logger: says nothing. */
export const silentLogger: Logger = {
  info() {},
  warn() {},
  error() {},
};
