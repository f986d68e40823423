import type { Schemas } from '@zheli/contract';
import {
  html,
  nothing,
  type PropertyDeclarations,
  type PropertyValues,
  type TemplateResult,
} from 'lit';
import { ZheliApplyEvent, ZheliBookEvent } from '../events/service-action.js';
import { appBridge } from '../internal/app-container.js';
import { ZheliElement } from '../internal/base-element.js';
import { formatInteger } from '../internal/integer.js';
import { cardMessages, commonMessages } from '../internal/messages.js';
import { styles } from './service-card.styles.js';

type Status = 'idle' | 'loading' | 'ready' | 'not-found' | 'error';

const defaultPortal = 'https://www.zjzwfw.gov.cn';

/**
 * The number formats, made once for every card: `toLocaleString` made a new `Intl.NumberFormat`
 * on each call, three a card, the most of a card's time beyond Lit's in a profile of 1,000 cards.
 */
const formats: Record<string, Intl.NumberFormat> = {};
/**
 * The numbers formatted so far, by format and value: `format` itself was then the most (four
 * calls a card), and a list's cards repeat their numbers (days, fees, scores). Forgotten after
 * 1,000.
 */
const formatted = new Map<string, string>();

/**
 * @tagname zheli-service-card
 * @summary One government service at a glance: name, department, how far it is online, promised
 * time, fee, rating, and the actions to apply or book.
 * @since 0.1.0
 *
 * @event {ZheliApplyEvent} zheli-apply - The person chose "apply online". Cancelable: `preventDefault()` keeps the
 *   default link from being followed. `detail: { service, href }`.
 * @event {ZheliBookEvent} zheli-book - The person chose "book". Cancelable like `zheli-apply`.
 * @event {ZheliErrorEvent} zheli-error - The service could not be loaded. `detail: { error }`.
 *
 * @csspart base - The card's wrapper.
 * @csspart name - The service's name.
 * @csspart department - The department that handles it.
 * @csspart badges - The row of badges.
 * @csspart badge - One badge (全程网办, 跑零次, 最多跑一次).
 * @csspart facts - The list of promised time, fee and rating.
 * @csspart promised-days - The promised handling time.
 * @csspart fee - The fee.
 * @csspart rating - The rating.
 * @csspart actions - The row of actions.
 * @csspart apply - The "apply online" link.
 * @csspart book - The "book" link (bookable services only).
 * @csspart skeleton - A placeholder block while loading.
 * @csspart message - The not-configured, not-found and error messages.
 * @csspart retry - The retry button of the error state.
 *
 * @cssproperty [--block-size=212px] - The card's reserved height (full variant; 96px compact, 320px
 *   full in elder mode, 152px compact in elder mode), kept in every state so nothing shifts; a
 *   card whose text needs more room (a long name, larger text spacing) grows taller.
 */
export class ZheliServiceCard extends ZheliElement {
  static override styles = styles;

  // Declared without decorators: the card's entry then needs no decorator helpers.
  static override properties: PropertyDeclarations = {
    serviceId: { attribute: 'service-id' },
    service: { attribute: false },
    // The default is not written out: an attribute set on every card cost each one an attribute
    // change and its callback (a sixth of a card's own time); `[variant="compact"]` still matches.
    variant: {
      reflect: true,
      converter: { toAttribute: (value: string) => (value === 'full' ? null : value) },
    },
    loaded: { attribute: false },
    status: { attribute: false },
  };

  private request = 0;

  declare private loaded: Schemas['ServiceSummary'] | undefined;
  private status: Status = 'idle';

  /** The id of the service to show; the card loads it, batched with every other card. */
  declare serviceId: string | undefined;

  /** The service to show, when the host already has it (no request is made). */
  declare service: Schemas['ServiceSummary'] | undefined;

  /**
   * `full` shows every fact and action; `compact` fits a list row.
   * @attr variant
   */
  variant: 'full' | 'compact' = 'full';

