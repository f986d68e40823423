import type { Schemas } from '@zheli/contract';

/** What `zheli-evaluated` carries. */
export interface ZheliEvaluatedDetail {
  /** The evaluation the platform saved. */
  evaluation: Schemas['Evaluation'];
}

/** Fired once when `<zheli-evaluation>` has submitted a rating and the platform saved it. */
export class ZheliEvaluatedEvent extends Event {
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
