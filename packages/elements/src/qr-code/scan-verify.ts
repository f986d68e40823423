// `<zheli-qr-code>`'s scan to verify, loaded only when it shows a venue code inside the
// platform's app.
// It imports nothing of the element's own modules, so bundlers keep the two chunks apart, and not
// the container's module either (the element passes its `appBridge`): esbuild would otherwise give
// that module a chunk file of its own in every app.
import { str } from '@lit/localize/internal/str-tag.js';
import type { Bridge } from '@zheli/bridge';
import { html, type TemplateResult } from 'lit';
import { group } from '../internal/messages.js';
import type { ZheliCodeVerification } from './verify.js';

/**
 * Its words, apart from `../internal/messages.ts` so that they load with this chunk, not with
 * every element (as the picker's `view-messages.ts`). Their ids are in `messageIds`.
 */
export const qrScanMessages = /* @__PURE__ */ group({
  qrScanVerify: '扫码核验场所码',
  qrScanVerifying: '正在核验…',
  qrScanValid: (ref: string) => str`核验通过：平台签发的有效场所码（${ref}）。`,
  qrScanInvalid: '核验未通过：这不是平台签发的有效场所码。',
  qrScanCancelled: '已取消扫码。',
  qrScanFailed: '无法完成核验，请重试。',
});

type Outcome =
  | { state: 'idle' | 'verifying' | 'invalid' | 'cancelled' | 'failed' }
  | { state: 'valid'; ref: string };

/** The scan button and the live region that says its outcome. */
export class ScanVerify {
  private outcome: Outcome = { state: 'idle' };
  private update: () => void;
  private report: (error: unknown) => void;
  private bridge: () => Promise<Bridge> | undefined;

  constructor(
    update: () => void,
    report: (error: unknown) => void,
    bridge: () => Promise<Bridge> | undefined,
  ) {
    this.update = update;
    this.report = report;
    this.bridge = bridge;
  }

  reset(): void {
    this.outcome = { state: 'idle' };
  }

  private show(outcome: Outcome): void {
    this.outcome = outcome;
    this.update();
  }

  /**
   * Scans a code with the app's camera and verifies it offline as a venue code: signed with the
   * platform's keys, issued by the issuer of the code shown (both come from the configured
   * client), of kind `venue`, and in its time.
   */
  private async scan(
    shown: string,
    verify: (text: string, issuer: string) => Promise<ZheliCodeVerification>,
  ): Promise<void> {
    const bridge = this.bridge();
    const issuer = issuerOf(shown);
    if (!bridge || !issuer) return;
    this.show({ state: 'verifying' });
    try {
      const text = await (await bridge).scan();
      const result = await verify(text, issuer);
      this.show(
        result.valid ? { state: 'valid', ref: result.claims.ref ?? '—' } : { state: 'invalid' },
      );
    } catch (error) {
      const cancelled = (error as { code?: unknown } | null)?.code === 'user_cancelled';
      this.show({ state: cancelled ? 'cancelled' : 'failed' });
      if (!cancelled) this.report(error);
    }
  }

  private message(): string {
    const outcome = this.outcome;
    if (outcome.state === 'valid') return qrScanMessages.qrScanValid(outcome.ref);
    if (outcome.state === 'verifying') return qrScanMessages.qrScanVerifying();
    if (outcome.state === 'invalid') return qrScanMessages.qrScanInvalid();
    if (outcome.state === 'cancelled') return qrScanMessages.qrScanCancelled();
    if (outcome.state === 'failed') return qrScanMessages.qrScanFailed();
    return '';
  }

  /** The button that scans and verifies against the issuer of `shown`, and the outcome. */
  render(
    shown: string,
    verify: (text: string, issuer: string) => Promise<ZheliCodeVerification>,
  ): TemplateResult {
    return html`<button
        part="scan-button"
        class="button"
        type="button"
        ?disabled=${this.outcome.state === 'verifying'}
        @click=${() => this.scan(shown, verify)}
      >
        ${qrScanMessages.qrScanVerify()}
      </button>
      <p part="scan-result" class="copy-status" role="status">${this.message()}</p>`;
  }
}

/**
 * The issuer a signed code names (its `iss` claim), read without checking the signature: the
 * issuer of a code the configured client fetched from the platform, which scanned codes must share.
 */
function issuerOf(token: string | undefined): string | undefined {
  const payload = token?.split('.')[1];
  if (!payload) return undefined;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const iss: unknown = JSON.parse(json).iss;
    return typeof iss === 'string' ? iss : undefined;
  } catch {
    return undefined;
  }
}
