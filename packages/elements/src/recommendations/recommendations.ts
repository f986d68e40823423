// `<zheli-recommendations>`: longer than 400 lines because the list, its dismiss and snooze
// choices with their undo, and the consent panel share the element's state (one list, one live
// region); its styles, events and messages are modules apart.
import { errorStatus } from '@zheli/client/helpers';
import type { Schemas } from '@zheli/contract';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import {
  ZheliConsentChangeEvent,
  ZheliRecommendationDismissEvent,
  ZheliRecommendationRestoreEvent,
  ZheliRecommendationSnoozeEvent,
} from '../events/recommendation-feedback.js';
import { ZheliRecommendationStartEvent } from '../events/recommendation-start.js';
import { ZheliElement } from '../internal/base-element.js';
import type { ZheliConfiguration } from '../internal/config.js';
import type { ZheliData } from '../internal/data.js';
import { featureGroup } from '../internal/feature-group.js';
import { LatestLoad } from '../internal/loader.js';
import { commonMessages } from '../internal/messages.js';
import { loadErrorView, signedOutView } from '../internal/state-views.js';
import { UserController } from '../internal/user.js';
import { recommendationMessages } from './messages.js';
import { styles } from './recommendations.styles.js';

type Recommendation = Schemas['Recommendation'];
type Feedback = Schemas['RecommendationFeedback'];
type Consent = Schemas['DataConsent'];
type Me = NonNullable<ZheliData['me']>;

type Phase = 'not-configured' | 'waiting' | 'loading' | 'signed-out' | 'error' | 'ready';

/** Which choices are open: a recommendation's dismiss reasons or snooze days. */
interface Open {
  index: number;
  menu: 'dismiss' | 'snooze';
}

const defaultPortal = 'https://www.zjzwfw.gov.cn';
const reasons: readonly Schemas['DismissReason'][] = [
  'not_relevant',
  'already_done',
  'wrong_information',
  'other',
];
const snoozeDays: readonly Schemas['SnoozeRequest']['days'][] = [7, 30];

/** An operation the element needs, or an error that says the client lacks it. */
/**
 * The client's `me`, with the recommendation controls of `@zheli/client/recommendation-controls`
 * made of it where it lacks them, loaded with this element.
 */
const controlsOf = (data: ZheliData | undefined) =>
  featureGroup<Me>(data, 'me', () =>
    import('@zheli/client/recommendation-controls').then((module) => module.recommendationControls),
  );

function need<K extends keyof Me>(me: Me | undefined, name: K): NonNullable<Me[K]> {
  const operation = me?.[name];
  if (operation === undefined) throw new Error(`This client lacks the me.${name} operation`);
  return (operation as (...args: never[]) => unknown).bind(me) as NonNullable<Me[K]>;
}

