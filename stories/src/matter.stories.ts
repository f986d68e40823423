import { expect, waitFor } from 'storybook/test';
import preview from '../.storybook/preview.js';
import {
  dark,
  elder,
  english,
  find,
  narrow,
  part,
  parts,
  signedIn,
  signedOut,
  textOf,
  traditional,
  unconfigured,
  withHandlers,
} from './helpers.js';
import { outage, pending } from './mocks/api.js';
import { applicationWith, birthGuide, completeValues, matterState } from './mocks/matters.js';

const meta = preview.meta({
  title: 'Elements/Matter',
  component: 'zheli-matter',
  args: { bundleId: 'bnd-birth', region: '330112' },
  ...signedIn,
});

/** 新生儿出生一件事: the departments, and the materials merged, with the documents on file. */
export const Default = meta.story({
  async play({ canvasElement }) {
    const element = find(canvasElement, 'zheli-matter');
    await waitFor(() =>
      expect(parts(element, 'material')).toHaveLength(birthGuide.materials.length),
    );
    expect(textOf(element)).toContain('新生儿出生一件事');
    expect(textOf(element)).toContain('已有电子证照');
    expect(textOf(element)).toContain('2 个事项共用');
  },
});

/** QA's flow: provide the photo, fill the generated form, review, and submit twice: one application. */
export const ApplyOnce = meta.story({
  async play({ canvasElement, userEvent }) {
    const element = find(canvasElement, 'zheli-matter');
    await waitFor(() => expect(parts(element, 'material').length).toBeGreaterThan(0));
    const root = element.shadowRoot as ShadowRoot;
    await userEvent.click(root.querySelector('[data-key="recent-id-photo"] input') as HTMLElement);
    const next = () =>
      [...root.querySelectorAll('button')].find((b) =>
        b.textContent?.includes('下一步'),
      ) as HTMLElement;
    await userEvent.click(next());
    await waitFor(() => expect(root.querySelector('#field-newbornName')).not.toBeNull());
    await userEvent.type(
      root.querySelector('#field-newbornName') as HTMLElement,
      completeValues.newbornName,
    );
    await userEvent.selectOptions(
      root.querySelector('#field-newbornGender') as HTMLElement,
      'female',
    );
    await userEvent.type(
      root.querySelector('#field-newbornBirthDate') as HTMLElement,
      completeValues.newbornBirthDate,
    );
    await userEvent.selectOptions(root.querySelector('#field-hukouWith') as HTMLElement, 'mother');
    await userEvent.type(
      root.querySelector('#field-applicantPhone') as HTMLElement,
      completeValues.applicantPhone,
    );
    await userEvent.click(next());
    const submit = await waitFor(() => {
      const button = [...root.querySelectorAll('button')].find((b) =>
        b.textContent?.includes('提交申请'),
      );
      if (!button) throw new Error('no submit yet');
      return button;
    });
    await userEvent.dblClick(submit);
    await waitFor(() => part(element, 'progress'));
    expect(new Set(matterState.submissions).size).toBe(1);
  },
});

/** A draft saved elsewhere comes back at the review stage. */
export const ResumedDraft = meta.story({
  beforeEach() {
    matterState.draft = {
      bundleId: 'bnd-birth',
      values: completeValues,
      materials: ['recent-id-photo'],
      step: 2,
      updatedAt: '2026-11-23T09:00:00+08:00',
    };
  },
  async play({ canvasElement }) {
    const element = find(canvasElement, 'zheli-matter');
    await waitFor(() => part(element, 'review'));
    expect(textOf(element)).toContain('已恢复您上次保存的草稿');
  },
});

/** Submitted: every department has accepted its step (受理). */
export const Submitted = meta.story({
  beforeEach() {
    matterState.applications = [applicationWith([])];
  },
  async play({ canvasElement }) {
    const element = find(canvasElement, 'zheli-matter');
    await waitFor(() => expect(parts(element, 'status')).toHaveLength(birthGuide.steps.length));
  },
});

/** Some steps done, others in progress. */
export const InProgress = meta.story({
  beforeEach() {
    matterState.applications = [
      applicationWith(['completed', 'processing', 'completed', 'processing']),
    ];
  },
  async play({ canvasElement }) {
    const element = find(canvasElement, 'zheli-matter');
    await waitFor(() => expect(textOf(element)).toContain('办理中'));
  },
});

/** A step was rejected for a missing material: provide it and resubmit. */
export const NeedsCorrection = meta.story({
  beforeEach() {
    matterState.applications = [
      applicationWith(['processing', 'rejected', 'processing', 'processing']),
    ];
  },
  async play({ canvasElement, userEvent }) {
    const element = find(canvasElement, 'zheli-matter');
    const correction = await waitFor(() => part(element, 'correction'));
    expect(textOf(element)).toContain('缺少结婚证');
    await userEvent.click(correction.querySelector('input') as HTMLElement);
    await userEvent.click(correction.querySelector('button') as HTMLElement);
    await waitFor(() => expect(parts(element, 'correction')).toHaveLength(0));
  },
});

/** Every department is done: the evaluation of the application. */
export const Completed = meta.story({
  beforeEach() {
    matterState.applications = [
      applicationWith(['completed', 'completed', 'completed', 'completed']),
    ];
  },
  async play({ canvasElement }) {
    const element = find(canvasElement, 'zheli-matter');
    await waitFor(() => part(element, 'evaluation'));
    expect(textOf(element)).toContain('全部办结');
  },
});

/** Signed out: the departments and a prompt to sign in. */
export const SignedOut = meta.story({
  ...signedOut,
  async play({ canvasElement }) {
    const element = find(canvasElement, 'zheli-matter');
    await waitFor(() => expect(textOf(element)).toContain('登录后即可在线申请'));
  },
});

export const NotFound = meta.story({ args: { bundleId: 'bnd-nothing' } });
export const Loading = meta.story(withHandlers(pending('get', '/v1/bundles/{bundleId}/guide')));

const guideOutage = outage('get', '/v1/bundles/{bundleId}/guide');
/** Loading fails (503); the retry button loads again. */
export const ErrorWithRetry = meta.story({
  beforeEach({ msw }) {
    msw.use(guideOutage.start());
  },
  async play({ canvasElement, userEvent }) {
    const element = find(canvasElement, 'zheli-matter');
    const retry = await waitFor(() => part(element, 'button'));
    guideOutage.end();
    await userEvent.click(retry);
    await waitFor(() => expect(parts(element, 'material').length).toBeGreaterThan(0));
  },
});

export const NotConfigured = meta.story(unconfigured);
export const ElderMode = meta.story(elder);
export const DarkTheme = meta.story(dark);
export const English = meta.story(english);
export const TraditionalChinese = meta.story(traditional);
export const NarrowPhone = meta.story(narrow);
