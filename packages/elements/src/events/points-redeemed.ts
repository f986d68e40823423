import type { Schemas } from '@zheli/contract';

/** What `zheli-points-redeemed` carries. */
export interface ZheliPointsRedeemedDetail {
  /** The redemption: its ledger entry, the balance after it and its signed code. */
  redemption: Schemas['PointRedemption'];
}

/** Fired once when `<zheli-points>` has redeemed points at the village's points shop. */
export class ZheliPointsRedeemedEvent extends Event {
  /** The event's data (see {@link ZheliPointsRedeemedDetail}). */
  readonly detail: ZheliPointsRedeemedDetail;
  constructor(detail: ZheliPointsRedeemedDetail) {
    super('zheli-points-redeemed', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'zheli-points-redeemed': ZheliPointsRedeemedEvent;
  }
}
