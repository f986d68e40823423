// `<zheli-matter>`: longer than 400 lines because its stages (materials, form, review) and the
// application they make share the element's state; the progress after submitting is a view
// loaded when it is first shown (progress.ts, through loaders.ts), the value checks a module
// apart (values.ts).
import { errorStatus, newIdempotencyKey } from '@zheli/client/helpers';
import type { Schemas } from '@zheli/contract';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { classMap } from 'lit/directives/class-map.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { ZheliMatterSubmittedEvent } from '../events/matter-submitted.js';
import { ZheliElement } from '../internal/base-element.js';
import type { ZheliConfiguration } from '../internal/config.js';
import type { ZheliData } from '../internal/data.js';
import { LatestLoad } from '../internal/loader.js';
import { commonMessages, loginMessages } from '../internal/messages.js';
import { loadProgress } from './loaders.js';
import { styles } from './matter.styles.js';
import { matterMessages as m } from './messages.js';
import { type FormValue, fieldProblem, filled } from './values.js';

type Guide = Schemas['BundleGuide'];
type Application = Schemas['BundleApplication'];
type Field = Schemas['FormField'];
type Applications = NonNullable<ZheliData['applications']>;

type Phase =
  | 'empty'
  | 'not-configured'
  | 'loading'
  | 'not-found'
  | 'error'
  | 'signed-out'
  | 'form'
  | 'submitting'
  | 'progress';

/** The stages of the form: materials, the form's fields, review. */
const stageCount = 3;

type Progress = typeof import('./progress.js');

/**
 * @tagname zheli-matter
 * @summary A one-matter application (一件事): the bundle's steps across departments, its
 * materials merged across them (one needed by three services is asked for once) with the
 * documents the person already has on file, a form generated from the contract's schema for the
 * bundle, a draft saved on the platform (resumed on any device), one submission with an
 * idempotency key, then each department's progress (受理, 办理中, 办结), the correction of a
 * rejected step, and the evaluation once done.
 * @since 0.1.0
 *
 * @event {ZheliMatterSubmittedEvent} zheli-matter-submitted - The platform accepted the application. `detail: { application }`.
 * @event {ZheliErrorEvent} zheli-error - The guide or the application could not be loaded, or a write failed. `detail: { error }`.
 *
 * @csspart base - The wrapper.
 * @csspart heading - The bundle's name.
 * @csspart steps - The list of the bundle's steps, one per department and service.
 * @csspart step - One step: its department, its service, its promised time or its progress.
 * @csspart stages - The list of the form's stages (materials, form, review), the current marked.
 * @csspart materials - The merged materials.
 * @csspart material - One material: whether it is on file, held by the platform or provided.
 * @csspart form - The generated form.
 * @csspart field - One field: its label, hint, control and error.
 * @csspart review - The review before submitting.
 * @csspart actions - The back, next, save and submit buttons.
 * @csspart note - The live region for the draft's state and the form's errors.
 * @csspart progress - The application's progress.
 * @csspart status - A step's status (受理, 办理中, 需补正, 办结).
 * @csspart correction - The correction of a rejected step.
 * @csspart evaluation - The evaluation of the completed application.
 * @csspart message - The loading, signed-out, not-found, error and not-configured messages.
 * @csspart button - Every button.
 *
 * @cssproperty [--inline-size=44em] - The element's largest width.
 */
export class ZheliMatter extends ZheliElement {
  static override styles = [styles];

  /** The guide's and the application's load: aborted on disconnect, started again on reconnect. */
  private loads = new LatestLoad(
    this,
    (signal) => this.load(signal),
    (error) => {
      const status = errorStatus(error);
      if (status !== 401) this.reportError(error);
      this.phase = status === 401 ? 'signed-out' : status === 404 ? 'not-found' : 'error';
    },
  );
  /** The client and auth of the last load. */
  private loadedWith: Pick<ZheliConfiguration, 'client' | 'auth'> = {};
  /** The `Idempotency-Key` of the answers as they are; a change makes a new one. */
  private key: string | undefined;
  /** Set when a person caused the change: focus follows to the new state once it settles. */
  private refocus = false;
  private progress: Progress | undefined;

