// Generated from @zheli/elements' custom-elements.json by scripts/generate.mjs. Do not edit.
export { ZheliAppointmentPicker, type ZheliAppointmentPickerProps } from './appointment-picker.js';
export { ZheliConfig, type ZheliConfigProps } from './config.js';
export { ZheliEvaluation, type ZheliEvaluationProps } from './evaluation.js';
export { ZheliLoginButton, type ZheliLoginButtonProps } from './login-button.js';
export { ZheliMatter, type ZheliMatterProps } from './matter.js';
export { ZheliPoints, type ZheliPointsProps } from './points.js';
export { ZheliQrCode, type ZheliQrCodeProps } from './qr-code.js';
export { ZheliRecommendations, type ZheliRecommendationsProps } from './recommendations.js';
export { ZheliRegionPicker, type ZheliRegionPickerProps } from './region-picker.js';
export { ZheliServiceCard, type ZheliServiceCardProps } from './service-card.js';
export { ZheliServiceCatalog, type ZheliServiceCatalogProps } from './service-catalog.js';

/** Every generated component: its tag and its event callbacks (tests, tools). */
export const components = [
  {
    "tagName": "zheli-appointment-picker",
    "component": "ZheliAppointmentPicker",
    "events": {
      "onZheliSlotSelect": "zheli-slot-select",
      "onZheliBooked": "zheli-booked",
      "onZheliCancelled": "zheli-cancelled",
      "onZheliError": "zheli-error"
    }
  },
  {
    "tagName": "zheli-config",
    "component": "ZheliConfig",
    "events": {}
  },
  {
    "tagName": "zheli-evaluation",
    "component": "ZheliEvaluation",
    "events": {
      "onZheliEvaluated": "zheli-evaluated",
      "onZheliError": "zheli-error"
    }
  },
  {
    "tagName": "zheli-login-button",
    "component": "ZheliLoginButton",
    "events": {
      "onZheliSignIn": "zheli-sign-in",
      "onZheliSignOut": "zheli-sign-out",
      "onZheliError": "zheli-error"
    }
  },
  {
    "tagName": "zheli-matter",
    "component": "ZheliMatter",
    "events": {
      "onZheliMatterSubmitted": "zheli-matter-submitted",
      "onZheliError": "zheli-error"
    }
  },
  {
    "tagName": "zheli-points",
    "component": "ZheliPoints",
    "events": {
      "onZheliPointsRedeemed": "zheli-points-redeemed",
      "onZheliError": "zheli-error"
    }
  },
  {
    "tagName": "zheli-qr-code",
    "component": "ZheliQrCode",
    "events": {
      "onZheliCodeRefresh": "zheli-code-refresh",
      "onZheliError": "zheli-error"
    }
  },
  {
    "tagName": "zheli-recommendations",
    "component": "ZheliRecommendations",
    "events": {
      "onZheliRecommendationStart": "zheli-recommendation-start",
      "onZheliRecommendationDismiss": "zheli-recommendation-dismiss",
      "onZheliRecommendationSnooze": "zheli-recommendation-snooze",
      "onZheliRecommendationRestore": "zheli-recommendation-restore",
      "onZheliConsentChange": "zheli-consent-change",
      "onZheliError": "zheli-error"
    }
  },
  {
    "tagName": "zheli-region-picker",
    "component": "ZheliRegionPicker",
    "events": {
      "onZheliRegionChange": "zheli-region-change",
      "onZheliError": "zheli-error"
    }
  },
  {
    "tagName": "zheli-service-card",
    "component": "ZheliServiceCard",
    "events": {
      "onZheliApply": "zheli-apply",
      "onZheliBook": "zheli-book",
      "onZheliError": "zheli-error"
    }
  },
  {
    "tagName": "zheli-service-catalog",
    "component": "ZheliServiceCatalog",
    "events": {
      "onZheliCatalogChange": "zheli-catalog-change",
      "onZheliError": "zheli-error",
      "onZheliApply": "zheli-apply",
      "onZheliBook": "zheli-book"
    }
  }
] as const;
