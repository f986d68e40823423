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
  /**
   * The service and the link to apply for it online (`<portalUrl>/apply/<service id>`);
   * `preventDefault()` keeps the browser, or the app's view, from opening it (an app that routes
   * itself).
   */
  readonly detail: ZheliServiceActionDetail;
  constructor(detail: ZheliServiceActionDetail) {
    super('zheli-apply', { bubbles: true, composed: true, cancelable: true });
    this.detail = detail;
  }
}

/** Fired when someone chooses to book an appointment for a service. Cancelable. */
export class ZheliBookEvent extends Event {
  /**
   * The service and the link to book it (`<portalUrl>/book/<service id>`); `preventDefault()`
   * keeps it from being opened (to show `<zheli-appointment-picker>` in place, for example).
   */
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
