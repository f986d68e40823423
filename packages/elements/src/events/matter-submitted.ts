import type { Schemas } from '@zheli/contract';

/** What `zheli-matter-submitted` carries. */
export interface ZheliMatterSubmittedDetail {
  /** The application as the platform accepted it, every step with its case number. */
  application: Schemas['BundleApplication'];
}

/** Fired once when `<zheli-matter>` has submitted a one-matter application. */
export class ZheliMatterSubmittedEvent extends Event {
  /** The event's data (see {@link ZheliMatterSubmittedDetail}). */
  readonly detail: ZheliMatterSubmittedDetail;
  constructor(detail: ZheliMatterSubmittedDetail) {
    super('zheli-matter-submitted', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'zheli-matter-submitted': ZheliMatterSubmittedEvent;
  }
}
