// Generated from @zheli/elements' custom-elements.json by scripts/generate.mjs. Do not edit.

import { createComponent, type EventName } from '@lit/react';
import { ZheliRegionPicker as ZheliRegionPickerElement } from '@zheli/elements/region-picker/define.js';
import type { ZheliErrorEvent, ZheliRegionChangeEvent } from '@zheli/elements';
import React, { type ComponentProps } from 'react';
import { defineElement } from '../define.js';

defineElement('zheli-region-picker', ZheliRegionPickerElement);

/**
 * `<zheli-region-picker>` as a React component. Picks a region: province → city → county, in a popup listbox that works from the keyboard (WAI-ARIA APG select-only combobox) with typeahead.
 *
 * Props are the element's properties (set as properties, objects included); callbacks:
 * - `onZheliRegionChange` (`zheli-region-change`, `ZheliRegionChangeEvent`): The person picked a region. `detail: { region, path }`.
 * - `onZheliError` (`zheli-error`, `ZheliErrorEvent`): Regions could not be loaded. `detail: { error }`.
 */
export const ZheliRegionPicker = createComponent({
  react: React,
  tagName: 'zheli-region-picker',
  elementClass: ZheliRegionPickerElement,
  events: {
    onZheliRegionChange: 'zheli-region-change' as EventName<ZheliRegionChangeEvent>,
    onZheliError: 'zheli-error' as EventName<ZheliErrorEvent>,
  },
  displayName: 'ZheliRegionPicker',
});

/** The props of {@link ZheliRegionPicker}. */
export type ZheliRegionPickerProps = ComponentProps<typeof ZheliRegionPicker>;
