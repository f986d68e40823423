// GENERATED FILE: do not edit. Run `npm run generate -w @zheli/client` after the contract changes.
// operationId: [method and path (relative to baseUrl), flags (1 bearer token, 2 Idempotency-Key),
// required top-level fields of the success body].
import type { OperationEntry } from '../core/entry.js';

/** The operations of `@zheli/client/recommendation-controls`. */
export type RecommendationControlsOperationId =
  | 'dismissRecommendation'
  | 'snoozeRecommendation'
  | 'restoreRecommendation'
  | 'listDataConsents'
  | 'setDataConsent';

export const recommendationControlsTable: Record<RecommendationControlsOperationId, OperationEntry> = {
  dismissRecommendation: ["POST v1/me/recommendations/{recommendationId}/dismiss", 1, "recommendationId,state,reason,until,createdAt"],
  snoozeRecommendation: ["POST v1/me/recommendations/{recommendationId}/snooze", 1, "recommendationId,state,reason,until,createdAt"],
  restoreRecommendation: ["POST v1/me/recommendations/{recommendationId}/restore", 1, "id,kind,title,titleEn,reason,reasonEn,serviceId,bundleId,action,dueDate"],
  listDataConsents: ["GET v1/me/data-consents", 1, "items"],
  setDataConsent: ["POST v1/me/data-consents/{category}", 1, "category,name,nameEn,purpose,purposeEn,data,dataEn,rules,granted,updatedAt"],
};
