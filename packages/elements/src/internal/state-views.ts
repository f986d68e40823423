// The states elements that load one thing share, written once: signed out (with a sign-in button
// when an auth is configured) and a failed load (with a retry). Focusable (`tabindex="-1"`) so an
// element can move focus to the state that replaced what the person was using.
import { html, nothing, type TemplateResult } from 'lit';
import { commonMessages, loginMessages } from './messages.js';

/** `text` and, with `signIn` (an auth is configured), a button that signs in. */
export function signedOutView(text: string, signIn: (() => void) | undefined): TemplateResult {
  return html`<div part="message" class="message" role="status" tabindex="-1">
    <p>${text}</p>
    ${
      signIn === undefined
        ? nothing
        : html`<button part="button" class="button primary" type="button" @click=${signIn}>
          ${loginMessages.loginSignIn()}
        </button>`
    }
  </div>`;
}

/** The load failed: an alert with a button that runs `retry`. */
export function loadErrorView(retry: () => void): TemplateResult {
  return html`<div part="message" class="message error" role="alert" tabindex="-1">
    <p>${commonMessages.loadFailed()}</p>
    <button part="button" class="button" type="button" @click=${retry}>
      ${commonMessages.retry()}
    </button>
  </div>`;
}
