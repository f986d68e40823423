// `<zheli-qr-code>`: longer than 400 lines because its eight states (loading, ready, expired, signed
// out, error, too long…) share the code being shown; the encoder, verification and styles are apart.
import { errorStatus } from '@zheli/client/helpers';
import type { Schemas } from '@zheli/contract';
import { html, nothing, type PropertyValues, svg, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ZheliCodeRefreshEvent } from '../events/code-refresh.js';
import { appBridge, inAppContainer } from '../internal/app-container.js';
import { ZheliElement } from '../internal/base-element.js';
import type { ZheliData } from '../internal/data.js';
import { commonMessages, loginMessages, qrMessages } from '../internal/messages.js';
import { type CorrectionLevel, type Encoded, encode } from './encode.js';
import { styles } from './qr-code.styles.js';
import type { ScanVerify } from './scan-verify.js';
import {
  loadVerifyCode,
  type ZheliCodeVerification,
  type ZheliCodeVerifyOptions,
} from './verify.js';

type SignedCode = Schemas['SignedCode'];
/** A code's status colour: `green` (valid), `yellow` (attention), `red` (refused). */
export type CodeStatus = Schemas['CodeStatus'];
/** Which platform code `<zheli-qr-code>` fetches. */
export type QrCodeKind = Schemas['CodeKind'];

type Phase =
  | 'empty'
  | 'not-configured'
  | 'loading'
  | 'signed-out'
  | 'ready'
  | 'expired'
  | 'error'
  | 'too-long';

/** Seconds between two attempts when a background refresh fails while the code is still valid. */
const retryDelay = 5_000;
/** The share of the code's width a centre logo may cover. */
const logoShare = 0.2;

const icons = { green: '✓', yellow: '!', red: '✕' } as const;

const jwksByCodes = new WeakMap<
  NonNullable<ZheliData['codes']>,
  () => Promise<Schemas['JsonWebKeySet']>
>();

/**
 * @tagname zheli-qr-code
 * @summary A QR code as crisp SVG: any text, or a signed code fetched from the platform (a
 * personal service code that refreshes itself, a venue code, an appointment ticket), with its
 * status colour named in words and its content available to copy.
 * @since 0.1.0
 *
 * @event {ZheliCodeRefreshEvent} zheli-code-refresh - A fresh code replaced the one shown. `detail: { code }`.
 * @event {ZheliErrorEvent} zheli-error - The code could not be fetched or encoded. `detail: { error }`.
 *
 * @csspart base - The wrapper.
 * @csspart frame - The frame around the code; its colour is the code's status.
 * @csspart code - The `<svg role="img">` QR code.
 * @csspart status - The status in words (绿码 / 黄码 / 红码).
 * @csspart countdown - Seconds until a personal code refreshes.
 * @csspart copy-button - Copies the content to the clipboard.
 * @csspart copy-status - The live region that confirms a copy.
 * @csspart payload - The disclosure holding the content as text.
 * @csspart message - The loading, expired, signed-out, error and not-configured messages.
 * @csspart button - The refresh, retry and sign-in buttons.
 * @csspart scan-button - Inside the platform's app, with a venue code: scans a code with the app
 *   and verifies it offline as a venue code of the platform.
 * @csspart scan-result - The live region that says the outcome of a scan.
 *
 * @cssproperty [--frame-width=4px] - The width of the status frame.
 */
export class ZheliQrCode extends ZheliElement {
  static override styles = [styles];

  private timer: ReturnType<typeof setTimeout> | undefined;
  private loading: AbortController | undefined;
  private retryAt = 0;
  private scanVerify: ScanVerify | undefined;

  @state() private phase: Phase = 'empty';
  @state() private code: SignedCode | undefined;
  @state() private encoded: Encoded | undefined;
  @state() private now = Date.now();
  @state() private copied: 'idle' | 'copied' | 'failed' = 'idle';
  /** The text to encode. When set, `kind` is ignored. */
  @property() value: string | undefined;

  /** A code to fetch from the platform instead of `value`: `personal` (signed in), `venue`, or `appointment`. */
  @property({ reflect: true }) kind: QrCodeKind | undefined;

