// GENERATED FILE: do not edit. Run `npm run generate -w @zheli/client` after the contract changes.
// operationId: [method and path (relative to baseUrl), flags (1 bearer token, 2 Idempotency-Key),
// required top-level fields of the success body].
import type { OperationEntry } from '../core/entry.js';

/** The operations `createClient` carries: those of no feature module. */
export type CoreOperationId =
  | 'listRegions'
  | 'getRegion'
  | 'listCategories'
  | 'searchServices'
  | 'batchGetServices'
  | 'getService'
  | 'listBundles'
  | 'getBundle'
  | 'listSites'
  | 'getSite'
  | 'listSlots'
  | 'getVenueCode'
  | 'listMyAppointments'
  | 'bookAppointment'
  | 'getAppointment'
  | 'cancelAppointment'
  | 'rescheduleAppointment'
  | 'issueCode'
  | 'verifyCode'
  | 'getCodeKeys'
  | 'listMyEvaluations'
  | 'submitEvaluation'
  | 'listEvaluationTags'
  | 'getProfile'
  | 'listMyMatters'
  | 'getMyMatter'
  | 'listRecommendations'
  | 'getOpenIdConfiguration';

export const operationTable: Record<CoreOperationId, OperationEntry> = {
  listRegions: ["GET v1/regions", 0, "items"],
  getRegion: ["GET v1/regions/{code}", 0, "code,name,nameTw,nameEn,level,parentCode,hasChildren,path,children"],
  listCategories: ["GET v1/categories", 0, "items"],
  searchServices: ["GET v1/services", 0, "items,nextCursor"],
  batchGetServices: ["GET v1/services/batch", 0, "items,missing"],
  getService: ["GET v1/services/{serviceId}", 0, "id,code,name,nameEn,summary,department,level,region,audience,category,onlineLevel,maxVisits,promisedDays,fee,bookable,rating,legalDays,keywords,materials,conditions,sites,bundleIds,applyUrl"],
  listBundles: ["GET v1/bundles", 0, "items,nextCursor"],
  getBundle: ["GET v1/bundles/{bundleId}", 0, "id,name,nameEn,summary,audience,category,services,savedVisits,promisedDays"],
  listSites: ["GET v1/sites", 0, "items,nextCursor"],
  getSite: ["GET v1/sites/{siteId}", 0, "id,name,nameEn,kind,regionCode,address,addressEn,phone,location,openingHours,serviceIds"],
  listSlots: ["GET v1/sites/{siteId}/slots", 0, "siteId,serviceId,timeZone,days"],
  getVenueCode: ["GET v1/sites/{siteId}/code", 0, "kind,token,status,issuedAt,expiresAt,refreshAfter"],
  listMyAppointments: ["GET v1/appointments", 1, "items,nextCursor"],
  bookAppointment: ["POST v1/appointments", 3, "id,reference,status,service,site,slot,note,ticket,createdAt,updatedAt,cancelledAt"],
  getAppointment: ["GET v1/appointments/{appointmentId}", 1, "id,reference,status,service,site,slot,note,ticket,createdAt,updatedAt,cancelledAt"],
  cancelAppointment: ["POST v1/appointments/{appointmentId}/cancel", 3, "id,reference,status,service,site,slot,note,ticket,createdAt,updatedAt,cancelledAt"],
  rescheduleAppointment: ["POST v1/appointments/{appointmentId}/reschedule", 3, "id,reference,status,service,site,slot,note,ticket,createdAt,updatedAt,cancelledAt"],
  issueCode: ["POST v1/codes", 1, "kind,token,status,issuedAt,expiresAt,refreshAfter"],
  verifyCode: ["POST v1/codes/verify", 0, "valid,reason,claims"],
  getCodeKeys: ["GET v1/codes/jwks", 0, "keys"],
  listMyEvaluations: ["GET v1/evaluations", 1, "items,nextCursor"],
  submitEvaluation: ["POST v1/evaluations", 3, "id,caseNumber,serviceId,level,tags,comment,createdAt"],
  listEvaluationTags: ["GET v1/evaluations/tags", 0, "levels"],
  getProfile: ["GET v1/me", 1, "sub,kind,displayName,region,locale"],
  listMyMatters: ["GET v1/me/matters", 1, "items,nextCursor"],
  getMyMatter: ["GET v1/me/matters/{caseNumber}", 1, "caseNumber,service,status,submittedAt,handledAt,evaluation"],
  listRecommendations: ["GET v1/me/recommendations", 1, "items"],
  getOpenIdConfiguration: ["GET .well-known/openid-configuration", 0, "issuer,authorization_endpoint,token_endpoint,jwks_uri,response_types_supported"],
};
