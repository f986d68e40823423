import { maskName } from '@zheli/contract/mask';
import { html, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { classMap } from 'lit/directives/class-map.js';
import { ZheliSignInEvent, ZheliSignOutEvent } from '../events/session.js';
import { ZheliElement } from '../internal/base-element.js';
import type { ZheliUser } from '../internal/config.js';
import { loginMessages } from '../internal/messages.js';
import { styles } from './login-button.styles.js';

type Status = 'checking' | 'signed-out' | 'signing-in' | 'signed-in' | 'failed';

/**
 * @tagname zheli-login-button
 * @summary Signs the person in and out through the configured auth, and shows who is signed in
 * with a masked name (the platform's one rule, `@zheli/contract/mask`: `王*英`, `O***** B******`).
 * @since 0.1.0
 *
 * @event {ZheliSignInEvent} zheli-sign-in - A popup sign-in completed. `detail: { user }`.
 * @event {ZheliSignOutEvent} zheli-sign-out - The person signed out.
 * @event {ZheliErrorEvent} zheli-error - Sign-in or sign-out failed. `detail: { error }`.
 *
 * @csspart base - The wrapper.
 * @csspart button - The sign-in or sign-out button.
 * @csspart name - The signed-in person's masked name.
 * @csspart message - The not-configured and failure messages.
 *
 * @cssproperty [--inline-size=auto] - The wrapper's width.
 */
export class ZheliLoginButton extends ZheliElement {
  static override styles = [styles];

  @state() private status: Status = 'checking';
  @state() private user: ZheliUser | null = null;

  /** Sign in in a popup window instead of redirecting the page. */
  @property({ type: Boolean, reflect: true }) popup = false;

  override willUpdate(changed: PropertyValues): void {
    if (changed.has('config')) void this.check();
  }

  private onSignIn = async (): Promise<void> => {
    const auth = this.config?.auth;
    if (auth === undefined || this.status === 'signing-in') return;
    this.status = 'signing-in';
    try {
      await auth.signIn({ popup: this.popup });
      const user = await auth.getUser();
      this.user = user;
      this.status = user === null ? 'signed-out' : 'signed-in';
      if (user !== null) this.dispatchEvent(new ZheliSignInEvent({ user }));
    } catch (error) {
      this.status = 'failed';
      this.reportError(error);
    }
  };

  private onSignOut = async (): Promise<void> => {
    const auth = this.config?.auth;
    if (auth === undefined) return;
    try {
      await auth.signOut();
      this.user = null;
      this.status = 'signed-out';
      this.dispatchEvent(new ZheliSignOutEvent());
    } catch (error) {
      this.status = 'failed';
      this.reportError(error);
    }
  };

  private async check(): Promise<void> {
    const auth = this.config?.auth;
    if (auth === undefined) return;
    this.status = 'checking';
    try {
      this.user = await auth.getUser();
      this.status = this.user === null ? 'signed-out' : 'signed-in';
    } catch (error) {
      this.user = null;
      this.status = 'signed-out';
      this.reportError(error);
    }
  }

  private renderBody(): TemplateResult {
    if (this.config?.auth === undefined) {
      return html`<p part="message" class="message" role="status">${loginMessages.loginNoAuth()}</p>`;
    }
    if (this.status === 'signed-in' && this.user !== null) {
      const claimed = this.user.claims.name;
      const name = maskName(typeof claimed === 'string' ? claimed : this.user.sub);
      return html`<span part="name" class="name">${loginMessages.loginSignedInAs(name)}</span>
        <button part="button" class="button" type="button" @click=${this.onSignOut}>
          ${loginMessages.loginSignOut()}
        </button>`;
    }
    const busy = this.status === 'checking' || this.status === 'signing-in';
    return html`${
      this.status === 'failed'
        ? html`<span part="message" class="message error" role="alert">${loginMessages.loginFailed()}</span>`
        : ''
    }
      <button
        part="button"
        class="button primary"
        type="button"
        aria-disabled=${busy ? 'true' : 'false'}
        @click=${this.onSignIn}
      >
        ${this.status === 'signing-in' ? loginMessages.loginSigningIn() : loginMessages.loginSignIn()}
      </button>`;
  }

  override render(): TemplateResult {
    return html`<div part="base" class=${classMap({ base: true, elder: this.elder })} lang=${this.locale}>
      ${this.renderBody()}
    </div>`;
  }
}
