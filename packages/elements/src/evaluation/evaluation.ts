// `<zheli-evaluation>`: longer than 400 lines because the form, its draft kept across sign-in and
// its five states share the element's state; its styles, events and messages are modules apart.
import { errorStatus, newIdempotencyKey, problemCode } from '@zheli/client/helpers';
import type { Schemas } from '@zheli/contract';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { classMap } from 'lit/directives/class-map.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { ZheliEvaluatedEvent } from '../events/evaluated.js';
import { ZheliElement } from '../internal/base-element.js';
import type { ZheliConfiguration } from '../internal/config.js';
import { LatestLoad } from '../internal/loader.js';
import { commonMessages, evaluationMessages } from '../internal/messages.js';
import { loadErrorView, signedOutView } from '../internal/state-views.js';
import { styles } from './evaluation.styles.js';
import { commentLimit, tagLimit } from './limits.js';

type Evaluation = Schemas['Evaluation'];
type Matter = Schemas['Matter'];
type LevelInfo = Schemas['EvaluationTagList']['levels'][number];
/** One of the five levels, `very_satisfied` … `very_dissatisfied`. */
export type EvaluationLevel = Schemas['EvaluationLevel'];

type Phase =
  | 'empty'
  | 'not-configured'
  | 'loading'
  | 'signed-out'
  | 'not-found'
  | 'not-handled'
  | 'error'
  | 'form'
  | 'submitting'
  | 'thanks'
  | 'rated';

type FormError = 'required' | 'failed' | 'rejected';

/** What is kept in `sessionStorage` while a person rates, so a redirect sign-in loses nothing. */
interface Draft {
  level: EvaluationLevel | undefined;
  tags: string[];
  comment: string;
  /** The `Idempotency-Key` of a submission already sent: a retry after a reload replays it. */
  key: string | undefined;
}

const draftPrefix = 'zheli-evaluation:';

function readDraft(caseNumber: string): Draft | undefined {
  try {
    const stored = sessionStorage.getItem(draftPrefix + caseNumber);
    if (stored === null) return undefined;
    const value: unknown = JSON.parse(stored);
    if (typeof value !== 'object' || value === null) return undefined;
    const draft = value as Partial<Draft>;
    return {
      level: typeof draft.level === 'string' ? draft.level : undefined,
      tags: Array.isArray(draft.tags) ? draft.tags.filter((t) => typeof t === 'string') : [],
      comment: typeof draft.comment === 'string' ? draft.comment.slice(0, commentLimit) : '',
      key: typeof draft.key === 'string' ? draft.key : undefined,
    };
  } catch {
    return undefined;
  }
}

function writeDraft(caseNumber: string, draft: Draft | undefined): void {
  try {
    if (draft === undefined) sessionStorage.removeItem(draftPrefix + caseNumber);
    else sessionStorage.setItem(draftPrefix + caseNumber, JSON.stringify(draft));
  } catch {
    // Storage refused (private mode, quota): the draft lives only in the element.
  }
}

/**
 * @tagname zheli-evaluation
 * @summary Rates a handled matter (好差评) by its case number: five levels from 非常满意 to
 * 非常不满意 as a radio group, reason tags of the chosen level, an optional comment with a
 * length counter, submitted once with an idempotency key; then a thank-you, or the evaluation
 * already given, read-only. Signed-in only.
 * @since 0.1.0
 *
 * @event {ZheliEvaluatedEvent} zheli-evaluated - The platform saved the rating. `detail: { evaluation }`.
 * @event {ZheliErrorEvent} zheli-error - The matter could not be loaded, or the rating not submitted. `detail: { error }`.
 *
 * @csspart base - The wrapper.
 * @csspart matter - The matter being rated: service, case number, when it was handled.
 * @csspart form - The rating form.
 * @csspart levels - The fieldset of the five levels.
 * @csspart level - One level: its radio and its name.
 * @csspart tags - The fieldset of reason tags of the chosen level.
 * @csspart tag - One reason tag: its checkbox and its name.
 * @csspart comment - The comment text area.
 * @csspart counter - The comment's length counter.
 * @csspart error - The live region that announces what went wrong with the form.
 * @csspart submit - The submit button.
 * @csspart result - The thank-you or already-rated panel.
 * @csspart title - The first line of the result panel, which receives focus.
 * @csspart summary - The evaluation, read-only.
 * @csspart message - The loading, signed-out, not-found, error and not-configured messages.
 * @csspart button - The sign-in and retry buttons.
 *
 * @cssproperty [--inline-size=36em] - The element's largest width.
 */
