// The points shop's redemption in `<zheli-points>`, a part of its own: the question before
// redeeming, the one request with its idempotency key, and the signed code shown through
// `<zheli-qr-code>` (loaded when a reward is first redeemed). The element keeps the balance and the
// ledger, which the redemption changes.
import { newIdempotencyKey, problemCode } from '@zheli/client/helpers';
import type { Schemas } from '@zheli/contract';
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { loadQrCode } from '../appointment-picker/qr-loader.js';
import { Loader } from '../internal/loader.js';
import { commonMessages } from '../internal/messages.js';
import { pointsMessages as t } from './messages.js';

type Reward = Schemas['PointReward'];
type PointRedemption = Schemas['PointRedemption'];

/** The redemption in hand: asked to confirm, sending, done, or refused. */
type Step =
  | { step: 'confirm'; reward: Reward; key: string }
  | { step: 'sending'; reward: Reward; key: string }
  | { step: 'failed'; reward: Reward; key: string; insufficient: boolean }
  | { step: 'done'; reward: Reward; redemption: PointRedemption };

/** How the element shows the redemption: its names, numbers and dates, its mode, its confirm. */
interface RedemptionView {
  elder: boolean;
  name(item: { name: string; nameTw: string; nameEn: string }): string;
  number(value: number): string;
  date(value: string): string;
  /** The person confirmed: the element sends the request through `confirm()`. */
  onConfirm(): void;
}

export class Redemption {
  /** The redemption in hand; `undefined` when none is. */
  current: Step | undefined;
  private host: ReactiveControllerHost;
  private report: (error: unknown) => void;
  /** Loads `<zheli-qr-code>` for the code; a failure shows the retry. */
  private qr: Loader;
  private qrFailed = false;

  constructor(host: ReactiveControllerHost, report: (error: unknown) => void) {
    this.host = host;
    this.report = report;
    this.qr = new Loader((error) => {
      this.qrFailed = true;
      report(error);
      host.requestUpdate();
    });
  }

  /** Asks the person to confirm redeeming `reward`, with the key of this one action. */
  ask(reward: Reward): void {
    this.show({ step: 'confirm', reward, key: newIdempotencyKey() });
  }

  /**
   * Sends the redemption asked for with `redeem`; resolves with it once made, or `undefined`
   * (nothing asked, already sending or done, or refused: then the refusal is shown and reported).
   */
  async confirm(
    redeem: (rewardId: string, idempotencyKey: string) => Promise<PointRedemption>,
  ): Promise<PointRedemption | undefined> {
    const current = this.current;
    if (current === undefined || current.step === 'done' || current.step === 'sending') return;
    const { reward, key } = current;
    this.show({ step: 'sending', reward, key });
    try {
      // The key of this one action: a retry after a failure replays, never redeems twice.
      const redemption = await redeem(reward.id, key);
      this.qrFailed = false;
      this.show({ step: 'done', reward, redemption });
      return redemption;
    } catch (error) {
      const insufficient = problemCode(error) === 'insufficient_points';
      // Refused for good: a new attempt is a new action with a new key.
      this.show({
        step: 'failed',
        reward,
        key: insufficient ? newIdempotencyKey() : key,
        insufficient,
      });
      this.report(error);
      return undefined;
    }
  }

  /** Loads `<zheli-qr-code>` for the code just made; resolves whether it loaded. */
  showCode(): Promise<boolean> {
    return this.qr.run(loadQrCode);
  }

  private show(step: Step | undefined): void {
    this.current = step;
    this.host.requestUpdate();
  }

  private onClose = (): void => this.show(undefined);

  private onRetryQr = (): void => {
    this.qrFailed = false;
    this.host.requestUpdate();
    void this.qr.retry();
  };

  render(view: RedemptionView): TemplateResult | typeof nothing {
    const r = this.current;
    if (r === undefined) return nothing;
    const reward = view.name(r.reward);
    if (r.step === 'done') {
      return html`<div part="redemption" class="redemption" role="status">
        <h3 class="subheading">${t.pointsRedeemed()}</h3>
        ${
          this.qrFailed
            ? html`<div part="message" class="message error" role="alert">
                <p>${commonMessages.loadFailed()}</p>
                <button part="button" class="button" type="button" @click=${this.onRetryQr}>
                  ${commonMessages.retry()}
                </button>
              </div>`
            : html`<zheli-qr-code
                value=${r.redemption.code.token}
                label=${t.pointsCodeLabel()}
                status=${r.redemption.code.status}
                .mode=${view.elder ? 'elder' : 'standard'}
                size="240"
              ></zheli-qr-code>`
        }
        <p>${t.pointsCodeHint(reward, view.date(r.redemption.code.expiresAt))}</p>
        <p>${t.pointsBalanceAfter(view.number(r.redemption.balance))}</p>
        <button part="button" class="button" type="button" @click=${this.onClose}>${t.pointsDone()}</button>
      </div>`;
    }
    const busy = r.step === 'sending';
    return html`<div part="confirm" class="confirm" role="group" aria-labelledby="confirm-question">
      <p id="confirm-question">${t.pointsConfirm(view.number(r.reward.points), reward)}</p>
      ${
        r.step === 'failed'
          ? html`<p part="message" class="message error" role="alert">
              ${r.insufficient ? t.pointsInsufficient() : t.pointsRedeemFailed()}
            </p>`
          : nothing
      }
      ${busy ? html`<p part="message" class="message" role="status">${t.pointsRedeeming()}</p>` : nothing}
      <div class="actions">
        <button
          part="button"
          class="button primary"
          type="button"
          ?disabled=${busy || (r.step === 'failed' && r.insufficient)}
          @click=${view.onConfirm}
        >
          ${t.pointsConfirmYes()}
        </button>
        <button part="button" class="button" type="button" ?disabled=${busy} @click=${this.onClose}>
          ${t.pointsConfirmNo()}
        </button>
      </div>
    </div>`;
  }
}
