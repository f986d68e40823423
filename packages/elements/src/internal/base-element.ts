import { ContextEvent } from '@lit/context';
import { LitElement, type PropertyDeclarations } from 'lit';
import { ZheliErrorEvent } from '../events/error.js';
import { appChange, appElder, followApp } from './app-container.js';
import { configContext, ensureContextRoot, type Mode, type ZheliConfiguration } from './config.js';
import { getLocale, type Locale } from './localize.js';

/** The connected elements: the page's one listener re-renders them (see `update`). */
const connected = new Set<ZheliElement>();
let listening = false;

/**
 * Re-renders every element when the locale changes (what `updateWhenLocaleChanges` does), and
 * when the app container's bridge or style does (an element may offer the app's actions): one
 * listener for the page, not one per element (adding the same function again adds nothing).
 */
const update = (): void => {
  for (const element of connected) element.requestUpdate();
};

/**
 * What every element shares: the configuration from `@lit/context`, elder mode (per element,
 * per page, or from the platform's app container), and re-rendering when the locale changes.
 */
export class ZheliElement extends LitElement {
  // Declared without decorators, so an element that uses none ships no decorator helpers.
  static override properties: PropertyDeclarations = {
    config: { attribute: false },
    mode: { reflect: true },
  };

  declare protected config: ZheliConfiguration | undefined;

  /**
   * `elder` for elder mode (适老化), `standard` to opt out of the page's; unset follows the page.
   * @attr mode
   */
  declare mode: Mode | undefined;

  private unsubscribe: (() => void) | undefined;

  /**
   * Receives the configuration: the `@lit/context` protocol's callback for a subscribing request,
   * answered by the nearest `<zheli-config>` or by `configure()` (what `ContextConsumer` does,
   * in a few lines, since every element's entry carries it).
   */
  private onConfig = (value: ZheliConfiguration | undefined, unsubscribe?: () => void): void => {
    if (unsubscribe !== this.unsubscribe) this.unsubscribe?.();
    this.unsubscribe = unsubscribe;
    this.config = value;
  };

  override connectedCallback(): void {
    // Before the request, so a configuration that arrives later still reaches this element.
    ensureContextRoot();
    super.connectedCallback();
    const request = new ContextEvent(configContext, this, this.onConfig, true);
    this.dispatchEvent(request);
    // Once for the page: adding the same listener again adds nothing, but still costs a call.
    if (!listening) {
      listening = true;
      window.addEventListener('lit-localize-status', update);
      window.addEventListener(appChange, update);
    }
    connected.add(this);
    followApp();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    connected.delete(this);
  }

  /** Whether elder mode applies: the element's `mode`, else the page's, else the container's. */
  protected get elder(): boolean {
    return (this.mode ?? this.config?.mode ?? (appElder() && 'elder')) === 'elder';
  }

  /** The active locale, for `Intl` and for names the contract carries per language. */
  protected get locale(): Locale {
    return getLocale();
  }

  /**
   * The one sign-in action of every element's sign-in button: signs in with the configured auth,
   * asking the platform's sign-in pages for this element's language (`ui_locales`) and, in elder
   * mode, its elder style (`_uiStyle=elder`), then runs `then` (a popup signs in here; a redirect
   * leaves the page first). A failure of either is reported (`zheli-error`), never thrown;
   * resolves whether both succeeded.
   */
  protected async signIn(then: () => unknown, popup = false): Promise<boolean> {
    const params: Record<string, string> = { ui_locales: this.locale };
    if (this.elder) params._uiStyle = 'elder';
    try {
      await this.config?.auth?.signIn({ popup, params });
      await then();
      return true;
    } catch (error) {
      this.reportError(error);
      return false;
    }
  }

  /** Reports a failure to the host page. */
  protected reportError(error: unknown): void {
    this.dispatchEvent(new ZheliErrorEvent({ error }));
  }
}
