/** What `zheli-error` carries. */
export interface ZheliErrorDetail {
  /** What failed: the client's error (`ZheliApiError`, a network error) or another cause. */
  error: unknown;
}

/** Fired when an element cannot load or act; the element shows its error state too. */
export class ZheliErrorEvent extends Event {
  /**
   * What failed, in `error`: usually a `ZheliApiError` from `@zheli/client` (with `status`,
   * `code` and `traceId` to quote to support), else a network or sign-in error as thrown.
   */
  readonly detail: ZheliErrorDetail;
  constructor(detail: ZheliErrorDetail) {
    super('zheli-error', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'zheli-error': ZheliErrorEvent;
  }
}