/**
 * @tagname zheli-recommendations
 * @summary The signed-in person's proactive recommendations (主动服务、政策直达): each with the
 * reason it applies in words, its deadline if any, the data its rule reads, and a link that starts
 * it, into the service or the one-matter bundle; dismiss (saying why) or snooze (7 or 30 days),
 * with an undo; and the consent to each data category the rules read, shown with its purpose and
 * scope and revocable (PIPL). Signed out, a prompt to sign in.
 * @since 0.1.0
 *
 * @event {ZheliRecommendationStartEvent} zheli-recommendation-start - Someone started a recommendation. Cancelable: `preventDefault()` keeps the link from being followed. `detail: { recommendation, href }`.
 * @event {ZheliRecommendationDismissEvent} zheli-recommendation-dismiss - The platform saved a dismissal. `detail: { recommendation, reason }`.
 * @event {ZheliRecommendationSnoozeEvent} zheli-recommendation-snooze - The platform saved a snooze. `detail: { recommendation, days, until }`.
 * @event {ZheliRecommendationRestoreEvent} zheli-recommendation-restore - An undo listed a dismissed or snoozed recommendation again. `detail: { recommendation }`.
 * @event {ZheliConsentChangeEvent} zheli-consent-change - The person granted or revoked a data category. `detail: { category, granted }`.
 * @event {ZheliErrorEvent} zheli-error - The recommendations or consents could not be loaded or saved, or sign-in failed. `detail: { error }`.
 *
 * @csspart base - The wrapper.
 * @csspart heading - The list's heading.
 * @csspart list - The list of recommendations.
 * @csspart item - One recommendation.
 * @csspart kind - The recommendation's kind: policy, service, one matter or reminder.
 * @csspart title - The recommendation's title.
 * @csspart reason - Why it applies to the person: the rule that matched, in words.
 * @csspart due - Its deadline, when it has one.
 * @csspart uses - The data categories its rule reads.
 * @csspart start - The link that starts it.
 * @csspart action - The dismiss and snooze buttons, each opening its choices.
 * @csspart choices - The open group of dismiss reasons or snooze days.
 * @csspart choice - One reason or number of days.
 * @csspart notice - The live region that says what was hidden, restored or changed.
 * @csspart undo - The undo button in the notice.
 * @csspart withheld - Why recommendations are missing: a data category the person revoked.
 * @csspart consents-toggle - The button that shows and hides the consents.
 * @csspart consents - The consent panel: one entry per data category.
 * @csspart consent - One data category: its name, purpose, scope, rules and switch.
 * @csspart switch - The switch that grants or revokes a data category.
 * @csspart message - The loading, signed-out, empty, error and not-configured messages.
 * @csspart button - The sign-in and retry buttons.
 *
 * @cssproperty [--inline-size=40em] - The element's largest width.
 */
export class ZheliRecommendations extends ZheliElement {
  static override styles = [styles];

  /** The list's load: aborted on disconnect, started again on reconnect. */
  private loads = new LatestLoad(
    this,
    (signal) => this.load(signal),
    (error) => {
      if (errorStatus(error) === 401) return this.show('signed-out');
      this.reportError(error);
      this.show('error');
    },
  );
  /** The client and auth of the last load; `undefined` before the first. */
  private loadedWith: Pick<ZheliConfiguration, 'client' | 'auth'> | undefined;
  /** The signed-in person: a change (sign-in, sign-out, another tab) loads again. */
  private session = new UserController(this, () => this.config?.auth, {
    onChange: () => void this.loads.start(),
    onError: (error) => this.reportError(error),
  });
  private phase: Phase = 'waiting';
  private items: Recommendation[] = [];
  private withheld: Schemas['WithheldCategory'][] = [];
  private open: Open | undefined;
  /** The recommendation hidden last and where it stood: what the undo puts back. */
  private lastHidden: { item: Recommendation; index: number } | undefined;
  /** What the live region says. */
  private notice = '';
  /** A write is under way: other choices wait. */
  private busy = false;
  private consentsOpen = false;
  /** The consents once loaded; `null` when loading them failed. */
  private consents: Consent[] | null | undefined;
  /** What receives focus once the next render is done. */
  private focusAfter: string | undefined;

  override willUpdate(_changed: PropertyValues): void {
    const client = this.config?.client;
    const auth = this.config?.auth;
    const last = this.loadedWith;
    if (last === undefined || client !== last.client || auth !== last.auth) {
      this.loadedWith = { client, auth };
      void this.loads.start();
    }
  }

  override updated(): void {
    if (this.focusAfter === undefined) return;
    this.renderRoot.querySelector<HTMLElement>(this.focusAfter)?.focus();
    this.focusAfter = undefined;
  }

  private onRetry = (): void => {
    void this.loads.start();
  };

  private onSignIn = (): void => {
    void this.signIn(() => this.session.refresh());
  };

