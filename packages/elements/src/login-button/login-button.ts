import { maskName } from '@zheli/contract/mask';
import { html, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { classMap } from 'lit/directives/class-map.js';
import { ZheliSignInEvent, ZheliSignOutEvent } from '../events/session.js';
import { ZheliElement } from '../internal/base-element.js';
import { loginMessages } from '../internal/messages.js';
import { UserController } from '../internal/user.js';
import { styles } from './login-button.styles.js';

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
 * @csspart message - The not-configured, failure and expired-session messages.
 *
 * @cssproperty [--inline-size=auto] - The wrapper's width.
 */
export class ZheliLoginButton extends ZheliElement {
  static override styles = [styles];

  /** The signed-in person, kept current from the configured auth's changes. */
  private session = new UserController(this, () => this.config?.auth, {
    onChange: () => {
      this.failed = false;
    },
    onError: (error) => this.reportError(error),
  });

  @state() private signingIn = false;
  @state() private failed = false;

  /** Sign in in a popup window instead of redirecting the page. */
  @property({ type: Boolean, reflect: true }) popup = false;

  private onSignIn = async (): Promise<void> => {
    const auth = this.config?.auth;
    if (auth === undefined || this.signingIn) return;
    this.signingIn = true;
    this.failed = false;
    // A popup signs in here; a redirect leaves the page and comes back signed in.
    this.failed = !(await this.signIn(async () => {
      const user = await this.session.refresh();
      if (user) this.dispatchEvent(new ZheliSignInEvent({ user }));
    }, this.popup));
    this.signingIn = false;
  };

  private onSignOut = async (): Promise<void> => {
    const auth = this.config?.auth;
    if (auth === undefined) return;
    try {
      await auth.signOut();
      await this.session.refresh();
      this.dispatchEvent(new ZheliSignOutEvent());
    } catch (error) {
      this.failed = true;
      this.reportError(error);
    }
  };

  private renderBody(): TemplateResult {
    if (this.config?.auth === undefined) {
      return html`<p part="message" class="message" role="status">${loginMessages.loginNoAuth()}</p>`;
    }
    const { user, expired } = this.session;
    if (user) {
      const claimed = user.claims.name;
      const name = maskName(typeof claimed === 'string' ? claimed : user.sub);
      return html`<span part="name" class="name">${loginMessages.loginSignedInAs(name)}</span>
        <button part="button" class="button" type="button" @click=${this.onSignOut}>
          ${loginMessages.loginSignOut()}
        </button>`;
    }
    const busy = user === undefined || this.signingIn;
    return html`${
      this.failed
        ? html`<span part="message" class="message error" role="alert">${loginMessages.loginFailed()}</span>`
        : expired
          ? html`<span part="message" class="message" role="status">${loginMessages.loginExpired()}</span>`
          : ''
    }
      <button
        part="button"
        class="button primary"
        type="button"
        aria-disabled=${busy ? 'true' : 'false'}
        @click=${this.onSignIn}
      >
        ${this.signingIn ? loginMessages.loginSigningIn() : loginMessages.loginSignIn()}
      </button>`;
  }

  override render(): TemplateResult {
    return html`<div part="base" class=${classMap({ base: true, elder: this.elder })} lang=${this.locale}>
      ${this.renderBody()}
    </div>`;
  }
}
