// `<zheli-points>`: about 400 lines because the balance, the ledger's pages, the rules and the
// shop share the account the element loads; the redemption is a part of its own (redemption.ts).
import { errorStatus } from '@zheli/client/helpers';
import type { Schemas } from '@zheli/contract';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { classMap } from 'lit/directives/class-map.js';
import { ZheliPointsRedeemedEvent } from '../events/points-redeemed.js';
import { ZheliElement } from '../internal/base-element.js';
import type { ZheliConfiguration } from '../internal/config.js';
import type { ZheliData } from '../internal/data.js';
import { featureGroup } from '../internal/feature-group.js';
import { LatestLoad } from '../internal/loader.js';
import { commonMessages, loginMessages } from '../internal/messages.js';
import { UserController } from '../internal/user.js';
import { pointsMessages as t } from './messages.js';
import { styles } from './points.styles.js';
import { Redemption } from './redemption.js';

/** The client's points group, or `@zheli/client/points` made of it, loaded with this element. */
const pointsOf = (data: ZheliData | undefined) =>
  featureGroup<NonNullable<ZheliData['points']>>(data, 'points', () =>
    import('@zheli/client/points').then((module) => module.points),
  );

type Account = Schemas['PointsAccount'];
type Entry = Schemas['PointEntry'];
type Rule = Schemas['PointRule'];

type Phase =
  | 'not-configured'
  | 'waiting'
  | 'loading'
  | 'signed-out'
  | 'not-member'
  | 'error'
  | 'ready';

const pageSize = 20;

/**
 * @tagname zheli-points
 * @summary A village's governance points (信治积分): the signed-in person's balance and their
 * household's, the ledger's history with who recorded each entry and why, the village's rules,
 * and its points shop, where a reward is redeemed for a signed code shown as a QR code.
 * @since 0.1.0
 *
 * @event {ZheliPointsRedeemedEvent} zheli-points-redeemed - Points were redeemed for a reward. `detail: { redemption }`.
 * @event {ZheliErrorEvent} zheli-error - The points could not be loaded or redeemed, or sign-in failed. `detail: { error }`.
 *
 * @csspart base - The wrapper.
 * @csspart heading - The heading, with the village's name.
 * @csspart balance - The person's and the household's balances.
 * @csspart shop - The points shop: its hours and rewards.
 * @csspart reward - One reward.
 * @csspart redeem-button - A reward's redeem button.
 * @csspart confirm - The question before redeeming, with its buttons.
 * @csspart redemption - The redeemed reward: its QR code, how to use it, the balance left.
 * @csspart history - The ledger's entries, newest first.
 * @csspart entry - One entry.
 * @csspart rules - The village's rules.
 * @csspart message - The loading, signed-out, not-member, error and not-configured messages.
 * @csspart button - The sign-in, retry, confirm, cancel, done and show-more buttons.
 *
 * @cssproperty [--inline-size=40em] - The element's largest width.
 */
export class ZheliPoints extends ZheliElement {
  static override styles = [styles];

  /** The account's, the ledger's and the rules' load: aborted on disconnect, started again on reconnect. */
  private loads = new LatestLoad(
    this,
    (signal) => this.load(signal),
    (error) => {
      this.reportError(error);
      this.show('error');
    },
  );
  /** The client and auth of the last load; `undefined` before the first. */
  private loadedWith: Pick<ZheliConfiguration, 'client' | 'auth'> | undefined;
  private session = new UserController(this, () => this.config?.auth, {
    onChange: () => void this.loads.start(),
    onError: (error) => this.reportError(error),
  });
  private phase: Phase = 'waiting';
  private account: Account | undefined;
  private rulesOf: Schemas['PointRules'] | undefined;
  private entries: Entry[] = [];
  private nextCursor: string | null = null;
  private loadingMore = false;
  /** The reward's redemption: the question, the request, the code. */
  private redemption = new Redemption(this, (error) => this.reportError(error));

  /** The village whose rules and shop to show; signed in, the person's own village is shown. */
  @property() village: string | undefined;

  /** Whose history to list: the person's own entries, or their whole household's. */
  @property() of: 'person' | 'household' = 'person';

  override willUpdate(changed: PropertyValues<this>): void {
    const client = this.config?.client;
    const auth = this.config?.auth;
    const last = this.loadedWith;
    if (
      last === undefined ||
      client !== last.client ||
      auth !== last.auth ||
      changed.has('village') ||
      changed.has('of')
    ) {
      this.loadedWith = { client, auth };
      void this.loads.start();
    }
  }

  private onRetry = (): void => {
    void this.loads.start();
  };

  private onSignIn = (): void => {
    void this.signIn(() => this.session.refresh());
  };

  private onAskRedeem = (event: Event): void => {
    const id = (event.currentTarget as HTMLButtonElement).value;
    const reward = this.rulesOf?.rewards.find((r) => r.id === id);
    if (reward !== undefined) this.redemption.ask(reward);
  };