  /** Fires `zheli-recommendation-start`; a host that cancels it keeps the link from being followed. */
  private onStart = (event: MouseEvent): void => {
    const link = event.currentTarget as HTMLAnchorElement;
    const recommendation = this.items[Number(link.dataset.index)];
    if (recommendation === undefined) return;
    const start = new ZheliRecommendationStartEvent({ recommendation, href: link.href });
    if (!this.dispatchEvent(start)) event.preventDefault();
  };

  /** Opens or closes a recommendation's dismiss reasons or snooze days; focus goes to the first. */
  private onToggle = (event: Event): void => {
    const { index, menu } = (event.currentTarget as HTMLElement).dataset;
    const open = { index: Number(index), menu: menu as Open['menu'] };
    const same = this.open?.index === open.index && this.open.menu === open.menu;
    this.open = same ? undefined : open;
    if (!same) this.focusAfter = '[part~="choice"]';
    this.requestUpdate();
  };

  /** Escape closes the choices, focus back on the button that opened them. */
  private onChoicesKey = (event: KeyboardEvent): void => {
    const open = this.open;
    if (event.key !== 'Escape' || open === undefined) return;
    event.stopPropagation();
    this.open = undefined;
    this.focusAfter = `[data-index="${open.index}"][data-menu="${open.menu}"]`;
    this.requestUpdate();
  };

  private onDismiss = (event: Event): void => {
    const reason = (event.currentTarget as HTMLElement).dataset.reason as Schemas['DismissReason'];
    void this.hide(
      (me, id) => need(me, 'dismissRecommendation')(id, { reason }),
      (recommendation) => new ZheliRecommendationDismissEvent({ recommendation, reason }),
    );
  };

  private onSnooze = (event: Event): void => {
    const days = Number((event.currentTarget as HTMLElement).dataset.days) as 7 | 30;
    void this.hide(
      (me, id) => need(me, 'snoozeRecommendation')(id, { days }),
      (recommendation, feedback) =>
        new ZheliRecommendationSnoozeEvent({ recommendation, days, until: feedback.until ?? '' }),
    );
  };

  /** Puts the recommendation hidden last back where it stood. */
  private onUndo = async (): Promise<void> => {
    const hidden = this.lastHidden;
    if (hidden === undefined || this.busy) return;
    await this.write(async (me) => {
      const recommendation = await need(me, 'restoreRecommendation')(hidden.item.id);
      const items = [...this.items];
      items.splice(hidden.index, 0, recommendation);
      this.items = items;
      this.lastHidden = undefined;
      this.notice = recommendationMessages.recRestored(this.titleOf(recommendation));
      this.focusAfter = `[part~="start"][data-index="${hidden.index}"]`;
      this.dispatchEvent(new ZheliRecommendationRestoreEvent({ recommendation }));
    });
  };

  private onConsentsToggle = (): void => {
    this.consentsOpen = !this.consentsOpen;
    if (this.consentsOpen && !this.consents) void this.loadConsents();
    this.requestUpdate();
  };

  /** Grants or revokes a data category, then loads the list again without it (or with it). */
  private onConsent = (event: Event): void => {
    const index = Number((event.currentTarget as HTMLElement).dataset.index);
    const consent = this.consents?.[index];
    if (!consent || this.busy) return;
    const granted = !consent.granted;
    void this.write(async (me) => {
      const saved = await need(me, 'setDataConsent')(consent.category, { granted });
      this.consents = this.consents?.map((other, at) => (at === index ? saved : other));
      this.lastHidden = undefined;
      const name = this.nameOf(saved);
      this.notice = granted
        ? recommendationMessages.recConsentGranted(name)
        : recommendationMessages.recConsentRevoked(name);
      this.dispatchEvent(new ZheliConsentChangeEvent({ category: saved.category, granted }));
      void this.loads.start();
    });
  };

