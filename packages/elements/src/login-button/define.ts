import { defineElement } from '../internal/define.js';
import { ZheliLoginButton } from './login-button.js';

defineElement('zheli-login-button', ZheliLoginButton);

export { ZheliLoginButton };

declare global {
  interface HTMLElementTagNameMap {
    'zheli-login-button': ZheliLoginButton;
  }
}