  private onConfirmRedeem = async (): Promise<void> => {
    const points = pointsOf(this.config?.client);
    if (points === undefined) return;
    const redemption = await this.redemption.confirm((rewardId, idempotencyKey) =>
      points.redeem({ rewardId }, { idempotencyKey }),
    );
    if (redemption === undefined) return;
    if (this.account) {
      const spent = this.account.member.balance - redemption.balance;
      this.account = {
        ...this.account,
        member: { ...this.account.member, balance: redemption.balance },
        household: { ...this.account.household, balance: this.account.household.balance - spent },
      };
    }
    this.entries = [redemption.entry, ...this.entries];
    this.requestUpdate();
    this.dispatchEvent(new ZheliPointsRedeemedEvent({ redemption }));
    await this.redemption.showCode();
  };

  private onMore = async (): Promise<void> => {
    const points = pointsOf(this.config?.client);
    if (points === undefined || this.nextCursor === null) return;
    this.loadingMore = true;
    this.requestUpdate();
    try {
      const page = await points.entries({ of: this.of, limit: pageSize, cursor: this.nextCursor });
      this.entries = [...this.entries, ...page.items];
      this.nextCursor = page.nextCursor;
    } catch (error) {
      this.reportError(error);
    } finally {
      this.loadingMore = false;
      this.requestUpdate();
    }
  };

  private show(phase: Phase): void {
    this.phase = phase;
    this.requestUpdate();
  }

  private async load(signal: AbortSignal): Promise<void> {
    const client = this.config?.client;
    if (client === undefined) return this.show('not-configured');
    const points = pointsOf(client);
    const signedIn =
      this.config?.auth === undefined
        ? undefined
        : this.session.user === undefined
          ? 'wait'
          : this.session.user !== null;
    if (signedIn === 'wait') return this.show('waiting');
    this.show('loading');
    if (points === undefined) throw new Error('This client lacks the points operations');
    let account: Account | undefined;
    let entries: Schemas['PointEntryPage'] | undefined;
    let signedOut = signedIn === false;
    let member = true;
    if (!signedOut) {
      try {
        [account, entries] = await Promise.all([
          points.mine({ signal }),
          points.entries({ of: this.of, limit: pageSize }, { signal }),
        ]);
      } catch (error) {
        const status = errorStatus(error);
        if (status === 401) signedOut = true;
        else if (status === 404) member = false;
        else throw error;
      }
    }
    const village = account?.village.id ?? this.village;
    const rules = village === undefined ? undefined : await points.rules(village, { signal });
    if (signal.aborted) return;
    this.account = account;
    this.rulesOf = rules;
    this.entries = entries?.items ?? [];
    this.nextCursor = entries?.nextCursor ?? null;
    this.show(signedOut ? 'signed-out' : member ? 'ready' : 'not-member');
  }

  private name(item: { name: string; nameTw: string; nameEn: string }): string {
    return this.locale === 'en' ? item.nameEn : this.locale === 'zh-TW' ? item.nameTw : item.name;
  }

  private number(value: number): string {
    return new Intl.NumberFormat(this.locale).format(value);
  }

  private signed(value: number): string {
    return new Intl.NumberFormat(this.locale, { signDisplay: 'always' }).format(value);
  }

  private date(value: string, style: 'medium' | 'long' = 'medium'): string {
    return new Intl.DateTimeFormat(this.locale, {
      dateStyle: style,
      timeZone: 'Asia/Shanghai',
    }).format(new Date(value));
  }

  private perUnit(rule: Rule): string {
    const points = this.signed(rule.points);
    if (rule.unit === 'hour') return t.pointsPerHour(points);
    if (rule.unit === 'month') return t.pointsPerMonth(points);
    if (rule.unit === 'quarter') return t.pointsPerQuarter(points);
    return t.pointsPerTime(points);
  }

  private renderBalance(account: Account): TemplateResult {
    return html`<div part="balance" class="balance">
      <p class="mine">
        <span class="label">${t.pointsMine()}</span>
        <strong class="amount">${t.pointsValue(this.number(account.member.balance))}</strong>
      </p>
      <p class="household">
        <span class="label">${t.pointsHousehold(String(account.household.members.length))}</span>
        <span>${t.pointsValue(this.number(account.household.balance))}</span>
      </p>
    </div>`;
  }