  /** The site whose venue code to show, with `kind="venue"`. */
  @property({ attribute: 'site-id' }) siteId: string | undefined;

  /** The appointment whose ticket to show, with `kind="appointment"`. */
  @property({ attribute: 'appointment-id' }) appointmentId: string | undefined;

  /** The lowest error-correction level to use; a `logo` raises it to `H`. */
  @property({ attribute: 'error-correction' }) errorCorrection: CorrectionLevel = 'M';

  /** The width and height of the code in CSS pixels (elder mode shows it a quarter larger). */
  @property({ type: Number }) size = 200;

  /** The light margin around the code, in modules (readers expect at least 4). */
  @property({ type: Number, attribute: 'quiet-zone' }) quietZone = 4;

  /** The URL of an image shown in the centre (a `data:` URL keeps the SVG self-contained). */
  @property() logo: string | undefined;

  /** What the code is for, as the accessible name; defaults to the kind's name. */
  @property() label: string | undefined;

  /** The status colour of a `value` code; a fetched code carries its own. */
  @property() status: CodeStatus | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    // Back in the page: resume the clock, or the fetch that disconnecting aborted.
    if (this.code !== undefined) this.tick();
    else if (this.hasUpdated && this.phase === 'loading' && !this.busy) void this.load(false);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
    this.timer = undefined;
    this.loading?.abort();
  }

  override willUpdate(changed: PropertyValues): void {
    if (
      changed.has('value') ||
      changed.has('kind') ||
      changed.has('siteId') ||
      changed.has('appointmentId') ||
      changed.has('config')
    ) {
      this.start();
    }
    if (
      changed.has('value') ||
      changed.has('code') ||
      changed.has('errorCorrection') ||
      changed.has('logo')
    ) {
      this.encodePayload();
    }
  }

  private onRefresh = (): void => {
    void this.load(false);
  };

  private onSignIn = (): void => {
    void this.signIn(() => void this.load(false));
  };

  private onCopy = async (): Promise<void> => {
    const payload = this.payload;
    if (payload === undefined) return;
    this.copied = 'idle';
    await this.updateComplete;
    try {
      await navigator.clipboard.writeText(payload);
      this.copied = 'copied';
    } catch {
      this.copied = 'failed';
    }
  };

  private tick = (): void => {
    clearTimeout(this.timer);
    this.timer = undefined;
    const code = this.code;
    if (code === undefined || this.value !== undefined || !this.isConnected) return;
    const now = Date.now();
    this.now = now;
    const expiresAt = Date.parse(code.expiresAt);
    if (now >= expiresAt) {
      this.phase = 'expired';
      return;
    }
    const refreshAt = code.refreshAfter === null ? undefined : Date.parse(code.refreshAfter);
    if (refreshAt !== undefined && now >= refreshAt && now >= this.retryAt && !this.busy) {
      void this.load(true);
    }
    // Every second while a countdown shows; otherwise at expiry (setTimeout waits 24.8 days at most).
    const delay = refreshAt === undefined ? Math.min(expiresAt - now, 2 ** 31 - 1) : 1000;
    this.timer = setTimeout(this.tick, delay);
  };

  private get busy(): boolean {
    return this.loading !== undefined && !this.loading.signal.aborted;
  }

  /** The text the code carries. */
  private get payload(): string | undefined {
    return this.value ?? (this.phase === 'ready' ? this.code?.token : undefined);
  }

  /** The side of the code in CSS pixels. */
  private get pixels(): number {
    return Math.round(this.size * (this.elder ? 1.25 : 1));
  }

  private get level(): CorrectionLevel {
    return this.logo ? 'H' : this.errorCorrection;
  }

  private start(): void {
    this.loading?.abort();
    this.loading = undefined;
    clearTimeout(this.timer);
    this.copied = 'idle';
    this.scanVerify?.reset();
    if (this.value !== undefined) {
      this.code = undefined;
      this.phase = 'ready';
      return;
    }
    this.code = undefined;
    if (this.kind === undefined) {
      this.phase = 'empty';
      return;
    }
    void this.load(false);
  }

  private encodePayload(): void {
    const payload = this.value ?? this.code?.token;
    if (payload === undefined) {
      this.encoded = undefined;
      return;
    }
    try {
      this.encoded = encode(payload, this.level);
    } catch (error) {
      this.encoded = undefined;
      this.phase = 'too-long';
      this.reportError(error);
    }
  }

  private fetchCode(client: ZheliData, signal: AbortSignal): Promise<SignedCode> | undefined {
    const { kind, siteId, appointmentId } = this;
    if (kind === 'venue') {
      if (siteId === undefined) return undefined;
      if (client.sites === undefined) throw new Error('No client.sites');
      return client.sites.venueCode(siteId, { signal });
    }
    if (kind === 'appointment' && appointmentId === undefined) return undefined;
    if (client.codes === undefined) throw new Error('No client.codes');
    return kind === 'appointment'
      ? client.codes.issue({ kind, appointmentId }, { signal })
      : client.codes.issue({ kind: 'personal' }, { signal });
  }

  /** Fetches the code; `background` keeps the current one on screen meanwhile. */
  private async load(background: boolean): Promise<void> {
    this.loading?.abort();
    const controller = new AbortController();
    this.loading = controller;
    const client = this.config?.client;
    const previous = this.code;
    if (client === undefined) {
      this.phase = 'not-configured';
      return;
    }
    if (!background) this.phase = 'loading';
    try {
      const auth = this.config?.auth;
      if (this.kind === 'personal' && auth !== undefined && (await auth.getUser()) === null) {
        if (controller.signal.aborted) return;
        this.code = undefined;
        this.phase = 'signed-out';
        return;
      }
      const fetching = this.fetchCode(client, controller.signal);
      if (fetching === undefined) {
        this.phase = 'empty';
        return;
      }
      const code = await fetching;
      if (controller.signal.aborted) return;
      this.code = code;
      this.phase = 'ready';
      this.retryAt = 0;
      if (previous !== undefined) this.dispatchEvent(new ZheliCodeRefreshEvent({ code }));
      this.tick();
    } catch (error) {
      if (controller.signal.aborted) return;
      if (errorStatus(error) === 401) {
        this.code = undefined;
        this.phase = 'signed-out';
        return;
      }
      this.reportError(error);
      // A failed background refresh keeps the still-valid code and tries again shortly.
      if (background && this.phase === 'ready') {
        this.retryAt = Date.now() + retryDelay;
        return;
      }
      this.phase = 'error';
    } finally {
      if (this.loading === controller) this.loading = undefined;
    }
  }

  /**
   * Verifies the code shown offline with `@zheli/client`'s `verifyCode`: its ES256 signature
   * against the platform's keys (fetched once through the configured client's `codes.keys()`),
   * its issuer, its kind and its time. Revocation needs the online `client.codes.verify()`.
   *
   * @example
   * ```ts
   * const result = await qr.verify({ issuer: 'https://id.zjzwfw.gov.cn' });
   * if (!result.valid) console.warn(result.reason);
   * ```
   */
  async verify(options: ZheliCodeVerifyOptions): Promise<ZheliCodeVerification> {
    const token = this.value ?? this.code?.token;
    if (token === undefined) throw new Error('No code to verify');
    return this.check(token, options.issuer, this.kind, options.now);
  }

  /** Verifies `token` offline with the platform's keys, fetched once per configured client. */
  private async check(
    token: string,
    issuer: string,
    kind: QrCodeKind | undefined,
    now?: ZheliCodeVerifyOptions['now'],
  ): Promise<ZheliCodeVerification> {
    const codes = this.config?.client?.codes;
    if (codes === undefined) throw new Error('No client.codes');
    let jwks = jwksByCodes.get(codes);
    if (jwks === undefined) {
      jwks = () => codes.keys();
      jwksByCodes.set(codes, jwks);
    }
    return (await loadVerifyCode())(token, {
      jwks,
      issuer,
      ...(kind === undefined ? {} : { kind }),
      ...(now === undefined ? {} : { now }),
    });
  }

  /**
   * Scan to verify: inside the platform's app, beside a venue code from the platform. Its code
   * loads on first use, so pages outside the app carry none of it.
   */
  private renderScan(): TemplateResult | typeof nothing {
    const token = this.code?.token;
    if (this.kind !== 'venue' || !token || this.value !== undefined || !inAppContainer()) {
      return nothing;
    }
    if (!this.scanVerify) {
      void import('./scan-verify.js').then((module) => {
        this.scanVerify ??= new module.ScanVerify(
          () => this.requestUpdate(),
          (error) => this.reportError(error),
          appBridge,
        );
        this.requestUpdate();
      });
    }
    return (
      this.scanVerify?.render(token, (text, issuer) => this.check(text, issuer, 'venue')) ?? nothing
    );
  }

  private kindLabel(): string {
    if (this.label) return this.label;
    const kind = this.value === undefined ? this.kind : undefined;
    if (kind === 'personal') return qrMessages.qrLabelPersonal();
    if (kind === 'venue') return qrMessages.qrLabelVenue();
    if (kind === 'appointment') return qrMessages.qrLabelAppointment();
    return qrMessages.qrLabelValue();
  }

  private statusLabel(status: CodeStatus): string {
    if (status === 'green') return qrMessages.qrStatusGreen();
    if (status === 'yellow') return qrMessages.qrStatusYellow();
    return qrMessages.qrStatusRed();
  }

  /** The centre logo on a light square one module wider, at most a fifth of the width, centred. */
  private renderLogo(n: number): TemplateResult | typeof nothing {
    const logo = this.logo;
    if (!logo) return nothing;
    // Level H restores the modules it hides.
    const side = Math.max(3, Math.round(n * logoShare));
    const at = (n - side) / 2;
    return svg`<rect x=${at - 1} y=${at - 1} width=${side + 2} height=${side + 2} fill="#fff"></rect><image href=${logo} x=${at} y=${at} width=${side} height=${side}></image>`;
  }

  /** The status in words under the code; `reserve` names no part (see `renderReserved`). */
  private renderStatus(
    status: CodeStatus | undefined,
    reserve: boolean,
  ): TemplateResult | typeof nothing {
    return status === undefined
      ? nothing
      : html`<figcaption part=${reserve ? nothing : 'status'} class="status"><span class="status-icon" aria-hidden="true" .textContent=${`${icons[status]} `}></span>${this.statusLabel(status)}</figcaption>`;
  }

  /** Seconds until a personal code refreshes. */
  private renderCountdown(
    seconds: number | undefined,
    reserve: boolean,
  ): TemplateResult | typeof nothing {
    return seconds === undefined
      ? nothing
      : html`<p part=${reserve ? nothing : 'countdown'} class="countdown" role="timer" .textContent=${qrMessages.qrRefreshIn(String(seconds))}></p>`;
  }

  /**
   * The code shown, as one template from the base part down (a single template to prepare and
   * clone): the code in its frame (an `<svg>` of a light square and one path for every dark
   * module, and the centre logo when there is one), its status, the countdown, copy and the
   * content as text. The template holds no whitespace between tags, and texts that stand alone
   * in their element are set as its text (a property), not as a part of the template, which would
   * add a marker node beside each: the shadow tree is only the nodes that draw and say something.
   */
  private renderCode(encoded: Encoded, base: string): TemplateResult {
    const status = this.code?.status ?? this.status;
    const name = this.kindLabel();
    const label =
      status === undefined ? name : qrMessages.qrImageLabel(name, this.statusLabel(status));
    const refreshAfter = this.code?.refreshAfter;
    const seconds =
      refreshAfter == null
        ? undefined
        : Math.max(0, Math.ceil((Date.parse(refreshAfter) - this.now) / 1000));
    const pixels = this.pixels;
    const q = Math.max(0, this.quietZone);
    const total = encoded.size + 2 * q;
    const copied =
      this.copied === 'copied'
        ? qrMessages.qrCopied()
        : this.copied === 'failed'
          ? qrMessages.qrCopyFailed()
          : '';
    return html`<div part="base" class=${base} lang=${this.locale}><figure part="frame" class=${`frame ${status ?? 'plain'}`}><svg part="code" class="code" role="img" aria-label=${label} viewBox=${`${-q} ${-q} ${total} ${total}`} width=${pixels} height=${pixels} shape-rendering="crispEdges"><rect x=${-q} y=${-q} width=${total} height=${total} fill="#fff"></rect><path d=${encoded.path} fill="#000"></path>${this.renderLogo(encoded.size)}</svg>${this.renderStatus(status, false)}</figure>${this.renderCountdown(seconds, false)}<div class="actions"><button part="copy-button" class="button" type="button" @click=${this.onCopy} .textContent=${qrMessages.qrCopy()}></button><p part="copy-status" class="copy-status" role="status" .textContent=${copied}></p>${this.renderScan()}</div><details part="payload" class="payload"><summary .textContent=${qrMessages.qrShowPayload()}></summary><code class="payload-text" .textContent=${this.payload ?? ''}></code></details></div>`;
  }

  /**
   * The room the code will take, kept by the states before and instead of it (loading, expired,
   * signed out, error, not configured): the code's layout as `renderCode` draws it (keep the two
   * in step), invisible and inert, without the code's modules and naming no parts (they name
   * what a person sees), with the state's content laid over it. So nothing around the element
   * moves when the code arrives or fails: a page that reserves the code's size before the element
   * is defined keeps it throughout.
   */
  private renderReserved(content: TemplateResult): TemplateResult {
    const fetched = this.value === undefined && this.kind !== undefined;
    // A fetched code always carries a status, and a personal one a countdown.
    const status = fetched ? 'green' : this.status;
    const seconds = fetched && this.kind === 'personal' ? 0 : undefined;
    const pixels = this.pixels;
    return html`<div class="stack"><div class="reserve" aria-hidden="true" inert><figure class=${`frame ${status ?? 'plain'}`}><svg class="code" width=${pixels} height=${pixels}></svg>${this.renderStatus(status, true)}</figure>${this.renderCountdown(seconds, true)}<div class="actions"><button class="button" type="button" .textContent=${qrMessages.qrCopy()}></button><p class="copy-status"></p></div><details class="payload"><summary .textContent=${qrMessages.qrShowPayload()}></summary><code class="payload-text"></code></details></div><div class="state">${content}</div></div>`;
  }

  private renderBody(): TemplateResult {
    switch (this.phase) {
      case 'ready':
        // Without a code to show (it did not encode); with one, `render` draws it.
        return html``;
      case 'loading':
        return this.renderReserved(html`<svg
            class="skeleton"
            aria-hidden="true"
            width=${this.pixels}
            height=${this.pixels}
          ></svg>
          <p part="message" class="message" role="status">${qrMessages.qrLoading()}</p>`);
      case 'expired':
        return this.renderReserved(html`<div part="message" class="message" role="status">
          <p>${qrMessages.qrExpired()}</p>
          <button part="button" class="button primary" type="button" @click=${this.onRefresh}>
            ${qrMessages.qrRefresh()}
          </button>
        </div>`);
      case 'signed-out':
        return this.renderReserved(html`<div part="message" class="message" role="status">
          <p>${qrMessages.qrSignedOut()}</p>
          ${
            this.config?.auth === undefined
              ? nothing
              : html`<button part="button" class="button primary" type="button" @click=${this.onSignIn}>
                  ${loginMessages.loginSignIn()}
                </button>`
          }
        </div>`);
      case 'error':
        return this.renderReserved(html`<div part="message" class="message error" role="alert">
          <p>${commonMessages.loadFailed()}</p>
          <button part="button" class="button" type="button" @click=${this.onRefresh}>
            ${commonMessages.retry()}
          </button>
        </div>`);
      case 'too-long':
        return html`<p part="message" class="message error" role="alert">${qrMessages.qrTooLong()}</p>`;
      case 'not-configured':
        return this.renderReserved(
          html`<p part="message" class="message" role="status">${commonMessages.notConfigured()}</p>`,
        );
      default:
        return html`<p part="message" class="message" role="status">${qrMessages.qrNoValue()}</p>`;
    }
  }

  override render(): TemplateResult {
    const base = this.elder ? 'base elder' : 'base';
    if (this.phase === 'ready' && this.encoded !== undefined) {
      return this.renderCode(this.encoded, base);
    }
    return html`<div part="base" class=${base} lang=${this.locale}>${this.renderBody()}</div>`;
  }
}
