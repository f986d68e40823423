// Generated from @zheli/elements' custom-elements.json by scripts/generate.mjs. Do not edit.

import { createComponent, type EventName } from '@lit/react';
import { ZheliMatter as ZheliMatterElement } from '@zheli/elements/matter/define.js';
import type { ZheliErrorEvent, ZheliMatterSubmittedEvent } from '@zheli/elements';
import React, { type ComponentProps } from 'react';
import { defineElement } from '../define.js';

defineElement('zheli-matter', ZheliMatterElement);

/**
 * `<zheli-matter>` as a React component. A one-matter application (一件事): the bundle's steps across departments, its materials merged across them (one needed by three services is asked for once) with the documents the person already has on file, a form generated from the contract's schema for the bundle, a draft saved on the platform (resumed on any device), one submission with an idempotency key, then each department's progress (受理, 办理中, 办结), the correction of a rejected step, and the evaluation once done.
 *
 * Props are the element's properties (set as properties, objects included); callbacks:
 * - `onZheliMatterSubmitted` (`zheli-matter-submitted`, `ZheliMatterSubmittedEvent`): The platform accepted the application. `detail: { application }`.
 * - `onZheliError` (`zheli-error`, `ZheliErrorEvent`): The guide or the application could not be loaded, or a write failed. `detail: { error }`.
 */
export const ZheliMatter = createComponent({
  react: React,
  tagName: 'zheli-matter',
  elementClass: ZheliMatterElement,
  events: {
    onZheliMatterSubmitted: 'zheli-matter-submitted' as EventName<ZheliMatterSubmittedEvent>,
    onZheliError: 'zheli-error' as EventName<ZheliErrorEvent>,
  },
  displayName: 'ZheliMatter',
});

/** The props of {@link ZheliMatter}. */
export type ZheliMatterProps = ComponentProps<typeof ZheliMatter>;
