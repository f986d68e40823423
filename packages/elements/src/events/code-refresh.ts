import type { Schemas } from '@zheli/contract';

/** What `zheli-code-refresh` carries. */
export interface ZheliCodeRefreshDetail {
  /** The fresh signed code now shown. */
  code: Schemas['SignedCode'];
}

/** Fired when `<zheli-qr-code>` has fetched a fresh code (on its schedule or on request). */
export class ZheliCodeRefreshEvent extends Event {
  /**
   * The code now shown: its `token` (what the QR encodes), `expiresAt`, and `refreshAfter`, when
   * the next refresh is due. Not fired for the first code an element loads.
   */
  readonly detail: ZheliCodeRefreshDetail;
  constructor(detail: ZheliCodeRefreshDetail) {
    super('zheli-code-refresh', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'zheli-code-refresh': ZheliCodeRefreshEvent;
  }
}
