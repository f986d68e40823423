/** A pluggable logger (pino's and console's shape). Silent by default. */
export interface AuthLogger {
  /**
   * Detail for tracing a sign-in; `data` is an object of fields, `message` a sentence. No
   * message of this package uses this level yet: a logger may leave it out.
   */
  debug?(data: object, message?: string): void;
  /** Normal events worth a line in the log; no message of this package uses this level yet. */
  info?(data: object, message?: string): void;
  /**
   * Something went wrong and was handled: a renewal that failed (the session ends), a store's
   * lost connection, a record that could not be decrypted (ignored), sessions kept in one
   * process in production. `data.error` holds the error where there is one.
   */
  warn?(data: object, message?: string): void;
  /**
   * Something an operator must act on: a refresh token whose revocation failed (it may still be
   * valid), a session store that is unavailable, an auth event listener that threw, a request
   * the server handler could not answer. `data.error` holds the error.
   */
  error?(data: object, message?: string): void;
}

export const silentLogger: AuthLogger = {};
