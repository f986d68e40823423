import { ContextProvider } from '@lit/context';
import { css, html, LitElement, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import {
  askAgain,
  configContext,
  ensureContextRoot,
  type Mode,
  type ZheliConfiguration,
} from '../internal/config.js';
import { connectAuth, connectClient, type TokenSource } from '../internal/connect.js';
import { setLocale } from '../internal/locale-switch.js';
import { isLocale, sourceLocale } from '../internal/localize.js';

/**
 * @tagname zheli-config
 * @summary Configures the elements inside it from attributes: where the API is, how to sign in,
 * the language and elder mode. For county sites that have only HTML.
 * @since 0.1.0
 *
 * @slot - The elements to configure.
 */
export class ZheliConfig extends LitElement {
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  private provider = new ContextProvider(this, { context: configContext });

  /** The platform's API, e.g. `https://api.zheli.example.gov.cn`. */
  @property({ attribute: 'base-url' }) baseUrl: string | undefined;

  /** The OIDC client id registered for this site (needed for sign-in). */
  @property({ attribute: 'client-id' }) clientId: string | undefined;

  /** The OIDC issuer (needed for sign-in). */
  @property() authority: string | undefined;

  /** Where the platform returns after sign-in; defaults to this page without its query. */
  @property({ attribute: 'redirect-uri' }) redirectUri: string | undefined;

  /** The scopes to ask for at sign-in. */
  @property() scope: string | undefined;

  /**
   * `zh-CN`, `zh-TW` or `en`; unset: the platform app's language inside the app, else `zh-CN`.
   */
  @property() locale: string | undefined;

  /** `elder` turns on elder mode for every element inside. */
  @property() mode: Mode | undefined;

  /** The citizen portal that default "apply" and "book" links lead to. */
  @property({ attribute: 'portal-url' }) portalUrl: string | undefined;

  /**
   * How long, in milliseconds, the elements wait after the last one asked for data before they
   * ask the platform (one request for all; `0`: only those added in the same task). The
   * client's `batchDelay`: 16 by default.
   */
  @property({ attribute: 'batch-window', type: Number }) batchWindow: number | undefined;

  override connectedCallback(): void {
    ensureContextRoot();
    super.connectedCallback();
    // Elements inside that connected first (and got the page's configuration, or none) ask again.
    askAgain();
  }

  override willUpdate(changed: PropertyValues<this>): void {
    const configuration: ZheliConfiguration = {
      client: undefined,
      auth: undefined,
      locale: isLocale(this.locale) ? this.locale : sourceLocale,
      mode: this.mode,
      portalUrl: this.portalUrl,
    };
    const previous = this.provider.value;
    const authChanged =
      changed.has('authority') ||
      changed.has('clientId') ||
      changed.has('redirectUri') ||
      changed.has('scope') ||
      previous === undefined;
    const auth = authChanged
      ? this.authority && this.clientId
        ? connectAuth({
            authority: this.authority,
            clientId: this.clientId,
            redirectUri: this.redirectUri ?? `${location.origin}${location.pathname}`,
            ...(this.scope ? { scope: this.scope } : {}),
          })
        : undefined
      : previous.auth;
    // The client sends the signed-in person's access token, so it is rebuilt with the auth.
    const connection =
      changed.has('baseUrl') || changed.has('locale') || changed.has('batchWindow') || authChanged
        ? this.baseUrl
          ? connectClient(
              this.baseUrl,
              configuration.locale ?? sourceLocale,
              auth && 'getAccessToken' in auth ? (auth.getAccessToken as TokenSource) : undefined,
              this.batchWindow,
            )
          : undefined
        : previous.client;
    this.provider.setValue({ ...configuration, client: connection, auth }, true);
    if (changed.has('locale')) void setLocale(configuration.locale ?? sourceLocale);
  }

  override render(): TemplateResult {
    return html`<slot></slot>`;
  }
}