export class ZheliEvaluation extends ZheliElement {
  static override styles = [styles];

  /** The matter's load: aborted on disconnect, started again on reconnect. */
  private loads = new LatestLoad(
    this,
    (signal) => this.load(signal),
    (error) => {
      const status = errorStatus(error);
      if (status !== 401) this.reportError(error);
      this.phase = status === 401 ? 'signed-out' : status === 404 ? 'not-found' : 'error';
    },
  );
  /** The `Idempotency-Key` of the answers as they are; cleared when they change. */
  private key: string | undefined;
  /** Set when a person caused the change: focus follows to the new state once it settles. */
  private refocus = false;
  /** The client and auth of the last load. */
  private loadedWith: Pick<ZheliConfiguration, 'client' | 'auth'> = {};

  @state() private phase: Phase = 'empty';
  @state() private matter: Matter | undefined;
  @state() private levels: LevelInfo[] = [];
  @state() private evaluation: Evaluation | undefined;
  @state() private level: EvaluationLevel | undefined;
  @state() private tags: string[] = [];
  @state() private comment = '';
  @state() private formError: FormError | undefined;

  /** The case number (办件编号) of the handled matter to rate, e.g. `330523-20261118-000123`. */
  @property({ attribute: 'case-number', reflect: true }) caseNumber: string | undefined;

  override willUpdate(changed: PropertyValues): void {
    const client = this.config?.client;
    const auth = this.config?.auth;
    // Another matter, client or auth loads again; a new locale or mode only re-renders. A
    // submission under way finishes on its own.
    const reconnected = client !== this.loadedWith.client || auth !== this.loadedWith.auth;
    if (changed.has('caseNumber') || (reconnected && this.phase !== 'submitting')) {
      this.loadedWith = { client, auth };
      void this.loads.start();
    }
  }

  override updated(): void {
    if (!this.refocus) return;
    const root = this.renderRoot;
    let target: HTMLElement | null;
    if (this.phase === 'form' || this.phase === 'submitting') {
      target =
        root.querySelector<HTMLElement>('input[name="level"]:checked') ??
        root.querySelector<HTMLElement>('input[name="level"]');
    } else if (this.phase === 'thanks' || this.phase === 'rated') {
      target = root.querySelector<HTMLElement>('[part~="title"]');
    } else {
      target =
        root.querySelector<HTMLElement>('[part~="button"]') ??
        root.querySelector<HTMLElement>('[part~="message"]');
    }
    // While loading, hold focus on the loading message until the next state arrives.
    if (this.phase !== 'loading') this.refocus = false;
    target?.focus();
  }

  private onLevel = (event: Event): void => {
    if (this.phase !== 'form') {
      // Submitting: the answers are frozen; the next render puts the controls back.
      this.requestUpdate();
      return;
    }
    const input = event.target as HTMLInputElement;
    const level = input.value as EvaluationLevel;
    const allowed = new Set(this.levelInfo(level)?.tags.map((tag) => tag.id));
    this.level = level;
    // Tags the new level also offers stay chosen; the others go.
    this.tags = this.tags.filter((id) => allowed.has(id));
    if (this.formError === 'required') this.formError = undefined;
    this.changed();
  };

  private onTag = (event: Event): void => {
    if (this.phase !== 'form') {
      // Submitting: the answers are frozen; the next render puts the controls back.
      this.requestUpdate();
      return;
    }
    const input = event.target as HTMLInputElement;
    const others = this.tags.filter((id) => id !== input.value);
    this.tags = input.checked ? [...others, input.value].slice(0, tagLimit) : others;
    this.changed();
  };

