/**
 * `@zheli/elements`: the element classes, configuration and events. Importing this registers
 * no tag: import `@zheli/elements/define.js` (all) or `@zheli/elements/<name>/define.js` (one).
 *
 * Withheld on purpose: the base element, the popup, the data batching and the message catalogue
 * are internal and may change in any release. The appointment's calendar file (`appointmentIcs`)
 * is `@zheli/elements/appointment-picker/ics.js`: the picker's ticket loads the same module when
 * someone adds the appointment to a calendar, and a bundler that splits by what each entry
 * reaches (esbuild) would load it with every page that imports this index.
 */
export { ZheliAppointmentPicker } from './appointment-picker/appointment-picker.js';
export { ZheliConfig } from './config/config.js';
export type { EvaluationLevel } from './evaluation/evaluation.js';
export { ZheliEvaluation } from './evaluation/evaluation.js';
export type { ZheliAppointmentDetail, ZheliSlotSelectDetail } from './events/appointment.js';
export {
  ZheliBookedEvent,
  ZheliCancelledEvent,
  ZheliSlotSelectEvent,
} from './events/appointment.js';
export type { ZheliCatalogChangeDetail } from './events/catalog-change.js';
export { ZheliCatalogChangeEvent } from './events/catalog-change.js';
export type { ZheliCodeRefreshDetail } from './events/code-refresh.js';
export { ZheliCodeRefreshEvent } from './events/code-refresh.js';
export type { ZheliErrorDetail } from './events/error.js';
export { ZheliErrorEvent } from './events/error.js';
export type { ZheliEvaluatedDetail } from './events/evaluated.js';
export { ZheliEvaluatedEvent } from './events/evaluated.js';
export type { ZheliMatterSubmittedDetail } from './events/matter-submitted.js';
export { ZheliMatterSubmittedEvent } from './events/matter-submitted.js';
export type { ZheliPointsRedeemedDetail } from './events/points-redeemed.js';
export { ZheliPointsRedeemedEvent } from './events/points-redeemed.js';
export type {
  ZheliConsentChangeDetail,
  ZheliRecommendationDismissDetail,
  ZheliRecommendationRestoreDetail,
  ZheliRecommendationSnoozeDetail,
} from './events/recommendation-feedback.js';
export {
  ZheliConsentChangeEvent,
  ZheliRecommendationDismissEvent,
  ZheliRecommendationRestoreEvent,
  ZheliRecommendationSnoozeEvent,
} from './events/recommendation-feedback.js';
export type { ZheliRecommendationStartDetail } from './events/recommendation-start.js';
export { ZheliRecommendationStartEvent } from './events/recommendation-start.js';
export type { ZheliRegionChangeDetail } from './events/region-change.js';
export { ZheliRegionChangeEvent } from './events/region-change.js';
export type { ZheliServiceActionDetail } from './events/service-action.js';
export { ZheliApplyEvent, ZheliBookEvent } from './events/service-action.js';
export type { ZheliSignInDetail } from './events/session.js';
export { ZheliSignInEvent, ZheliSignOutEvent } from './events/session.js';
export type {
  Mode,
  ZheliAuth,
  ZheliConfiguration,
  ZheliUser,
} from './internal/config.js';
export { configure } from './internal/configure.js';
export type {
  CallOptions,
  CaseNumber,
  RegionCode,
  RegionQuery,
  ServiceId,
  ServiceQuery,
  SiteQuery,
  SlotQuery,
  WriteOptions,
  ZheliData,
} from './internal/data.js';
export { setLocale } from './internal/locale-switch.js';
export type { Locale } from './internal/localize.js';
export { getLocale, locales } from './internal/localize.js';
export type { ZheliLogger } from './internal/logger.js';
export { setLogger } from './internal/logger.js';
export { ZheliLoginButton } from './login-button/login-button.js';
export { ZheliMatter } from './matter/matter.js';
export { ZheliPoints } from './points/points.js';
export type { CorrectionLevel } from './qr-code/encode.js';
export type { CodeStatus, QrCodeKind } from './qr-code/qr-code.js';
export { ZheliQrCode } from './qr-code/qr-code.js';
export type { ZheliCodeVerification, ZheliCodeVerifyOptions } from './qr-code/verify.js';
export { ZheliRecommendations } from './recommendations/recommendations.js';
export { ZheliRegionPicker } from './region-picker/region-picker.js';
export { ZheliServiceCard } from './service-card/service-card.js';
export { ZheliServiceCatalog } from './service-catalog/service-catalog.js';
