import { errorStatus } from '@zheli/client/helpers';
import type { Schemas } from '@zheli/contract';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import { ZheliRecommendationStartEvent } from '../events/recommendation-start.js';
import { ZheliElement } from '../internal/base-element.js';
import type { ZheliConfiguration } from '../internal/config.js';
import { LatestLoad } from '../internal/loader.js';
import { commonMessages, loginMessages, recommendationMessages } from '../internal/messages.js';
import { UserController } from '../internal/user.js';
import { styles } from './recommendations.styles.js';

type Recommendation = Schemas['Recommendation'];

type Phase = 'not-configured' | 'waiting' | 'loading' | 'signed-out' | 'error' | 'ready';

const defaultPortal = 'https://www.zjzwfw.gov.cn';

/**
 * @tagname zheli-recommendations
 * @summary The signed-in person's proactive recommendations (主动服务、政策直达): each with the
 * reason it applies in words, its deadline if any, and a link that starts it, into the service
 * or the one-matter bundle. Signed out, a prompt to sign in.
 * @since 0.1.0
 *
 * @event {ZheliRecommendationStartEvent} zheli-recommendation-start - Someone started a recommendation. Cancelable: `preventDefault()` keeps the link from being followed. `detail: { recommendation, href }`.
 * @event {ZheliErrorEvent} zheli-error - The recommendations could not be loaded, or sign-in failed. `detail: { error }`.
 *
 * @csspart base - The wrapper.
 * @csspart heading - The list's heading.
 * @csspart list - The list of recommendations.
 * @csspart item - One recommendation.
 * @csspart kind - The recommendation's kind: policy, service, one matter or reminder.
 * @csspart title - The recommendation's title.
 * @csspart reason - Why it applies to the person: the rule that matched, in words.
 * @csspart due - Its deadline, when it has one.
 * @csspart start - The link that starts it.
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

  override willUpdate(_changed: PropertyValues): void {
    const client = this.config?.client;
    const auth = this.config?.auth;
    const last = this.loadedWith;
    if (last === undefined || client !== last.client || auth !== last.auth) {
      this.loadedWith = { client, auth };
      void this.loads.start();
    }
  }

  private onRetry = (): void => {
    void this.loads.start();
  };

  private onSignIn = async (): Promise<void> => {
    try {
      // A redirect sign-in leaves the page here; a popup's completes and the session reloads.
      await this.signIn();
      await this.session.refresh();
    } catch (error) {
      this.reportError(error);
    }
  };

  /** Fires `zheli-recommendation-start`; a host that cancels it keeps the link from being followed. */
  private onStart = (event: MouseEvent): void => {
    const link = event.currentTarget as HTMLAnchorElement;
    const recommendation = this.items[Number(link.dataset.index)];
    if (recommendation === undefined) return;
    const start = new ZheliRecommendationStartEvent({ recommendation, href: link.href });
    if (!this.dispatchEvent(start)) event.preventDefault();
  };

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
    this.show('loading');
    const me = client.me;
    if (me?.recommendations === undefined) {
      throw new Error('This client lacks the me.recommendations operation');
    }
    const list = await me.recommendations({ signal });
    if (signal.aborted) return;
    this.items = list.items;
    this.show('ready');
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

  private formatDate(day: string): string {
    return new Intl.DateTimeFormat(this.locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
      new Date(`${day}T00:00:00Z`),
    );
  }

  private renderItem(item: Recommendation, index: number): TemplateResult {
    const en = this.locale === 'en';
    const titleId = `rec-${index}`;
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
      <a
        part="start"
        class="button primary"
        href=${this.href(item)}
        data-index=${index}
        aria-describedby=${titleId}
        @click=${this.onStart}
        >${this.startLabel(item)}</a
      >
    </li>`;
  }

  private renderBody(): TemplateResult {
    switch (this.phase) {
      case 'ready':
        if (this.items.length === 0) {
          return html`<p part="message" class="message" role="status">${recommendationMessages.recEmpty()}</p>`;
        }
        return html`<ul part="list" class="list" aria-labelledby="heading">
          ${this.items.map((item, index) => this.renderItem(item, index))}
        </ul>`;
      case 'signed-out':
        return html`<div part="message" class="message" role="status">
          <p>${recommendationMessages.recSignedOut()}</p>
          ${
            this.config?.auth === undefined
              ? nothing
              : html`<button part="button" class="button primary" type="button" @click=${this.onSignIn}>
                  ${loginMessages.loginSignIn()}
                </button>`
          }
        </div>`;
      case 'error':
        return html`<div part="message" class="message error" role="alert">
          <p>${commonMessages.loadFailed()}</p>
          <button part="button" class="button" type="button" @click=${this.onRetry}>
            ${commonMessages.retry()}
          </button>
        </div>`;
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