  private onComment = (event: Event): void => {
    if (this.phase !== 'form') {
      // Submitting: the answers are frozen; the next render puts the controls back.
      this.requestUpdate();
      return;
    }
    this.comment = (event.target as HTMLTextAreaElement).value.slice(0, commentLimit);
    this.changed();
  };

  private onSubmit = (event: Event): void => {
    event.preventDefault();
    void this.submit();
  };

  private onRetry = (): void => {
    this.refocus = true;
    void this.loads.start();
  };

  private onSignIn = (): void => {
    // A redirect sign-in leaves the page; the draft comes back from sessionStorage.
    this.saveDraft();
    void this.signIn(() => {
      this.refocus = true;
      void this.loads.start();
    });
  };

  /** The answers changed: a new submission needs a new key, and the draft is saved. */
  private changed(): void {
    this.key = undefined;
    this.saveDraft();
  }

  private saveDraft(): void {
    const caseNumber = this.caseNumber;
    if (caseNumber === undefined || (this.phase !== 'form' && this.phase !== 'submitting')) return;
    writeDraft(caseNumber, {
      level: this.level,
      tags: this.tags,
      comment: this.comment,
      key: this.key,
    });
  }

  private levelInfo(level: EvaluationLevel | undefined): LevelInfo | undefined {
    return this.levels.find((item) => item.level === level);
  }

  private nameOf(item: { name: string; nameTw: string; nameEn: string }): string {
    if (this.locale === 'en') return item.nameEn;
    if (this.locale === 'zh-TW') return item.nameTw;
    return item.name;
  }

  private async load(signal: AbortSignal): Promise<void> {
    this.formError = undefined;
    const caseNumber = this.caseNumber;
    const client = this.config?.client;
    if (!caseNumber) {
      this.phase = 'empty';
      return;
    }
    if (client === undefined) {
      this.phase = 'not-configured';
      return;
    }
    this.phase = 'loading';
    const auth = this.config?.auth;
    if (auth !== undefined && (await auth.getUser()) === null) {
      if (signal.aborted) return;
      this.phase = 'signed-out';
      return;
    }
    if (client.evaluations === undefined || client.me === undefined) {
      throw new Error('This client lacks the evaluations and me operations');
    }
    const [list, matter] = await Promise.all([
      client.evaluations.tags({ signal }),
      client.me.matter(caseNumber, { signal }),
    ]);
    if (signal.aborted) return;
    this.levels = list.levels;
    this.matter = matter;
    if (matter.evaluation !== null) {
      this.evaluation = matter.evaluation;
      this.phase = 'rated';
      writeDraft(caseNumber, undefined);
      return;
    }
    if (matter.status === 'in_progress') {
      this.phase = 'not-handled';
      return;
    }
    const draft = readDraft(caseNumber);
    const level = draft?.level;
    const known = this.levelInfo(level);
    this.level = known?.level;
    this.tags = (draft?.tags ?? []).filter((id) => known?.tags.some((tag) => tag.id === id));
    this.comment = draft?.comment ?? '';
    this.key = draft?.key;
    this.phase = 'form';
  }

