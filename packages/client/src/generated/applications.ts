// GENERATED FILE: do not edit. Run `npm run generate -w @zheli/client` after the contract changes.
// operationId: [method and path (relative to baseUrl), flags (1 bearer token, 2 Idempotency-Key),
// required top-level fields of the success body].
import type { OperationEntry } from '../core/entry.js';

/** The operations of `@zheli/client/applications`. */
export type ApplicationsOperationId =
  | 'getBundleGuide'
  | 'listMyDocuments'
  | 'getBundleDraft'
  | 'saveBundleDraft'
  | 'listMyBundleApplications'
  | 'submitBundleApplication'
  | 'getBundleApplication'
  | 'resubmitBundleStep';

export const applicationsTable: Record<ApplicationsOperationId, OperationEntry> = {
  getBundleGuide: ["GET v1/bundles/{bundleId}/guide", 0, "bundleId,name,nameEn,promisedDays,steps,materials,form"],
  listMyDocuments: ["GET v1/me/documents", 1, "items"],
  getBundleDraft: ["GET v1/me/bundle-drafts/{bundleId}", 1, "bundleId,values,materials,step,updatedAt"],
  saveBundleDraft: ["PUT v1/me/bundle-drafts/{bundleId}", 1, "bundleId,values,materials,step,updatedAt"],
  listMyBundleApplications: ["GET v1/me/bundle-applications", 1, "items,nextCursor"],
  submitBundleApplication: ["POST v1/me/bundle-applications", 3, "id,bundleId,name,nameEn,status,caseNumber,submittedAt,completedAt,steps"],
  getBundleApplication: ["GET v1/me/bundle-applications/{applicationId}", 1, "id,bundleId,name,nameEn,status,caseNumber,submittedAt,completedAt,steps"],
  resubmitBundleStep: ["POST v1/me/bundle-applications/{applicationId}/steps/{serviceId}/resubmit", 3, "id,bundleId,name,nameEn,status,caseNumber,submittedAt,completedAt,steps"],
};
