import { ContextConsumer } from '@lit/context';
import { updateWhenLocaleChanges } from '@lit/localize/internal/localized-controller.js';
import { LitElement, type PropertyDeclarations } from 'lit';
import { ZheliErrorEvent } from '../events/error.js';
import { appContainerMode } from './app-container.js';
import { configContext, ensureContextRoot, type Mode, type ZheliConfiguration } from './config.js';
import { getLocale, type Locale } from './localize.js';

/**
 * What every element shares: the configuration from `@lit/context`, elder mode (per element,
 * per page, or from the platform's app container), and re-rendering when the locale changes.
 */
export class ZheliElement extends LitElement {
  // Declared without decorators, so an element that uses none ships no decorator helpers.
  static override properties: PropertyDeclarations = {
    config: { state: true },
    containerMode: { state: true },
    mode: { reflect: true },
  };

  protected declare config: ZheliConfiguration | undefined;

  private declare containerMode: Mode | undefined;

  /**
   * `elder` for elder mode (适老化), `standard` to opt out of the page's; unset follows the page.
   * @attr mode
   */
  declare mode: Mode | undefined;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    new ContextConsumer(this, {
      context: configContext,
      subscribe: true,
      callback: (value) => {
        this.config = value;
      },
    });
  }

  override connectedCallback(): void {
    // Before the consumer asks (in super), so a configuration that arrives later still reaches it.
    ensureContextRoot();
    super.connectedCallback();
    void appContainerMode().then((mode) => {
      this.containerMode = mode;
    });
  }

  /** Whether elder mode applies: the element's `mode`, else the page's, else the container's. */
  protected get elder(): boolean {
    return (this.mode ?? this.config?.mode ?? this.containerMode) === 'elder';
  }

  /** The active locale, for `Intl` and for names the contract carries per language. */
  protected get locale(): Locale {
    return getLocale();
  }

  /** Reports a failure to the host page. */
  protected reportError(error: unknown): void {
    this.dispatchEvent(new ZheliErrorEvent({ error }));
  }
}
