import type { Schemas } from '@zheli/contract';

/** What `zheli-apply` and `zheli-book` carry. */
export interface ZheliServiceActionDetail {
  /** The service acted on. */
  service: Schemas['ServiceSummary'];
  /** Where the default link leads; `preventDefault()` keeps the browser from following it. */
  href: string;
}

/** Fired when someone chooses to apply for a service online. Cancelable. */
export class ZheliApplyEvent extends Event {
  readonly detail: ZheliServiceActionDetail;
  constructor(detail: ZheliServiceActionDetail) {
    super('zheli-apply', { bubbles: true, composed: true, cancelable: true });
    this.detail = detail;
  }
}

/** Fired when someone chooses to book an appointment for a service. Cancelable. */
export class ZheliBookEvent extends Event {
  readonly detail: ZheliServiceActionDetail;
  constructor(detail: ZheliServiceActionDetail) {
    super('zheli-book', { bubbles: true, composed: true, cancelable: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'zheli-apply': ZheliApplyEvent;
    'zheli-book': ZheliBookEvent;
  }
}
