// Generated from @zheli/elements' custom-elements.json by scripts/generate.mjs. Do not edit.

import { createComponent, type EventName } from '@lit/react';
import { ZheliServiceCard as ZheliServiceCardElement } from '@zheli/elements/service-card/define.js';
import type { ZheliApplyEvent, ZheliBookEvent, ZheliErrorEvent } from '@zheli/elements';
import React, { type ComponentProps } from 'react';
import { defineElement } from '../define.js';

defineElement('zheli-service-card', ZheliServiceCardElement);

/**
 * `<zheli-service-card>` as a React component. One government service at a glance: name, department, how far it is online, promised time, fee, rating, and the actions to apply or book.
 *
 * Props are the element's properties (set as properties, objects included); callbacks:
 * - `onZheliApply` (`zheli-apply`, `ZheliApplyEvent`): The person chose "apply online". Cancelable: `preventDefault()` keeps the default link from being followed. `detail: { service, href }`.
 * - `onZheliBook` (`zheli-book`, `ZheliBookEvent`): The person chose "book". Cancelable like `zheli-apply`.
 * - `onZheliError` (`zheli-error`, `ZheliErrorEvent`): The service could not be loaded. `detail: { error }`.
 */
export const ZheliServiceCard = createComponent({
  react: React,
  tagName: 'zheli-service-card',
  elementClass: ZheliServiceCardElement,
  events: {
    onZheliApply: 'zheli-apply' as EventName<ZheliApplyEvent>,
    onZheliBook: 'zheli-book' as EventName<ZheliBookEvent>,
    onZheliError: 'zheli-error' as EventName<ZheliErrorEvent>,
  },
  displayName: 'ZheliServiceCard',
});

/** The props of {@link ZheliServiceCard}. */
export type ZheliServiceCardProps = ComponentProps<typeof ZheliServiceCard>;
