/** Why a bridge call did not give an answer. */
export type BridgeErrorCode =
  /** The page is not inside the platform's app, and the call has no fallback (the ticket). */
  | 'not_in_container'
  /** The person cancelled (closed the scanner, dismissed the share sheet, refused location). */
  | 'user_cancelled'
  /** The container did not answer (or did not become ready) in time. */
  | 'timeout'
  /** Neither the container nor the browser can do it. */
  | 'unsupported'
  /** The container answered with an error that is none of the above (see `cause`). */
  | 'failed';

/** The one error `@zheli/bridge` rejects with. */
export class ZheliBridgeError extends Error {
  /** Always `'ZheliBridgeError'`, minification-proof: what {@link isZheliBridgeError} checks. */
  override name = 'ZheliBridgeError' as const;
  /**
   * Why the call gave no answer (see {@link BridgeErrorCode}): stable, the thing to branch on.
   * The container's own error, when there was one, is in `cause`.
   */
  readonly code: BridgeErrorCode;
  /** The bridge method that failed (`scan`, `getTicket`, ...). */
  readonly method: string;

  constructor(code: BridgeErrorCode, method: string, message: string, options?: ErrorOptions) {
    super(`${method} failed (${code}): ${message}`, options);
    this.code = code;
    this.method = method;
  }
}

/** Whether `error` is a {@link ZheliBridgeError}, also across two copies of the package. */
export function isZheliBridgeError(error: unknown): error is ZheliBridgeError {
  return (
    error instanceof ZheliBridgeError ||
    (error instanceof Error && error.name === 'ZheliBridgeError' && 'code' in error)
  );
}

/** Reads what a container's rejection means: cancelled, unsupported, or another failure. */
export function fromBridgeFailure(method: string, failure: unknown): ZheliBridgeError {
  const record = typeof failure === 'object' && failure !== null ? failure : {};
  const fields = [
    'code' in record ? record.code : undefined,
    'errorCode' in record ? record.errorCode : undefined,
    'errorMessage' in record ? record.errorMessage : undefined,
    failure instanceof Error ? failure.name : undefined,
  ]
    .filter((value) => value !== undefined)
    .map(String)
    .join(' ');
  const message =
    failure instanceof Error
      ? failure.message
      : 'errorMessage' in record
        ? String(record.errorMessage)
        : fields || String(failure);
  if (/cancel|abort/i.test(fields)) {
    return new ZheliBridgeError('user_cancelled', method, message, { cause: failure });
  }
  if (/unsupported|not.?supported|not.?implemented/i.test(fields)) {
    return new ZheliBridgeError('unsupported', method, message, { cause: failure });
  }
  return new ZheliBridgeError('failed', method, message, { cause: failure });
}