  @state() private phase: Phase = 'empty';
  @state() private stage = 0;
  @state() private guide: Guide | undefined;
  @state() private documents: Schemas['Document'][] = [];
  @state() private values: Record<string, FormValue> = {};
  @state() private provided: string[] = [];
  @state() private errors: Record<string, 'required' | 'invalid'> = {};
  @state() private note:
    | 'saved'
    | 'resumed'
    | 'draft-failed'
    | 'materials'
    | 'fields'
    | 'failed'
    | undefined;
  @state() private application: Application | undefined;
  @state() private busy = false;

  /** The one-matter bundle to apply for, e.g. `bnd-birth`. */
  @property({ attribute: 'bundle-id', reflect: true }) bundleId: string | undefined;

  /** The applicant's region (GB/T 2260), so each step is the service offered there. */
  @property({ reflect: true }) region: string | undefined;

  override willUpdate(changed: PropertyValues): void {
    const client = this.config?.client;
    const auth = this.config?.auth;
    const reconnected = client !== this.loadedWith.client || auth !== this.loadedWith.auth;
    if (
      changed.has('bundleId') ||
      changed.has('region') ||
      (reconnected && this.phase !== 'submitting')
    ) {
      this.loadedWith = { client, auth };
      void this.loads.start();
    }
  }

  override updated(): void {
    if (!this.refocus || this.phase === 'loading') return;
    this.refocus = false;
    const root = this.renderRoot;
    const invalid = root.querySelector<HTMLElement>('[aria-invalid="true"]');
    const target =
      invalid ??
      root.querySelector<HTMLElement>('[data-focus]') ??
      root.querySelector<HTMLElement>('[part~="message"]');
    target?.focus();
  }

  /**
   * The client's applications group, or `@zheli/client/applications` made of the client (one
   * made by `createClient`), loaded with this element.
   */
  private async apps(): Promise<Applications> {
    const data = this.config?.client;
    if (data === undefined) throw new Error('This client lacks the applications operations');
    return (
      data.applications ?? (await import('@zheli/client/applications')).applications(data as never)
    );
  }

  private async load(signal: AbortSignal): Promise<void> {
    const bundleId = this.bundleId;
    if (!bundleId) {
      this.phase = 'empty';
      return;
    }
    if (this.config?.client === undefined) {
      this.phase = 'not-configured';
      return;
    }
    this.phase = 'loading';
    const apps = await this.apps();
    const query = this.region ? { region: this.region } : undefined;
    this.guide = await apps.guide(bundleId, query, { signal });
    const auth = this.config?.auth;
    if (auth !== undefined && (await auth.getUser()) === null) {
      if (!signal.aborted) this.phase = 'signed-out';
      return;
    }
    const [documents, list] = await Promise.all([
      apps.documents({ signal }),
      apps.list({ bundle: bundleId, limit: 1 }, { signal }),
    ]);
    if (signal.aborted) return;
    this.documents = documents.items;
    const latest = list.items[0];
    if (latest !== undefined) {
      await this.showApplication(latest);
      return;
    }
    const draft = await apps.draft(bundleId, { signal }).catch((error: unknown) => {
      if (errorStatus(error) === 404) return undefined;
      throw error;
    });
    if (signal.aborted) return;
    this.values = { ...(draft?.values ?? {}) };
    this.provided = [...(draft?.materials ?? [])];
    this.stage = Math.min(draft?.step ?? 0, stageCount - 1);
    this.errors = {};
    this.note = draft ? 'resumed' : undefined;
    this.key = undefined;
    this.phase = 'form';
  }

  private async showApplication(application: Application): Promise<void> {
    this.progress ??= await loadProgress();
    this.application = application;
    this.phase = 'progress';
  }

  private onSignIn = (): void => {
    void this.signIn(() => {
      this.refocus = true;
      void this.loads.start();
    });
  };

  private onRetry = (): void => {
    this.refocus = true;
    void this.loads.start();
  };

