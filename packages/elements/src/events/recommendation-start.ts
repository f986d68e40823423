import type { Schemas } from '@zheli/contract';

/** What `zheli-recommendation-start` carries. */
export interface ZheliRecommendationStartDetail {
  /** The recommendation the person chose to act on. */
  recommendation: Schemas['Recommendation'];
  /** Where the default link leads (the service or the bundle on the portal). */
  href: string;
}

/**
 * Fired when someone starts a recommendation: into its service or its bundle. Cancelable:
 * `preventDefault()` keeps the browser from following the link (an app routes itself).
 */
export class ZheliRecommendationStartEvent extends Event {
  /**
   * The recommendation the person started and the portal link the browser follows unless the
   * listener calls `preventDefault()`.
   */
  readonly detail: ZheliRecommendationStartDetail;
  constructor(detail: ZheliRecommendationStartDetail) {
    super('zheli-recommendation-start', { bubbles: true, composed: true, cancelable: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'zheli-recommendation-start': ZheliRecommendationStartEvent;
  }
}