  /** Runs a write; a failure is announced and reported, never thrown. */
  private async write(run: (me: Me | undefined) => Promise<void>): Promise<void> {
    this.busy = true;
    try {
      await run(controlsOf(this.config?.client));
    } catch (error) {
      this.notice = recommendationMessages.recActionFailed();
      this.reportError(error);
    } finally {
      this.busy = false;
      this.requestUpdate();
    }
  }

  /** Saves a dismissal or snooze of the open recommendation, hides it, and offers the undo. */
  private hide(
    save: (me: Me | undefined, id: string) => Promise<Feedback>,
    done: (recommendation: Recommendation, feedback: Feedback) => Event,
  ): Promise<void> | undefined {
    const index = this.open?.index ?? -1;
    const item = this.items[index];
    if (item === undefined || this.busy) return;
    return this.write(async (me) => {
      const feedback = await save(me, item.id);
      this.items = this.items.filter((other) => other !== item);
      this.open = undefined;
      this.lastHidden = { item, index };
      const title = this.titleOf(item);
      this.notice = feedback.until
        ? recommendationMessages.recSnoozed(title, this.formatDate(feedback.until))
        : recommendationMessages.recHidden(title);
      this.focusAfter = '[part~="undo"]';
      this.dispatchEvent(done(item, feedback));
    });
  }

  private show(phase: Phase): void {
    this.phase = phase;
    this.requestUpdate();
  }

  private async load(signal: AbortSignal): Promise<void> {
    const client = this.config?.client;
    if (client === undefined) return this.show('not-configured');
    // With an auth, ask only for a signed-in person (and wait until the auth has answered);
    // without one, the client's own token decides, and the platform's 401 means signed out.
    if (this.config?.auth !== undefined) {
      const user = this.session.user;
      if (user === undefined) return this.show('waiting');
      if (user === null) return this.show('signed-out');
    }
    // A list on show stays while it loads again (after a consent changed): focus stays put.
    if (this.phase !== 'ready') this.show('loading');
    const list = await need(client.me, 'recommendations')({ signal });
    if (signal.aborted) return;
    this.items = list.items;
    this.withheld = list.withheld ?? [];
    this.open = undefined;
    this.show('ready');
  }

  private async loadConsents(): Promise<void> {
    this.consents = undefined;
    try {
      this.consents = (await need(controlsOf(this.config?.client), 'dataConsents')()).items;
    } catch (error) {
      this.consents = null;
      this.reportError(error);
    }
    this.requestUpdate();
  }

  private href(item: Recommendation): string {
    const portal = (this.config?.portalUrl ?? defaultPortal).replace(/\/+$/, '');
    if (item.bundleId !== null) return `${portal}/bundles/${encodeURIComponent(item.bundleId)}`;
    const action = item.action === 'book' ? 'book' : 'apply';
    return `${portal}/${action}/${encodeURIComponent(item.serviceId ?? '')}`;
  }

  private startLabel(item: Recommendation): string {
    if (item.bundleId !== null) return recommendationMessages.recStartBundle();
    if (item.action === 'book') return recommendationMessages.recBook();
    if (item.action === 'view') return recommendationMessages.recView();
    return recommendationMessages.recApply();
  }

  private kindLabel(kind: Recommendation['kind']): string {
    if (kind === 'policy') return recommendationMessages.recKindPolicy();
    if (kind === 'bundle') return recommendationMessages.recKindBundle();
    if (kind === 'reminder') return recommendationMessages.recKindReminder();
    return recommendationMessages.recKindService();
  }

  private reasonLabel(reason: Schemas['DismissReason']): string {
    if (reason === 'not_relevant') return recommendationMessages.recReasonNotRelevant();
    if (reason === 'already_done') return recommendationMessages.recReasonAlreadyDone();
    if (reason === 'wrong_information') return recommendationMessages.recReasonWrongInformation();
    return recommendationMessages.recReasonOther();
  }

  private titleOf(item: Recommendation): string {
    return this.locale === 'en' ? item.titleEn : item.title;
  }

