// Generated from @zheli/elements' custom-elements.json by scripts/generate.mjs. Do not edit.

import { createComponent, type EventName } from '@lit/react';
import { ZheliLoginButton as ZheliLoginButtonElement } from '@zheli/elements/login-button/define.js';
import type { ZheliErrorEvent, ZheliSignInEvent, ZheliSignOutEvent } from '@zheli/elements';
import React, { type ComponentProps } from 'react';
import { defineElement } from '../define.js';

defineElement('zheli-login-button', ZheliLoginButtonElement);

/**
 * `<zheli-login-button>` as a React component. Signs the person in and out through the configured auth, and shows who is signed in with a masked name (the platform's one rule, `@zheli/contract/mask`: `王*英`, `O***** B******`).
 *
 * Props are the element's properties (set as properties, objects included); callbacks:
 * - `onZheliSignIn` (`zheli-sign-in`, `ZheliSignInEvent`): A popup sign-in completed. `detail: { user }`.
 * - `onZheliSignOut` (`zheli-sign-out`, `ZheliSignOutEvent`): The person signed out.
 * - `onZheliError` (`zheli-error`, `ZheliErrorEvent`): Sign-in or sign-out failed. `detail: { error }`.
 */
export const ZheliLoginButton = createComponent({
  react: React,
  tagName: 'zheli-login-button',
  elementClass: ZheliLoginButtonElement,
  events: {
    onZheliSignIn: 'zheli-sign-in' as EventName<ZheliSignInEvent>,
    onZheliSignOut: 'zheli-sign-out' as EventName<ZheliSignOutEvent>,
    onZheliError: 'zheli-error' as EventName<ZheliErrorEvent>,
  },
  displayName: 'ZheliLoginButton',
});

/** The props of {@link ZheliLoginButton}. */
export type ZheliLoginButtonProps = ComponentProps<typeof ZheliLoginButton>;
