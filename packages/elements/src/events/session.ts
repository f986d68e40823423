import type { ZheliUser } from '../internal/config.js';

/** What `zheli-sign-in` carries. */
export interface ZheliSignInDetail {
  /** The person now signed in. */
  user: ZheliUser;
}

/** Fired when a sign-in through `<zheli-login-button>` completes (popup mode). */
export class ZheliSignInEvent extends Event {
  /** The person who signed in: their `sub` and the ID token's claims (`name` shown masked). */
  readonly detail: ZheliSignInDetail;
  constructor(detail: ZheliSignInDetail) {
    super('zheli-sign-in', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

/** Fired when the person signs out through `<zheli-login-button>`. */
export class ZheliSignOutEvent extends Event {
  constructor() {
    super('zheli-sign-out', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'zheli-sign-in': ZheliSignInEvent;
    'zheli-sign-out': ZheliSignOutEvent;
  }
}