  private nameOf(item: { name: string; nameEn: string }): string {
    return this.locale === 'en' ? item.nameEn : item.name;
  }

  private list(names: string[]): string {
    return names.join(this.locale === 'en' ? ', ' : '、');
  }

  /** A `YYYY-MM-DD` day, or an instant's day in Shanghai. */
  private formatDate(day: string): string {
    const at = day.length === 10 ? `${day}T12:00:00+08:00` : day;
    return new Intl.DateTimeFormat(this.locale, {
      dateStyle: 'long',
      timeZone: 'Asia/Shanghai',
    }).format(new Date(at));
  }

  private renderChoices(index: number, menu: Open['menu']): TemplateResult {
    const dismiss = menu === 'dismiss';
    return html`<div
      part="choices"
      class="choices"
      id="choices-${index}"
      role="group"
      aria-label=${
        dismiss ? recommendationMessages.recDismissWhy() : recommendationMessages.recSnoozeWhen()
      }
      @keydown=${this.onChoicesKey}
    >
      ${
        dismiss
          ? reasons.map(
              (reason) =>
                html`<button part="choice" class="button" type="button" data-reason=${reason} @click=${this.onDismiss}>
                  ${this.reasonLabel(reason)}
                </button>`,
            )
          : snoozeDays.map(
              (days) =>
                html`<button part="choice" class="button" type="button" data-days=${days} @click=${this.onSnooze}>
                  ${recommendationMessages.recSnoozeDays(String(days))}
                </button>`,
            )
      }
    </div>`;
  }

  private renderAction(index: number, menu: Open['menu']): TemplateResult {
    const open = this.open?.index === index && this.open.menu === menu;
    return html`<button
      part="action"
      class="button"
      type="button"
      data-index=${index}
      data-menu=${menu}
      aria-expanded=${open ? 'true' : 'false'}
      aria-controls=${open ? `choices-${index}` : nothing}
      aria-describedby="rec-${index}"
      @click=${this.onToggle}
    >
      ${menu === 'dismiss' ? recommendationMessages.recDismiss() : recommendationMessages.recSnooze()}
    </button>`;
  }

  private renderItem(item: Recommendation, index: number): TemplateResult {
    const en = this.locale === 'en';
    const titleId = `rec-${index}`;
    const uses = item.uses ?? [];
    return html`<li part="item" class=${classMap({ item: true, [item.kind]: true })}>
      <p part="kind" class="kind">${this.kindLabel(item.kind)}</p>
      <p part="title" class="title" id=${titleId}>${en ? item.titleEn : item.title}</p>
      <p part="reason" class="reason">
        <span class="label">${recommendationMessages.recReason()}</span>
        ${en ? item.reasonEn : item.reason}
      </p>
      ${
        item.dueDate === null
          ? nothing
          : html`<p part="due" class="due">${recommendationMessages.recDue(this.formatDate(item.dueDate))}</p>`
      }
      ${
        uses.length === 0
          ? nothing
          : html`<p part="uses" class="uses">
              ${recommendationMessages.recUses(this.list(uses.map((use) => this.nameOf(use))))}
            </p>`
      }
      <div class="actions">
        <a
          part="start"
          class="button primary"
          href=${this.href(item)}
          data-index=${index}
          aria-describedby=${titleId}
          @click=${this.onStart}
          >${this.startLabel(item)}</a
        >
        ${this.renderAction(index, 'dismiss')} ${this.renderAction(index, 'snooze')}
      </div>
      ${this.open?.index === index ? this.renderChoices(index, this.open.menu) : nothing}
    </li>`;
  }