  private async submit(): Promise<void> {
    // One submission at a time: a second click while it runs does nothing.
    if (this.phase !== 'form') return;
    const caseNumber = this.caseNumber;
    const evaluations = this.config?.client?.evaluations;
    const level = this.level;
    if (caseNumber === undefined || evaluations === undefined) return;
    if (level === undefined) {
      this.formError = 'required';
      this.refocus = true;
      return;
    }
    // The same key for every attempt at the same answers: a retry replays, never rates twice.
    this.key ??= newIdempotencyKey();
    const key = this.key;
    this.formError = undefined;
    this.phase = 'submitting';
    this.saveDraft();
    const comment = this.comment.trim();
    try {
      const evaluation = await evaluations.submit(
        {
          caseNumber,
          level,
          ...(this.tags.length > 0 ? { tags: this.tags } : {}),
          ...(comment === '' ? {} : { comment }),
        },
        { idempotencyKey: key },
      );
      writeDraft(caseNumber, undefined);
      this.key = undefined;
      this.evaluation = evaluation;
      this.phase = 'thanks';
      this.refocus = true;
      this.dispatchEvent(new ZheliEvaluatedEvent({ evaluation }));
    } catch (error) {
      const status = errorStatus(error);
      if (status === 401) {
        this.phase = 'signed-out';
        this.refocus = true;
        return;
      }
      if (status === 409 && problemCode(error) === 'already_evaluated') {
        // Rated meanwhile (another tab, another device): show that evaluation.
        writeDraft(caseNumber, undefined);
        this.refocus = true;
        await this.loads.start();
        return;
      }
      this.reportError(error);
      if (status === 404) {
        this.phase = 'not-found';
        this.refocus = true;
        return;
      }
      this.phase = 'form';
      this.formError = status === 422 || status === 400 ? 'rejected' : 'failed';
    }
  }

