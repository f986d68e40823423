// Generated from @zheli/elements' custom-elements.json by scripts/generate.mjs. Do not edit.

import { createComponent, type EventName } from '@lit/react';
import { ZheliRecommendations as ZheliRecommendationsElement } from '@zheli/elements/recommendations/define.js';
import type { ZheliErrorEvent, ZheliRecommendationStartEvent } from '@zheli/elements';
import React, { type ComponentProps } from 'react';
import { defineElement } from '../define.js';

defineElement('zheli-recommendations', ZheliRecommendationsElement);

/**
 * `<zheli-recommendations>` as a React component. The signed-in person's proactive recommendations (主动服务、政策直达): each with the reason it applies in words, its deadline if any, and a link that starts it, into the service or the one-matter bundle. Signed out, a prompt to sign in.
 *
 * Props are the element's properties (set as properties, objects included); callbacks:
 * - `onZheliRecommendationStart` (`zheli-recommendation-start`, `ZheliRecommendationStartEvent`): Someone started a recommendation. Cancelable: `preventDefault()` keeps the link from being followed. `detail: { recommendation, href }`.
 * - `onZheliError` (`zheli-error`, `ZheliErrorEvent`): The recommendations could not be loaded, or sign-in failed. `detail: { error }`.
 */
export const ZheliRecommendations = createComponent({
  react: React,
  tagName: 'zheli-recommendations',
  elementClass: ZheliRecommendationsElement,
  events: {
    onZheliRecommendationStart: 'zheli-recommendation-start' as EventName<ZheliRecommendationStartEvent>,
    onZheliError: 'zheli-error' as EventName<ZheliErrorEvent>,
  },
  displayName: 'ZheliRecommendations',
});

/** The props of {@link ZheliRecommendations}. */
export type ZheliRecommendationsProps = ComponentProps<typeof ZheliRecommendations>;
