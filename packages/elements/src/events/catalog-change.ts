import type { ServiceQuery } from '../internal/data.js';

/** What `zheli-catalog-change` carries. */
export interface ZheliCatalogChangeDetail {
  /** The query the catalog now shows (without cursor and limit). */
  query: ServiceQuery;
}

/** Fired when the person changes the search text, a filter or the sort of a catalog. */
export class ZheliCatalogChangeEvent extends Event {
  /**
   * The catalog's new query: `sort` always, `q` (trimmed), `region`, `category` and `audience`
   * when set; its next `GET /v1/services` sends these with its page size as `limit`.
   */
  readonly detail: ZheliCatalogChangeDetail;
  constructor(detail: ZheliCatalogChangeDetail) {
    super('zheli-catalog-change', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'zheli-catalog-change': ZheliCatalogChangeEvent;
  }
}