  override willUpdate(changed: PropertyValues): void {
    if (this.service !== undefined) return;
    if (changed.has('serviceId') || changed.has('config') || changed.has('service')) {
      void this.load();
    }
  }

  private onRetry = (): void => {
    void this.load();
  };

  /**
   * Fires `zheli-apply` or `zheli-book`; a host that cancels it keeps the link from being followed.
   * Inside the platform's app the link opens in the app's own view (the bridge's `openLink`);
   * elsewhere it is an ordinary link.
   */
  private onAction = (event: MouseEvent): void => {
    const service = this.shown;
    const link = event.currentTarget as HTMLAnchorElement;
    if (service === undefined) return;
    const href = link.href;
    const Action = link.part.value === 'book' ? ZheliBookEvent : ZheliApplyEvent;
    const cancelled = !this.dispatchEvent(new Action({ service, href }));
    // A modifier key asks for a new tab or window: the browser's, even inside the app.
    const bridge =
      cancelled || event.ctrlKey || event.metaKey || event.shiftKey ? undefined : appBridge();
    if (cancelled || bridge) event.preventDefault();
    bridge
      ?.then((loaded) => loaded.openLink(href))
      .catch((error: unknown) => {
        // The app refused: follow the link in this view instead.
        this.reportError(error);
        location.assign(href);
      });
  };

  private get shown(): Schemas['ServiceSummary'] | undefined {
    return this.service ?? this.loaded;
  }

  private async load(): Promise<void> {
    const data = this.config?.client;
    const id = this.serviceId;
    const ticket = ++this.request;
    if (!data || !id) {
      this.status = 'idle';
      this.loaded = undefined;
      return;
    }
    this.status = 'loading';
    try {
      // The client coalesces the cards' calls over its batching window into one request.
      const found = (await data.services.getMany([id])).items[0];
      if (ticket !== this.request) return;
      this.loaded = found;
      this.status = found === undefined ? 'not-found' : 'ready';
    } catch (error) {
      if (ticket !== this.request) return;
      this.status = 'error';
      this.reportError(error);
    }
  }

  private href(action: 'apply' | 'book', service: Schemas['ServiceSummary']): string {
    const portal = (this.config?.portalUrl ?? defaultPortal).replace(/\/+$/, '');
    return `${portal}/${action}/${encodeURIComponent(service.id)}`;
  }

  /** `value` with `Intl` in the active locale; in yuan with `style` `currency`. */
  private number(value: number, digits = 0, style?: 'currency'): string {
    const format = this.locale + digits + style;
    const key = format + value;
    let text = formatted.get(key);
    if (text === undefined) {
      if (formatted.size > 999) formatted.clear();
      // A whole number needs no `Intl` (see `formatInteger`): a compact card's only number.
      text = digits || style ? undefined : formatInteger(value);
      if (text === undefined) {
        formats[format] ??= new Intl.NumberFormat(this.locale, {
          style,
          currency: 'CNY',
          minimumFractionDigits: digits,
          maximumFractionDigits: digits,
        });
        text = (formats[format] as Intl.NumberFormat).format(value);
      }
      formatted.set(key, text);
    }
    return text;
  }

