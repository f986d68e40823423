import type { Schemas } from '@zheli/contract';

/** What `zheli-region-change` carries. */
export interface ZheliRegionChangeDetail {
  /** The region chosen. */
  region: Schemas['Region'];
  /** Its ancestors, from the province down to its parent. */
  path: Schemas['Region'][];
}

/** Fired when the person picks a region (user input only, never on a programmatic `value`). */
export class ZheliRegionChangeEvent extends Event {
  /**
   * The region the person picked (its GB/T 2260 code and name) and its ancestors from the
   * province down, for a breadcrumb or a full address.
   */
  readonly detail: ZheliRegionChangeDetail;
  constructor(detail: ZheliRegionChangeDetail) {
    super('zheli-region-change', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'zheli-region-change': ZheliRegionChangeEvent;
  }
}
