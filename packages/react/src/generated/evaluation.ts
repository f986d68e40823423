// Generated from @zheli/elements' custom-elements.json by scripts/generate.mjs. Do not edit.

import { createComponent, type EventName } from '@lit/react';
import { ZheliEvaluation as ZheliEvaluationElement } from '@zheli/elements/evaluation/define.js';
import type { ZheliErrorEvent, ZheliEvaluatedEvent } from '@zheli/elements';
import React, { type ComponentProps } from 'react';
import { defineElement } from '../define.js';

defineElement('zheli-evaluation', ZheliEvaluationElement);

/**
 * `<zheli-evaluation>` as a React component. Rates a handled matter (好差评) by its case number: five levels from 非常满意 to 非常不满意 as a radio group, reason tags of the chosen level, an optional comment with a length counter, submitted once with an idempotency key; then a thank-you, or the evaluation already given, read-only. Signed-in only.
 *
 * Props are the element's properties (set as properties, objects included); callbacks:
 * - `onZheliEvaluated` (`zheli-evaluated`, `ZheliEvaluatedEvent`): The platform saved the rating. `detail: { evaluation }`.
 * - `onZheliError` (`zheli-error`, `ZheliErrorEvent`): The matter could not be loaded, or the rating not submitted. `detail: { error }`.
 */
export const ZheliEvaluation = createComponent({
  react: React,
  tagName: 'zheli-evaluation',
  elementClass: ZheliEvaluationElement,
  events: {
    onZheliEvaluated: 'zheli-evaluated' as EventName<ZheliEvaluatedEvent>,
    onZheliError: 'zheli-error' as EventName<ZheliErrorEvent>,
  },
  displayName: 'ZheliEvaluation',
});

/** The props of {@link ZheliEvaluation}. */
export type ZheliEvaluationProps = ComponentProps<typeof ZheliEvaluation>;