  /**
   * The ready card in one template (its badges, facts and actions inline, not templates of their
   * own): every nested template is one more clone, walk and insertion in every card.
   */
  private renderService(service: Schemas['ServiceSummary']): TemplateResult {
    const english = this.locale === 'en';
    const name = english ? service.nameEn : service.name;
    const department = english ? service.department.nameEn : service.department.name;
    const online = service.onlineLevel === 'fully_online' && cardMessages.badgeFullyOnline();
    const visits =
      service.maxVisits === 0
        ? cardMessages.badgeZeroVisits()
        : service.maxVisits === 1 && cardMessages.badgeVisitOnce();
    const days =
      service.promisedDays === 0
        ? cardMessages.promisedOnTheSpot()
        : cardMessages.promisedDays(this.number(service.promisedDays));
    const full = this.variant === 'full';
    // No whitespace between the tags, except the space between a term and its value (they are
    // inline): every whitespace text node is a DOM node in every card.
    return html`<article
      part="base"
      class="base ${this.variant} ${this.elder ? 'elder' : ''}"
      lang=${this.locale}
      aria-busy=${this.status === 'loading'}
      ><p part="name" class="name">${name}</p
      ><p part="department" class="department"
        ><span class="visually-hidden">${cardMessages.departmentLabel()}</span>${department}</p
      ><ul part="badges" class="badges">${online ? this.renderBadge(online) : nothing}${
        visits ? this.renderBadge(visits) : nothing
      }</ul
      ><dl part="facts" class="facts"
        ><div part="promised-days" class="fact"
          ><dt>${cardMessages.promisedLabel()}</dt> <dd>${days}</dd></div
        >${full ? this.renderFee(service) : nothing}${full && !this.elder ? this.renderRating(service) : nothing}</dl
      ><div part="actions" class="actions"
        ><a
          part="apply"
          class="button primary"
          href=${this.href('apply', service)}
          @click=${this.onAction}
          >${cardMessages.apply()}<span class="visually-hidden">: ${name}</span></a
        >${
          service.bookable
            ? html`<a
                part="book"
                class="button"
                href=${this.href('book', service)}
                @click=${this.onAction}
                >${cardMessages.book()}<span class="visually-hidden">: ${name}</span></a
              >`
            : nothing
        }</div
      ></article
    >`;
  }

  /** One badge: a template of its own, not an item of a list (a list costs each card more). */
  private renderBadge(text: string): TemplateResult {
    return html`<li part="badge" class="badge">${text}</li>`;
  }

  private renderFee(service: Schemas['ServiceSummary']): TemplateResult {
    const fee =
      service.fee.amount === 0
        ? cardMessages.feeFree()
        : this.number(service.fee.amount / 100, 2, 'currency');
    return html`<div part="fee" class="fact"><dt>${cardMessages.feeLabel()}</dt> <dd>${fee}</dd></div>`;
  }

  private renderRating(service: Schemas['ServiceSummary']): TemplateResult {
    const rating =
      service.rating.score === null
        ? cardMessages.ratingNone()
        : cardMessages.rating(
            this.number(service.rating.score, 1),
            this.number(service.rating.count),
          );
    return html`<div part="rating" class="fact"><dt>${cardMessages.ratingLabel()}</dt> <dd>${rating}</dd></div>`;
  }

  private renderSkeleton(): TemplateResult {
    return html`<span class="visually-hidden" role="status">${cardMessages.cardLoading()}</span
      ><span part="skeleton" class="skeleton line title" aria-hidden="true"></span
      ><span part="skeleton" class="skeleton line" aria-hidden="true"></span
      ><span part="skeleton" class="skeleton line short" aria-hidden="true"></span>`;
  }

  /** The card without a service to show: not configured, loading, not found, or failed. */
  private renderState(): TemplateResult {
    if (this.config?.client === undefined) {
      return html`<p part="message" class="message" role="status">${commonMessages.notConfigured()}</p>`;
    }
    switch (this.status) {
      case 'not-found':
        return html`<p part="message" class="message" role="status">
          ${cardMessages.cardNotFound(this.serviceId ?? '')}
        </p>`;
      case 'error':
        return html`<div part="message" class="message error" role="alert">
          <p>${commonMessages.loadFailed()}</p>
          <button part="retry" class="button" type="button" @click=${this.onRetry}>
            ${commonMessages.retry()}
          </button>
        </div>`;
      case 'idle':
        return html`<p part="message" class="message" role="status">
          ${cardMessages.cardNoService()}
        </p>`;
      default:
        return this.renderSkeleton();
    }
  }

  override render(): TemplateResult {
    const service = this.shown;
    if (service !== undefined) return this.renderService(service);
    return html`<article
      part="base"
      class="base ${this.variant} ${this.elder ? 'elder' : ''}"
      lang=${this.locale}
      aria-busy=${this.status === 'loading'}
      >${this.renderState()}</article
    >`;
  }
}
