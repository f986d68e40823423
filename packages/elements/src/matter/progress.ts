// The progress of a submitted one-matter application, loaded when it is first shown: each
// department's step with its status (受理, 办理中, 需补正, 办结), the correction of a rejected step
// (the materials it was missing, provided and resubmitted), and once every step is done, the
// evaluation by `<zheli-evaluation>`, itself loaded then (see loaders.ts).
import { str } from '@lit/localize/internal/str-tag.js';
import type { Schemas } from '@zheli/contract';
import { html, nothing, type TemplateResult } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import type { Locale } from '../internal/localize.js';
import { group } from '../internal/messages.js';
import { loadEvaluation } from './loaders.js';

/**
 * The progress view's words, apart from `./messages.ts` so that they load with this view, not
 * with the element (as the QR code's `scan-verify.ts`). Their ids are in `messageIds`.
 */
export const progressMessages = /* @__PURE__ */ group({
  mtrProgress: '办理进度',
  mtrCaseNumber: (caseNumber: string) => str`办件编号：${caseNumber}`,
  mtrStatusAccepted: '已受理',
  mtrStatusProcessing: '办理中',
  mtrStatusRejected: '需补正',
  mtrStatusCompleted: '已办结',
  mtrAppInProgress: '已提交，各部门正在办理。',
  mtrAppNeedsCorrection: '有事项需要补正材料。',
  mtrAppCompleted: '全部办结！',
  mtrRefresh: '刷新进度',
  mtrResubmit: '补正后重新提交',
  mtrEvaluate: '请为本次办理评价',
});
const m = progressMessages;

type Application = Schemas['BundleApplication'];
type Step = Application['steps'][number];

/** What the view needs from the element. */
export interface ProgressView {
  application: Application;
  guide: Schemas['BundleGuide'] | undefined;
  locale: Locale;
  busy: boolean;
  /** `mtrProvide`, the element's: "I will provide this material". */
  provide: string;
  onRefresh(): void;
  onResubmit(serviceId: string, materials: string[]): void;
}

const statusText = (status: Step['status']): string =>
  ({
    accepted: m.mtrStatusAccepted(),
    processing: m.mtrStatusProcessing(),
    rejected: m.mtrStatusRejected(),
    completed: m.mtrStatusCompleted(),
  })[status];

function materialName(view: ProgressView, key: string): string {
  const material = view.guide?.materials.find((item) => item.key === key);
  if (material === undefined) return key;
  return view.locale === 'en' ? material.nameEn : material.name;
}

function renderCorrection(view: ProgressView, step: Step): TemplateResult {
  const rejection = step.rejection;
  if (rejection === null) return html``;
  const submit = (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const ticked = [...form.querySelectorAll<HTMLInputElement>('input:checked')].map(
      (i) => i.value,
    );
    // Every material named missing is provided with the correction.
    if (ticked.length === rejection.materials.length) view.onResubmit(step.service.id, ticked);
  };
  return html`<form part="correction" class="correction" @submit=${submit}>
    <p class="error">${view.locale === 'en' ? rejection.reasonEn : rejection.reason}</p>
    ${rejection.materials.map(
      (key) => html`<label class="choice">
        <input type="checkbox" name="material" value=${key} required />
        ${view.provide}: ${materialName(view, key)}
      </label>`,
    )}
    <button
      part="button"
      class="button primary"
      type="submit"
      aria-disabled=${view.busy ? 'true' : 'false'}
    >
      ${m.mtrResubmit()}
    </button>
  </form>`;
}

/** The application's progress, one step per department. */
export function renderProgress(view: ProgressView): TemplateResult {
  const { application, locale } = view;
  const en = locale === 'en';
  const summary = {
    in_progress: m.mtrAppInProgress(),
    needs_correction: m.mtrAppNeedsCorrection(),
    completed: m.mtrAppCompleted(),
  }[application.status];
  const done = application.status === 'completed';
  if (done) void loadEvaluation();
  return html`<div part="progress" class="progress">
    <h3 class="subheading" id="progress" tabindex="-1" data-focus>${m.mtrProgress()}</h3>
    <p class=${classMap({ summary: true, [application.status]: true })} role="status">${summary}</p>
    <ol part="steps" class="steps" aria-labelledby="progress">
      ${application.steps.map(
        (step) => html`<li part="step" class=${classMap({ step: true, [step.status]: true })}>
          <span class="department">${en ? step.department.nameEn : step.department.name}</span>
          <span class="service">${en ? step.service.nameEn : step.service.name}</span>
          <span class="muted">${m.mtrCaseNumber(step.caseNumber)}</span>
          <span part="status" class=${classMap({ badge: true, [step.status]: true })}>
            ${statusText(step.status)}
          </span>
          ${step.status === 'rejected' ? renderCorrection(view, step) : nothing}
        </li>`,
      )}
    </ol>
    ${
      done
        ? html`<section part="evaluation" class="section" aria-label=${m.mtrEvaluate()}>
            <zheli-evaluation case-number=${application.caseNumber}></zheli-evaluation>
          </section>`
        : html`<div part="actions" class="actions">
            <button
              part="button"
              class="button"
              type="button"
              aria-disabled=${view.busy ? 'true' : 'false'}
              @click=${view.onRefresh}
            >
              ${m.mtrRefresh()}
            </button>
          </div>`
    }
  </div>`;
}
