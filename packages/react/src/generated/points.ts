// Generated from @zheli/elements' custom-elements.json by scripts/generate.mjs. Do not edit.

import { createComponent, type EventName } from '@lit/react';
import { ZheliPoints as ZheliPointsElement } from '@zheli/elements/points/define.js';
import type { ZheliErrorEvent, ZheliPointsRedeemedEvent } from '@zheli/elements';
import React, { type ComponentProps } from 'react';
import { defineElement } from '../define.js';

defineElement('zheli-points', ZheliPointsElement);

/**
 * `<zheli-points>` as a React component. A village's governance points (信治积分): the signed-in person's balance and their household's, the ledger's history with who recorded each entry and why, the village's rules, and its points shop, where a reward is redeemed for a signed code shown as a QR code.
 *
 * Props are the element's properties (set as properties, objects included); callbacks:
 * - `onZheliPointsRedeemed` (`zheli-points-redeemed`, `ZheliPointsRedeemedEvent`): Points were redeemed for a reward. `detail: { redemption }`.
 * - `onZheliError` (`zheli-error`, `ZheliErrorEvent`): The points could not be loaded or redeemed, or sign-in failed. `detail: { error }`.
 */
export const ZheliPoints = createComponent({
  react: React,
  tagName: 'zheli-points',
  elementClass: ZheliPointsElement,
  events: {
    onZheliPointsRedeemed: 'zheli-points-redeemed' as EventName<ZheliPointsRedeemedEvent>,
    onZheliError: 'zheli-error' as EventName<ZheliErrorEvent>,
  },
  displayName: 'ZheliPoints',
});

/** The props of {@link ZheliPoints}. */
export type ZheliPointsProps = ComponentProps<typeof ZheliPoints>;