  private formatTime(value: string | null): string {
    if (value === null) return '';
    return new Intl.DateTimeFormat(this.locale, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'Asia/Shanghai',
    }).format(new Date(value));
  }

  private renderMatter(): TemplateResult | typeof nothing {
    const matter = this.matter;
    if (matter === undefined) return nothing;
    const service = this.locale === 'en' ? matter.service.nameEn : matter.service.name;
    return html`<div part="matter" class="matter">
      <p class="service">${service}</p>
      <p class="case">${evaluationMessages.evalCaseNumber(matter.caseNumber)}</p>
      ${
        matter.handledAt === null
          ? nothing
          : html`<p class="case">${evaluationMessages.evalHandledAt(this.formatTime(matter.handledAt))}</p>`
      }
    </div>`;
  }

  private renderForm(): TemplateResult {
    const busy = this.phase === 'submitting';
    const chosen = this.levelInfo(this.level);
    const required = this.formError === 'required';
    const error =
      this.formError === 'required'
        ? evaluationMessages.evalLevelRequired()
        : this.formError === 'rejected'
          ? evaluationMessages.evalRejected()
          : this.formError === 'failed'
            ? evaluationMessages.evalSubmitFailed()
            : '';
    return html`${this.renderMatter()}
      <form part="form" class="form" novalidate @submit=${this.onSubmit}>
        <fieldset part="levels" class="levels">
          <legend class="legend">${evaluationMessages.evalLevelLegend()}</legend>
          <div class="choices">
            ${this.levels.map((item, index) => {
              const checked = item.level === this.level;
              return html`<label part="level" class=${classMap({ choice: true, level: true, checked })}>
                <input
                  type="radio"
                  name="level"
                  value=${item.level}
                  .checked=${live(checked)}
                  aria-invalid=${required ? 'true' : 'false'}
                  aria-describedby=${ifDefined(required ? 'form-error' : undefined)}
                  @change=${this.onLevel}
                />
                <span class="stars" aria-hidden="true"
                  >${'★'.repeat(this.levels.length - index)}${'☆'.repeat(index)}</span
                >
                <span class="name">${this.nameOf(item)}</span>
              </label>`;
            })}
          </div>
        </fieldset>
        ${
          chosen === undefined || chosen.tags.length === 0
            ? nothing
            : html`<fieldset part="tags" class="tags">
                <legend class="legend">${evaluationMessages.evalTagsLegend()}</legend>
                <div class="choices">
                  ${chosen.tags.map((tag) => {
                    const checked = this.tags.includes(tag.id);
                    return html`<label part="tag" class=${classMap({ choice: true, tag: true, checked })}>
                      <input
                        type="checkbox"
                        name="tags"
                        value=${tag.id}
                        .checked=${live(checked)}
                        @change=${this.onTag}
                      />
                      <span class="name">${this.nameOf(tag)}</span>
                    </label>`;
                  })}
                </div>
              </fieldset>`
        }
        <div class="field">
          <label class="legend" for="comment">${evaluationMessages.evalCommentLabel()}</label>
          <textarea
            id="comment"
            part="comment"
            class="comment"
            rows="3"
            maxlength=${commentLimit}
            aria-describedby="comment-count"
            ?readonly=${busy}
            .value=${live(this.comment)}
            @input=${this.onComment}
          ></textarea>
          <p id="comment-count" part="counter" class="counter">
            ${evaluationMessages.evalCommentCount(String(this.comment.length), String(commentLimit))}
          </p>
        </div>
        <p id="form-error" part="error" class="error" role="alert">${error}</p>
        <div class="actions">
          <button
            part="submit"
            class="button primary"
            type="submit"
            aria-disabled=${busy ? 'true' : 'false'}
          >
            ${busy ? evaluationMessages.evalSubmitting() : evaluationMessages.evalSubmit()}
          </button>
          <p class="visually-hidden" role="status">${busy ? evaluationMessages.evalSubmitting() : ''}</p>
        </div>
      </form>`;
  }

  private renderResult(): TemplateResult {
    const evaluation = this.evaluation;
    const thanks = this.phase === 'thanks';
    const info = this.levelInfo(evaluation?.level);
    const tagNames = (evaluation?.tags ?? []).map((id) => {
      const tag = info?.tags.find((item) => item.id === id);
      return tag === undefined ? id : this.nameOf(tag);
    });
    return html`${this.renderMatter()}
      <div part="result" class=${classMap({ result: true, thanks })}>
        <p part="title" class="title" tabindex="-1">
          ${thanks ? evaluationMessages.evalThanks() : evaluationMessages.evalRated()}
        </p>
        ${thanks ? html`<p class="detail">${evaluationMessages.evalThanksDetail()}</p>` : nothing}
        ${
          evaluation === undefined
            ? nothing
            : html`<dl part="summary" class="summary">
                <dt>${evaluationMessages.evalYourLevel()}</dt>
                <dd>${info === undefined ? evaluation.level : this.nameOf(info)}</dd>
                <dt>${evaluationMessages.evalYourTags()}</dt>
                <dd>${tagNames.length === 0 ? evaluationMessages.evalNone() : tagNames.join(this.locale === 'en' ? ', ' : '、')}</dd>
                <dt>${evaluationMessages.evalYourComment()}</dt>
                <dd class="said">${evaluation.comment || evaluationMessages.evalNone()}</dd>
                <dt>${evaluationMessages.evalRatedAt()}</dt>
                <dd>${this.formatTime(evaluation.createdAt)}</dd>
              </dl>`
        }
      </div>`;
  }

  private renderBody(): TemplateResult {
    switch (this.phase) {
      case 'form':
      case 'submitting':
        return this.renderForm();
      case 'thanks':
      case 'rated':
        return this.renderResult();
      case 'loading':
        return html`<div class="skeleton" aria-hidden="true"></div>
          <p part="message" class="message" role="status" tabindex="-1">
            ${evaluationMessages.evalLoading()}
          </p>`;
      case 'signed-out':
        return signedOutView(
          evaluationMessages.evalSignedOut(),
          this.config?.auth === undefined ? undefined : this.onSignIn,
        );
      case 'not-found':
        return html`<p part="message" class="message error" role="alert" tabindex="-1">
          ${evaluationMessages.evalNotFound(this.caseNumber ?? '')}
        </p>`;
      case 'not-handled':
        return html`${this.renderMatter()}
          <p part="message" class="message" role="status">${evaluationMessages.evalNotHandled()}</p>`;
      case 'error':
        return loadErrorView(this.onRetry);
      case 'not-configured':
        return html`<p part="message" class="message" role="status">${commonMessages.notConfigured()}</p>`;
      default:
        return html`<p part="message" class="message" role="status">${evaluationMessages.evalNoCase()}</p>`;
    }
  }

  override render(): TemplateResult {
    return html`<div part="base" class=${classMap({ base: true, elder: this.elder })} lang=${this.locale}>
      ${this.renderBody()}
    </div>`;
  }
}
