// Generated from @zheli/elements' custom-elements.json by scripts/generate.mjs. Do not edit.

import { createComponent } from '@lit/react';
import { ZheliConfig as ZheliConfigElement } from '@zheli/elements/config/define.js';
import React, { type ComponentProps } from 'react';
import { defineElement } from '../define.js';

defineElement('zheli-config', ZheliConfigElement);

/**
 * `<zheli-config>` as a React component. Configures the elements inside it from attributes: where the API is, how to sign in, the language and elder mode. For county sites that have only HTML.
 *
 * Props are the element's properties (set as properties, objects included); callbacks:
 * none.
 */
export const ZheliConfig = createComponent({
  react: React,
  tagName: 'zheli-config',
  elementClass: ZheliConfigElement,
  events: {},
  displayName: 'ZheliConfig',
});

/** The props of {@link ZheliConfig}. */
export type ZheliConfigProps = ComponentProps<typeof ZheliConfig>;
