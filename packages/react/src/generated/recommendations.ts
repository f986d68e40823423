// Generated from @zheli/elements' custom-elements.json by scripts/generate.mjs. Do not edit.

import { createComponent, type EventName } from '@lit/react';
import { ZheliRecommendations as ZheliRecommendationsElement } from '@zheli/elements/recommendations/define.js';
import type { ZheliConsentChangeEvent, ZheliErrorEvent, ZheliRecommendationDismissEvent, ZheliRecommendationRestoreEvent, ZheliRecommendationSnoozeEvent, ZheliRecommendationStartEvent } from '@zheli/elements';
import React, { type ComponentProps } from 'react';
import { defineElement } from '../define.js';

defineElement('zheli-recommendations', ZheliRecommendationsElement);

/**
 * `<zheli-recommendations>` as a React component. The signed-in person's proactive recommendations (主动服务、政策直达): each with the reason it applies in words, its deadline if any, the data its rule reads, and a link that starts it, into the service or the one-matter bundle; dismiss (saying why) or snooze (7 or 30 days), with an undo; and the consent to each data category the rules read, shown with its purpose and scope and revocable (PIPL). Signed out, a prompt to sign in.
 *
 * Props are the element's properties (set as properties, objects included); callbacks:
 * - `onZheliRecommendationStart` (`zheli-recommendation-start`, `ZheliRecommendationStartEvent`): Someone started a recommendation. Cancelable: `preventDefault()` keeps the link from being followed. `detail: { recommendation, href }`.
 * - `onZheliRecommendationDismiss` (`zheli-recommendation-dismiss`, `ZheliRecommendationDismissEvent`): The platform saved a dismissal. `detail: { recommendation, reason }`.
 * - `onZheliRecommendationSnooze` (`zheli-recommendation-snooze`, `ZheliRecommendationSnoozeEvent`): The platform saved a snooze. `detail: { recommendation, days, until }`.
 * - `onZheliRecommendationRestore` (`zheli-recommendation-restore`, `ZheliRecommendationRestoreEvent`): An undo listed a dismissed or snoozed recommendation again. `detail: { recommendation }`.
 * - `onZheliConsentChange` (`zheli-consent-change`, `ZheliConsentChangeEvent`): The person granted or revoked a data category. `detail: { category, granted }`.
 * - `onZheliError` (`zheli-error`, `ZheliErrorEvent`): The recommendations or consents could not be loaded or saved, or sign-in failed. `detail: { error }`.
 */
export const ZheliRecommendations = createComponent({
  react: React,
  tagName: 'zheli-recommendations',
  elementClass: ZheliRecommendationsElement,
  events: {
    onZheliRecommendationStart: 'zheli-recommendation-start' as EventName<ZheliRecommendationStartEvent>,
    onZheliRecommendationDismiss: 'zheli-recommendation-dismiss' as EventName<ZheliRecommendationDismissEvent>,
    onZheliRecommendationSnooze: 'zheli-recommendation-snooze' as EventName<ZheliRecommendationSnoozeEvent>,
    onZheliRecommendationRestore: 'zheli-recommendation-restore' as EventName<ZheliRecommendationRestoreEvent>,
    onZheliConsentChange: 'zheli-consent-change' as EventName<ZheliConsentChangeEvent>,
    onZheliError: 'zheli-error' as EventName<ZheliErrorEvent>,
  },
  displayName: 'ZheliRecommendations',
});

/** The props of {@link ZheliRecommendations}. */
export type ZheliRecommendationsProps = ComponentProps<typeof ZheliRecommendations>;