  private renderShop(rules: Schemas['PointRules']): TemplateResult {
    const balance = this.phase === 'ready' ? this.account?.member.balance : undefined;
    const en = this.locale === 'en';
    return html`<section part="shop" class="shop" aria-labelledby="shop-heading">
      <h3 class="subheading" id="shop-heading">${t.pointsShop()}</h3>
      <p class="muted">${en ? rules.village.shopEn : rules.village.shop}</p>
      ${this.redemption.render({
        elder: this.elder,
        name: (item) => this.name(item),
        number: (value) => this.number(value),
        date: (value) => this.date(value, 'long'),
        onConfirm: this.onConfirmRedeem,
      })}
      <ul class="rewards">
        ${rules.rewards.map((reward) => {
          const short = balance === undefined ? 0 : reward.points - balance;
          return html`<li part="reward" class="reward">
            <span class="reward-name">${this.name(reward)}</span>
            <span class="reward-points">${t.pointsValue(this.number(reward.points))}</span>
            ${
              balance === undefined
                ? nothing
                : html`<button
                    part="button redeem-button"
                    class="button"
                    type="button"
                    value=${reward.id}
                    aria-label=${t.pointsRedeemLabel(this.name(reward))}
                    aria-describedby=${short > 0 ? `short-${reward.id}` : nothing}
                    ?disabled=${short > 0 || this.redemption.current !== undefined}
                    @click=${this.onAskRedeem}
                  >
                    ${t.pointsRedeem()}
                  </button>
                  ${
                    short > 0
                      ? html`<span class="muted short" id=${`short-${reward.id}`}>
                          ${t.pointsShort(this.number(short))}
                        </span>`
                      : nothing
                  }`
            }
          </li>`;
        })}
      </ul>
    </section>`;
  }

  private entryTitle(entry: Entry): string {
    if (entry.rule) return this.name(entry.rule);
    if (entry.reward) {
      const name = this.name(entry.reward);
      return entry.quantity > 1 ? `${name} × ${entry.quantity}` : name;
    }
    return t.pointsCarryOver();
  }

  private renderHistory(): TemplateResult {
    return html`<section part="history" class="history" aria-labelledby="history-heading">
      <h3 class="subheading" id="history-heading">${t.pointsHistory()}</h3>
      ${
        this.entries.length === 0
          ? html`<p part="message" class="message">${t.pointsHistoryEmpty()}</p>`
          : html`<ol class="entries">
              ${this.entries.map(
                (
                  entry,
                ) => html`<li part="entry" class=${classMap({ entry: true, minus: entry.points < 0 })}>
                  <span class="entry-title">${this.entryTitle(entry)}</span>
                  <span class="entry-points">${this.signed(entry.points)}</span>
                  <span class="muted entry-meta">
                    <time datetime=${entry.createdAt}>${this.date(entry.createdAt)}</time>
                    ${this.of === 'household' ? html` · ${entry.member.name}` : nothing}
                    ${
                      entry.recordedBy.role === 'officer' && entry.recordedBy.name
                        ? html` · ${t.pointsRecordedBy(entry.recordedBy.name)}`
                        : nothing
                    }
                  </span>
                  ${entry.note ? html`<span class="entry-note">${entry.note}</span>` : nothing}
                </li>`,
              )}
            </ol>`
      }
      ${
        this.nextCursor === null
          ? nothing
          : html`<button part="button" class="button" type="button" ?disabled=${this.loadingMore} @click=${this.onMore}>
              ${t.pointsMore()}
            </button>`
      }
    </section>`;
  }

  private renderRules(rules: Schemas['PointRules']): TemplateResult {
    return html`<section part="rules" class="rules" aria-labelledby="rules-heading">
      <h3 class="subheading" id="rules-heading">${t.pointsRules()}</h3>
      <ul class="rule-list">
        ${rules.rules.map(
          (rule) => html`<li class=${classMap({ rule: true, minus: rule.points < 0 })}>
            <span>${this.name(rule)}</span><span class="rule-points">${this.perUnit(rule)}</span>
          </li>`,
        )}
      </ul>
    </section>`;
  }

  private renderBody(): TemplateResult {
    const rules = this.rulesOf;
    switch (this.phase) {
      case 'ready':
        return html`${this.account ? this.renderBalance(this.account) : nothing}
          ${rules ? this.renderShop(rules) : nothing} ${this.renderHistory()}
          ${rules ? this.renderRules(rules) : nothing}`;
      case 'signed-out':
      case 'not-member':
        return html`<div part="message" class="message" role="status">
            <p>${this.phase === 'signed-out' ? t.pointsSignedOut() : t.pointsNotMember()}</p>
            ${
              this.phase === 'signed-out' && this.config?.auth !== undefined
                ? html`<button part="button" class="button primary" type="button" @click=${this.onSignIn}>
                    ${loginMessages.loginSignIn()}
                  </button>`
                : nothing
            }
          </div>
          ${
            rules
              ? html`${this.renderShop(rules)} ${this.renderRules(rules)}`
              : this.village === undefined
                ? html`<p part="message" class="message">${t.pointsNoVillage()}</p>`
                : nothing
          }`;
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
          <p part="message" class="message" role="status">${t.pointsLoading()}</p>`;
    }
  }

  override render(): TemplateResult {
    const village = this.rulesOf?.village;
    return html`<section
      part="base"
      class=${classMap({ base: true, elder: this.elder })}
      lang=${this.locale}
      aria-labelledby="heading"
      aria-busy=${this.phase === 'loading' || this.phase === 'waiting' ? 'true' : 'false'}
    >
      <h2 part="heading" class="heading" id="heading">
        ${village ? t.pointsHeading(this.name(village)) : t.pointsHeadingPlain()}
      </h2>
      ${this.renderBody()}
    </section>`;
  }
}
