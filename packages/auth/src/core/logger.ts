/** A pluggable logger (pino's and console's shape). Silent by default. */
export interface AuthLogger {
  debug?(data: object, message?: string): void;
  info?(data: object, message?: string): void;
  warn?(data: object, message?: string): void;
  error?(data: object, message?: string): void;
}

export const silentLogger: AuthLogger = {};
