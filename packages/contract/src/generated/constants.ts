// GENERATED FILE: do not edit. Run `npm run generate -w @zheli/contract` after changing openapi.yaml.

/** The OAuth scopes the platform grants, as in the `oidc` security scheme. */
export const scopes = ["openid","offline_access","profile","phone","identity","appointments","codes","evaluations","applications","points","points:record"] as const;

/** The stable error codes of problem details, as in the `ErrorCode` schema. */
export const errorCodes = ["validation_failed","idempotency_key_required","unauthenticated","insufficient_scope","not_found","slot_full","slot_unavailable","appointment_exists","appointment_not_cancellable","already_evaluated","step_not_rejected","insufficient_points","idempotency_conflict","idempotency_in_progress","payload_too_large","rate_limited","service_unavailable","internal_error"] as const;
