/**
 * `@zheli/client/recommendation-controls`: dismissing, snoozing and restoring recommendations,
 * and the consents to the data their rules read, apart from `createClient` so that an app that
 * only lists recommendations does not carry these operations.
 * @packageDocumentation
 */
import { featureCalls } from './core/features.js';
import { recommendationControlsTable } from './generated/recommendation-controls.js';
import type { RecommendationControlsClient, ZheliClient } from './types.js';

export type { RecommendationControlsClient } from './types.js';

/**
 * The recommendation controls and data consents of `client` (made by `createClient`), for the
 * signed-in person (scope `profile`). Creating them does nothing on the network.
 * @example
 * ```ts
 * import { createClient } from '@zheli/client';
 * import { recommendationControls } from '@zheli/client/recommendation-controls';
 *
 * const controls = recommendationControls(createClient({ baseUrl, getAccessToken }));
 * await controls.snoozeRecommendation('rec-old-age-allowance', { days: 30 });
 * ```
 */
export function recommendationControls(client: ZheliClient): RecommendationControlsClient {
  const { call } = featureCalls(client, recommendationControlsTable);
  return {
    dismissRecommendation: (recommendationId, body, o) =>
      call('dismissRecommendation', { path: { recommendationId }, body }, o),
    snoozeRecommendation: (recommendationId, body, o) =>
      call('snoozeRecommendation', { path: { recommendationId }, body }, o),
    restoreRecommendation: (recommendationId, o) =>
      call('restoreRecommendation', { path: { recommendationId } }, o),
    dataConsents: (o) => call('listDataConsents', {}, o),
    setDataConsent: (category, body, o) => call('setDataConsent', { path: { category }, body }, o),
  };
}
