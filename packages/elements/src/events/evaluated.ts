import type { Schemas } from '@zheli/contract';

/** What `zheli-evaluated` carries. */
export interface ZheliEvaluatedDetail {
  /** The evaluation the platform saved. */
  evaluation: Schemas['Evaluation'];
}

/** Fired once when `<zheli-evaluation>` has submitted a rating and the platform saved it. */
export class ZheliEvaluatedEvent extends Event {
  /**
   * The evaluation as the platform saved it: its id (`evl-…`), the case it rates, the level,
   * tags and comment given.
   */
  readonly detail: ZheliEvaluatedDetail;
  constructor(detail: ZheliEvaluatedDetail) {
    super('zheli-evaluated', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'zheli-evaluated': ZheliEvaluatedEvent;
  }
}
