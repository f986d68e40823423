// Generated from @zheli/elements' custom-elements.json by scripts/generate.mjs. Do not edit.

import { createComponent, type EventName } from '@lit/react';
import { ZheliQrCode as ZheliQrCodeElement } from '@zheli/elements/qr-code/define.js';
import type { ZheliCodeRefreshEvent, ZheliErrorEvent } from '@zheli/elements';
import React, { type ComponentProps } from 'react';
import { defineElement } from '../define.js';

defineElement('zheli-qr-code', ZheliQrCodeElement);

/**
 * `<zheli-qr-code>` as a React component. A QR code as crisp SVG: any text, or a signed code fetched from the platform (a personal service code that refreshes itself, a venue code, an appointment ticket), with its status colour named in words and its content available to copy.
 *
 * Props are the element's properties (set as properties, objects included); callbacks:
 * - `onZheliCodeRefresh` (`zheli-code-refresh`, `ZheliCodeRefreshEvent`): A fresh code replaced the one shown. `detail: { code }`.
 * - `onZheliError` (`zheli-error`, `ZheliErrorEvent`): The code could not be fetched or encoded. `detail: { error }`.
 */
export const ZheliQrCode = createComponent({
  react: React,
  tagName: 'zheli-qr-code',
  elementClass: ZheliQrCodeElement,
  events: {
    onZheliCodeRefresh: 'zheli-code-refresh' as EventName<ZheliCodeRefreshEvent>,
    onZheliError: 'zheli-error' as EventName<ZheliErrorEvent>,
  },
  displayName: 'ZheliQrCode',
});

/** The props of {@link ZheliQrCode}. */
export type ZheliQrCodeProps = ComponentProps<typeof ZheliQrCode>;
