// Generated from @zheli/elements' custom-elements.json by scripts/generate.mjs. Do not edit.

import { createComponent, type EventName } from '@lit/react';
import { ZheliServiceCatalog as ZheliServiceCatalogElement } from '@zheli/elements/service-catalog/define.js';
import type { ZheliApplyEvent, ZheliBookEvent, ZheliCatalogChangeEvent, ZheliErrorEvent } from '@zheli/elements';
import React, { type ComponentProps } from 'react';
import { defineElement } from '../define.js';

defineElement('zheli-service-catalog', ZheliServiceCatalogElement);

/**
 * `<zheli-service-catalog>` as a React component. A region's government services: server-side search, category and audience filters, sort, cursor pagination with infinite scroll, and a virtualized list that stays smooth at 10,000 services.
 *
 * Props are the element's properties (set as properties, objects included); callbacks:
 * - `onZheliCatalogChange` (`zheli-catalog-change`, `ZheliCatalogChangeEvent`): The person changed the search text, a filter or the sort. `detail: { query }`.
 * - `onZheliError` (`zheli-error`, `ZheliErrorEvent`): A page could not be loaded. `detail: { error }`.
 * - `onZheliApply` (`zheli-apply`, `ZheliApplyEvent`): From a card inside (see `<zheli-service-card>`).
 * - `onZheliBook` (`zheli-book`, `ZheliBookEvent`): From a card inside (see `<zheli-service-card>`).
 */
export const ZheliServiceCatalog = createComponent({
  react: React,
  tagName: 'zheli-service-catalog',
  elementClass: ZheliServiceCatalogElement,
  events: {
    onZheliCatalogChange: 'zheli-catalog-change' as EventName<ZheliCatalogChangeEvent>,
    onZheliError: 'zheli-error' as EventName<ZheliErrorEvent>,
    onZheliApply: 'zheli-apply' as EventName<ZheliApplyEvent>,
    onZheliBook: 'zheli-book' as EventName<ZheliBookEvent>,
  },
  displayName: 'ZheliServiceCatalog',
});

/** The props of {@link ZheliServiceCatalog}. */
export type ZheliServiceCatalogProps = ComponentProps<typeof ZheliServiceCatalog>;
