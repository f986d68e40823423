import type { Schemas } from '@zheli/contract';

/** What `zheli-recommendation-dismiss` carries. */
export interface ZheliRecommendationDismissDetail {
  /** The recommendation the person dismissed. */
  recommendation: Schemas['Recommendation'];
  /** Why, as they chose it. */
  reason: Schemas['DismissReason'];
}

/** Fired when the platform saved a dismissal: the recommendation is hidden for good. */
export class ZheliRecommendationDismissEvent extends Event {
  /** The event's data (see {@link ZheliRecommendationDismissDetail}). */
  readonly detail: ZheliRecommendationDismissDetail;
  constructor(detail: ZheliRecommendationDismissDetail) {
    super('zheli-recommendation-dismiss', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

/** What `zheli-recommendation-snooze` carries. */
export interface ZheliRecommendationSnoozeDetail {
  /** The recommendation the person snoozed. */
  recommendation: Schemas['Recommendation'];
  /** For how many days. */
  days: Schemas['SnoozeRequest']['days'];
  /** When it comes back (RFC 3339), on the platform's clock. */
  until: string;
}

/** Fired when the platform saved a snooze: the recommendation is hidden until `until`. */
export class ZheliRecommendationSnoozeEvent extends Event {
  /** The event's data (see {@link ZheliRecommendationSnoozeDetail}). */
  readonly detail: ZheliRecommendationSnoozeDetail;
  constructor(detail: ZheliRecommendationSnoozeDetail) {
    super('zheli-recommendation-snooze', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

/** What `zheli-recommendation-restore` carries. */
export interface ZheliRecommendationRestoreDetail {
  /** The recommendation listed again. */
  recommendation: Schemas['Recommendation'];
}

/** Fired when an undo put a dismissed or snoozed recommendation back. */
export class ZheliRecommendationRestoreEvent extends Event {
  /** The event's data (see {@link ZheliRecommendationRestoreDetail}). */
  readonly detail: ZheliRecommendationRestoreDetail;
  constructor(detail: ZheliRecommendationRestoreDetail) {
    super('zheli-recommendation-restore', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

/** What `zheli-consent-change` carries. */
export interface ZheliConsentChangeDetail {
  /** The data category. */
  category: Schemas['DataCategory'];
  /** Whether the rules may read it now. */
  granted: boolean;
}

/** Fired when the person granted or revoked a data category and the platform saved it. */
export class ZheliConsentChangeEvent extends Event {
  /** The event's data (see {@link ZheliConsentChangeDetail}). */
  readonly detail: ZheliConsentChangeDetail;
  constructor(detail: ZheliConsentChangeDetail) {
    super('zheli-consent-change', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'zheli-recommendation-dismiss': ZheliRecommendationDismissEvent;
    'zheli-recommendation-snooze': ZheliRecommendationSnoozeEvent;
    'zheli-recommendation-restore': ZheliRecommendationRestoreEvent;
    'zheli-consent-change': ZheliConsentChangeEvent;
  }
}