  private renderConsent(consent: Consent, index: number): TemplateResult {
    const en = this.locale === 'en';
    return html`<li part="consent" class="consent">
      <p class="title" id="consent-${index}">${this.nameOf(consent)}</p>
      <p>
        <span class="label">${recommendationMessages.recConsentPurpose()}</span>
        ${en ? consent.purposeEn : consent.purpose}
      </p>
      <p>
        <span class="label">${recommendationMessages.recConsentData()}</span>
        ${en ? consent.dataEn : consent.data}
      </p>
      <p class="uses">
        <span class="label">${recommendationMessages.recConsentRules()}</span>
        ${this.list(consent.rules.map((rule) => this.nameOf(rule)))}
      </p>
      <button
        part="switch"
        class="button switch"
        type="button"
        role="switch"
        aria-checked=${consent.granted ? 'true' : 'false'}
        aria-labelledby="allow-${index} consent-${index}"
        data-index=${index}
        @click=${this.onConsent}
      >
        <span class="track" aria-hidden="true"></span>
        <span id="allow-${index}">${recommendationMessages.recConsentAllow()}</span>
      </button>
    </li>`;
  }

  private renderConsents(): TemplateResult {
    const consents = this.consents;
    let body: TemplateResult;
    if (consents === null) {
      body = loadErrorView(() => void this.loadConsents());
    } else if (consents === undefined) {
      body = html`<div class="skeleton" aria-hidden="true"></div>`;
    } else {
      body = html`<ul class="list">
        ${consents.map((consent, index) => this.renderConsent(consent, index))}
      </ul>`;
    }
    return html`<div part="consents" class="consents" id="consents">
      <p>${recommendationMessages.recConsentsIntro()}</p>
      ${body}
    </div>`;
  }

  private renderReady(): TemplateResult {
    const en = this.locale === 'en';
    return html`${this.withheld.map(
      (category) =>
        html`<p part="withheld" class="withheld">
          ${recommendationMessages.recWithheld(en ? category.nameEn : category.name, String(category.rules))}
        </p>`,
    )}
      ${
        this.items.length === 0
          ? html`<p part="message" class="message">${recommendationMessages.recEmpty()}</p>`
          : html`<ul part="list" class="list" aria-labelledby="heading">
              ${this.items.map((item, index) => this.renderItem(item, index))}
            </ul>`
      }
      <div part="notice" class="notice" role="status">
        ${this.notice ? html`<p>${this.notice}</p>` : nothing}
        ${
          this.lastHidden === undefined
            ? nothing
            : html`<button part="undo" class="button" type="button" @click=${this.onUndo}>
                ${recommendationMessages.recUndo()}
              </button>`
        }
      </div>
      <button
        part="consents-toggle"
        class="button"
        type="button"
        aria-expanded=${this.consentsOpen ? 'true' : 'false'}
        aria-controls=${this.consentsOpen ? 'consents' : nothing}
        @click=${this.onConsentsToggle}
      >
        ${recommendationMessages.recConsents()}
      </button>
      ${this.consentsOpen ? this.renderConsents() : nothing}`;
  }

  private renderBody(): TemplateResult {
    switch (this.phase) {
      case 'ready':
        return this.renderReady();
      case 'signed-out':
        return signedOutView(
          recommendationMessages.recSignedOut(),
          this.config?.auth === undefined ? undefined : this.onSignIn,
        );
      case 'error':
        return loadErrorView(this.onRetry);
      case 'not-configured':
        return html`<p part="message" class="message" role="status">${commonMessages.notConfigured()}</p>`;
      default:
        return html`<div class="skeleton" aria-hidden="true"></div>
          <p part="message" class="message" role="status">${recommendationMessages.recLoading()}</p>`;
    }
  }

  override render(): TemplateResult {
    return html`<section
      part="base"
      class=${classMap({ base: true, elder: this.elder })}
      lang=${this.locale}
      aria-labelledby="heading"
      aria-busy=${this.phase === 'loading' || this.phase === 'waiting' ? 'true' : 'false'}
    >
      <h2 part="heading" class="heading" id="heading">${recommendationMessages.recHeading()}</h2>
      ${this.renderBody()}
    </section>`;
  }
}