  private onMaterial = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    const others = this.provided.filter((key) => key !== input.value);
    this.provided = input.checked ? [...others, input.value] : others;
    if (this.note === 'materials') this.note = undefined;
    this.key = undefined;
  };

  private onField = (event: Event): void => {
    const input = event.target as HTMLInputElement | HTMLSelectElement;
    const name = input.name;
    const field = this.guide?.form.properties[name];
    if (field === undefined || this.phase !== 'form') return;
    let value: FormValue = input.value;
    if (field.type === 'boolean') value = (input as HTMLInputElement).checked;
    else if (field.type === 'integer' && input.value !== '') value = Number(input.value);
    this.values = { ...this.values, [name]: value };
    this.key = undefined;
    if (this.errors[name] !== undefined) {
      const { [name]: _fixed, ...rest } = this.errors;
      this.errors = rest;
    }
  };

  /** The required materials neither on file nor held by the platform nor ticked. */
  private missingMaterials(): Schemas['BundleMaterial'][] {
    return (this.guide?.materials ?? []).filter(
      (material) =>
        material.required &&
        !material.prefilled &&
        !this.onFile(material.key) &&
        !this.provided.includes(material.key),
    );
  }

  private onFile(key: string): Schemas['Document'] | undefined {
    return this.documents.find((document) => document.materialKey === key);
  }

  private checkFields(): boolean {
    const form = this.guide?.form;
    if (form === undefined) return false;
    const errors: Record<string, 'required' | 'invalid'> = {};
    for (const name of form.order) {
      const field = form.properties[name];
      if (field === undefined) continue;
      const problem = fieldProblem(field, this.values[name], form.required.includes(name));
      if (problem) errors[name] = problem;
    }
    this.errors = errors;
    return Object.keys(errors).length === 0;
  }

  private onNext = (): void => {
    if (this.stage === 0 && this.missingMaterials().length > 0) {
      this.note = 'materials';
      return;
    }
    if (this.stage === 1 && !this.checkFields()) {
      this.note = 'fields';
      this.refocus = true;
      return;
    }
    this.goTo(this.stage + 1);
  };

  private onBack = (): void => this.goTo(this.stage - 1);

  private goTo(stage: number): void {
    this.stage = Math.max(0, Math.min(stageCount - 1, stage));
    this.note = undefined;
    this.refocus = true;
    // Moving on keeps the draft on the platform, for another device or session.
    void this.saveDraft(false);
  }

  private onSave = (): void => {
    void this.saveDraft(true);
  };

  private async saveDraft(announce: boolean): Promise<void> {
    const bundleId = this.bundleId;
    if (!bundleId || this.phase !== 'form') return;
    try {
      await (await this.apps()).saveDraft(bundleId, {
        values: filled(this.values),
        materials: this.provided,
        step: this.stage,
      });
      if (announce) this.note = 'saved';
    } catch (error) {
      this.reportError(error);
      this.note = 'draft-failed';
    }
  }

  private onSubmit = (event: Event): void => {
    event.preventDefault();
    void this.submit();
  };

  private async submit(): Promise<void> {
    // One submission at a time: a second click while it runs does nothing.
    const bundleId = this.bundleId;
    if (this.phase !== 'form' || !bundleId) return;
    if (this.stage < stageCount - 1) return this.onNext();
    if (!this.checkFields()) {
      this.stage = 1;
      this.note = 'fields';
      this.refocus = true;
      return;
    }
    // The same key for every attempt at the same answers: a retry replays, never submits twice.
    this.key ??= newIdempotencyKey();
    const key = this.key;
    this.note = undefined;
    this.phase = 'submitting';
    try {
      const application = await (await this.apps()).submit(
        { bundleId, values: filled(this.values), materials: this.provided },
        { idempotencyKey: key },
      );
      this.key = undefined;
      this.refocus = true;
      await this.showApplication(application);
      this.dispatchEvent(new ZheliMatterSubmittedEvent({ application }));
    } catch (error) {
      this.phase = 'form';
      if (errorStatus(error) === 401) {
        this.phase = 'signed-out';
        return;
      }
      this.reportError(error);
      const fields = problemFields(error);
      if (fields.length > 0) {
        this.errors = Object.fromEntries(fields.map((name) => [name, 'invalid' as const]));
        this.stage = 1;
        this.note = 'fields';
        this.refocus = true;
        return;
      }
      this.note = 'failed';
    }
  }

  /** Loads the application again: its progress on the platform's clock. */
  private onRefresh = async (): Promise<void> => {
    const application = this.application;
    if (application === undefined || this.busy) return;
    this.busy = true;
    try {
      this.application = await (await this.apps()).get(application.id);
    } catch (error) {
      this.reportError(error);
    } finally {
      this.busy = false;
    }
  };

  /** Sends the materials a rejected step was missing: the correction (补正). */
  private onResubmit = async (serviceId: string, materials: string[]): Promise<void> => {
    const application = this.application;
    if (application === undefined || this.busy) return;
    this.busy = true;
    try {
      this.application = await (await this.apps()).resubmitStep(
        application.id,
        serviceId,
        { materials },
        { idempotencyKey: newIdempotencyKey() },
      );
      this.refocus = true;
    } catch (error) {
      this.reportError(error);
    } finally {
      this.busy = false;
    }
  };

  private text(item: { title: string; titleEn: string }): string {
    return this.locale === 'en' ? item.titleEn : item.title;
  }

  private name(item: { name: string; nameEn: string }): string {
    return this.locale === 'en' ? item.nameEn : item.name;
  }

  private renderSteps(guide: Guide): TemplateResult {
    return html`<section class="section" aria-labelledby="departments">
      <h3 class="subheading" id="departments">${m.mtrDepartments()}</h3>
      <ol part="steps" class="steps">
        ${guide.steps.map(
          (step) => html`<li part="step" class="step">
            <span class="department">${this.name(step.department)}</span>
            <span class="service">${this.name(step.service)}</span>
            <span class="muted">${m.mtrPromised(String(Math.max(1, step.promisedDays)))}</span>
          </li>`,
        )}
      </ol>
    </section>`;
  }

  private renderStages(): TemplateResult {
    const names = [m.mtrStageMaterials(), m.mtrStageForm(), m.mtrStageReview()];
    return html`<ol part="stages" class="stages" aria-label=${m.mtrStagesLabel()}>
      ${names.map(
        (name, index) => html`<li
          class=${classMap({ done: index < this.stage, current: index === this.stage })}
          aria-current=${ifDefined(index === this.stage ? 'step' : undefined)}
        >
          <span class="number" aria-hidden="true">${index + 1}</span> ${name}
        </li>`,
      )}
    </ol>`;
  }

  private renderMaterials(guide: Guide): TemplateResult {
    return html`<ul part="materials" class="materials">
      ${guide.materials.map((material) => {
        const document = this.onFile(material.key);
        const shared = material.neededBy.length;
        let state: TemplateResult;
        if (document !== undefined) {
          state = html`<span class="badge ok">${m.mtrOnFile()}</span>
            <span class="muted">${document.holder} · ${document.number}</span>`;
        } else if (material.prefilled) {
          state = html`<span class="badge ok">${m.mtrHeld()}</span>`;
        } else {
          state = html`<label class="choice">
            <input
              type="checkbox"
              name="material"
              .value=${material.key}
              .checked=${live(this.provided.includes(material.key))}
              aria-required=${material.required ? 'true' : 'false'}
              @change=${this.onMaterial}
            />
            ${m.mtrProvide()}
          </label>`;
        }
        return html`<li part="material" class="material" data-key=${material.key}>
          <span class="material-name">${this.name(material)}</span>
          <span class="muted">
            ${material.required ? m.mtrRequired() : m.mtrOptional()}
            ${shared > 1 ? html` · ${m.mtrSharedBy(String(shared))}` : nothing}
          </span>
          ${state}
        </li>`;
      })}
    </ul>`;
  }

  private renderField(name: string, field: Field, required: boolean): TemplateResult {
    const id = `field-${name}`;
    const value = this.values[name];
    const error = this.errors[name];
    const hint = this.locale === 'en' ? field.descriptionEn : field.description;
    const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : '']
      .filter(Boolean)
      .join(' ');
    const common = {
      id,
      invalid: error ? 'true' : 'false',
      describedBy: describedBy || undefined,
    };
    let control: TemplateResult;
    if (field.enum) {
      const titles = (this.locale === 'en' ? field.enumTitlesEn : field.enumTitles) ?? field.enum;
      control = html`<select
        id=${common.id}
        name=${name}
        class="control"
        aria-required=${required ? 'true' : 'false'}
        aria-invalid=${common.invalid}
        aria-describedby=${ifDefined(common.describedBy)}
        @change=${this.onField}
      >
        <option value="" ?selected=${value === undefined || value === ''}>${m.mtrChoose()}</option>
        ${field.enum.map(
          (option, index) =>
            html`<option value=${option} ?selected=${value === option}>${titles[index] ?? option}</option>`,
        )}
      </select>`;
    } else if (field.type === 'boolean') {
      control = html`<input
        id=${common.id}
        name=${name}
        type="checkbox"
        .checked=${live(value === true)}
        aria-invalid=${common.invalid}
        aria-describedby=${ifDefined(common.describedBy)}
        @change=${this.onField}
      />`;
    } else {
      const type =
        field.type === 'integer'
          ? 'number'
          : field.format === 'date'
            ? 'date'
            : field.format === 'tel'
              ? 'tel'
              : field.format === 'email'
                ? 'email'
                : 'text';
      control = html`<input
        id=${common.id}
        name=${name}
        class="control"
        type=${type}
        inputmode=${ifDefined(field.type === 'integer' || field.format === 'tel' ? 'numeric' : undefined)}
        autocomplete=${field.format === 'tel' ? 'tel' : 'off'}
        maxlength=${ifDefined(field.maxLength)}
        min=${ifDefined(field.minimum)}
        max=${ifDefined(field.maximum)}
        .value=${live(value === undefined ? '' : String(value))}
        aria-required=${required ? 'true' : 'false'}
        aria-invalid=${common.invalid}
        aria-describedby=${ifDefined(common.describedBy)}
        @input=${this.onField}
      />`;
    }
    return html`<div part="field" class=${classMap({ field: true, check: field.type === 'boolean' })}>
      <label class="label" for=${id}>
        ${this.text(field)}
        <span class="muted">${required ? m.mtrRequired() : m.mtrOptional()}</span>
      </label>
      ${hint ? html`<span class="muted" id=${`${id}-hint`}>${hint}</span>` : nothing} ${control}
      ${
        error
          ? html`<span class="error" id=${`${id}-error`}>
              ${error === 'required' ? m.mtrFieldRequired() : m.mtrFieldInvalid()}
            </span>`
          : nothing
      }
    </div>`;
  }

  private display(field: Field, value: FormValue | undefined): string {
    if (value === undefined || value === '') return m.mtrNone();
    if (field.enum && typeof value === 'string') {
      const titles = (this.locale === 'en' ? field.enumTitlesEn : field.enumTitles) ?? field.enum;
      return titles[field.enum.indexOf(value)] ?? value;
    }
    return String(value);
  }

  private renderReview(guide: Guide): TemplateResult {
    const toProvide = guide.materials.filter((material) => this.provided.includes(material.key));
    return html`<div part="review" class="review">
      <dl class="summary">
        ${guide.form.order.map((name) => {
          const field = guide.form.properties[name];
          return field === undefined
            ? nothing
            : html`<dt>${this.text(field)}</dt>
                <dd>${this.display(field, this.values[name])}</dd>`;
        })}
        <dt>${m.mtrToProvide()}</dt>
        <dd>
          ${toProvide.length === 0 ? m.mtrNone() : toProvide.map((x) => this.name(x)).join('、')}
        </dd>
      </dl>
    </div>`;
  }

  private renderNote(): TemplateResult {
    const text = {
      saved: m.mtrDraftSaved(),
      resumed: m.mtrDraftResumed(),
      'draft-failed': m.mtrDraftFailed(),
      materials: m.mtrMaterialsMissing(),
      fields: m.mtrFixFields(),
      failed: m.mtrSubmitFailed(),
    }[this.note ?? 'saved'];
    const problem = this.note !== undefined && this.note !== 'saved' && this.note !== 'resumed';
    return html`<p part="note" class=${classMap({ note: true, error: problem })} role="status">
      ${this.note === undefined ? nothing : text}
    </p>`;
  }

  private renderForm(guide: Guide): TemplateResult {
    const busy = this.phase === 'submitting';
    const names = [m.mtrStageMaterials(), m.mtrStageForm(), m.mtrStageReview()];
    let body: TemplateResult;
    if (this.stage === 0) body = this.renderMaterials(guide);
    else if (this.stage === 1) {
      body = html`<div class="fields">
        ${guide.form.order.map((name) => {
          const field = guide.form.properties[name];
          return field === undefined
            ? nothing
            : this.renderField(name, field, guide.form.required.includes(name));
        })}
      </div>`;
    } else body = this.renderReview(guide);
    const last = this.stage === stageCount - 1;
    return html`${this.renderSteps(guide)}
      <form part="form" class="form" novalidate @submit=${this.onSubmit} aria-labelledby="stage">
        ${this.renderStages()}
        <h3 class="subheading" id="stage" tabindex="-1" data-focus>
          ${names[this.stage]}
          <span class="muted">${m.mtrStageOf(String(this.stage + 1), String(stageCount))}</span>
        </h3>
        ${this.stage === 0 ? html`<p class="muted">${m.mtrMaterials()}</p>` : nothing} ${body}
        ${this.renderNote()}
        <div part="actions" class="actions">
          ${
            this.stage > 0
              ? html`<button part="button" class="button" type="button" @click=${this.onBack}>
                  ${m.mtrPrevious()}
                </button>`
              : nothing
          }
          <button part="button" class="button" type="button" @click=${this.onSave}>
            ${m.mtrSaveDraft()}
          </button>
          ${
            last
              ? html`<button
                  part="button"
                  class="button primary"
                  type="submit"
                  aria-disabled=${busy ? 'true' : 'false'}
                >
                  ${busy ? m.mtrSubmitting() : m.mtrSubmit()}
                </button>`
              : html`<button part="button" class="button primary" type="button" @click=${this.onNext}>
                  ${m.mtrNext()}
                </button>`
          }
        </div>
      </form>`;
  }

  private renderBody(): TemplateResult | typeof nothing {
    const guide = this.guide;
    switch (this.phase) {
      case 'form':
      case 'submitting':
        return guide ? this.renderForm(guide) : nothing;
      case 'progress':
        return this.progress && this.application
          ? this.progress.renderProgress({
              application: this.application,
              locale: this.locale,
              busy: this.busy,
              guide,
              provide: m.mtrProvide(),
              onRefresh: this.onRefresh,
              onResubmit: this.onResubmit,
            })
          : nothing;
      case 'signed-out':
        return html`${guide ? this.renderSteps(guide) : nothing}
          <div part="message" class="message" role="status" tabindex="-1">
            <p>${m.mtrSignedOut()}</p>
            ${
              this.config?.auth === undefined
                ? nothing
                : html`<button part="button" class="button primary" type="button" @click=${this.onSignIn}>
                    ${loginMessages.loginSignIn()}
                  </button>`
            }
          </div>`;
      case 'not-found':
        return html`<p part="message" class="message error" role="alert" tabindex="-1">
          ${m.mtrNotFound(this.bundleId ?? '')}
        </p>`;
      case 'error':
        return html`<div part="message" class="message error" role="alert" tabindex="-1">
          <p>${commonMessages.loadFailed()}</p>
          <button part="button" class="button" type="button" @click=${this.onRetry}>
            ${commonMessages.retry()}
          </button>
        </div>`;
      case 'not-configured':
        return html`<p part="message" class="message" role="status">${commonMessages.notConfigured()}</p>`;
      case 'empty':
        return html`<p part="message" class="message" role="status">${m.mtrNoBundle()}</p>`;
      default:
        return html`<div class="skeleton" aria-hidden="true"></div>
          <p part="message" class="message" role="status" tabindex="-1">${m.mtrLoading()}</p>`;
    }
  }

  override render(): TemplateResult {
    const guide = this.guide;
    return html`<section
      part="base"
      class=${classMap({ base: true, elder: this.elder })}
      lang=${this.locale}
      aria-labelledby="heading"
      aria-busy=${this.phase === 'loading' || this.phase === 'submitting' ? 'true' : 'false'}
    >
      <h2 part="heading" class="heading" id="heading">
        ${guide && this.phase !== 'not-found' ? this.name(guide) : m.mtrStagesLabel()}
      </h2>
      ${this.renderBody()}
    </section>`;
  }
}

/** The form fields a `400 validation_failed` names (`body.values.<field>`). */
function problemFields(error: unknown): string[] {
  const problem = (error as { problem?: { errors?: { field?: string }[] } }).problem;
  return (problem?.errors ?? [])
    .map((item) => /^body\.values\.(\w+)$/.exec(item.field ?? '')?.[1])
    .filter((name): name is string => name !== undefined);
}
