import type { ZheliEvaluation } from '@zheli/elements';
import { HttpResponse } from 'msw';
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
  retriesAfterOutage,
  signedIn,
  signedOut,
  textOf,
  traditional,
  unconfigured,
  withHandlers,
} from './helpers.js';
import { failsOnce, handle, outage, pending } from './mocks/api.js';
import { handledMatter, longService, matterInProgress, ratedMatter } from './mocks/seed.js';

const meta = preview.meta({
  title: 'Elements/Evaluation',
  component: 'zheli-evaluation',
  args: { caseNumber: handledMatter.caseNumber },
  ...signedIn,
  // The element keeps a draft per case number in sessionStorage: each story starts without one.
  beforeEach() {
    for (const key of Object.keys(sessionStorage)) {
      if (key.startsWith('zheli-evaluation:')) sessionStorage.removeItem(key);
    }
  },
});

function radios(element: ZheliEvaluation): HTMLInputElement[] {
  return [...(element.shadowRoot?.querySelectorAll<HTMLInputElement>('input[type=radio]') ?? [])];
}

function checkboxes(element: ZheliEvaluation): HTMLInputElement[] {
  return [
    ...(element.shadowRoot?.querySelectorAll<HTMLInputElement>('input[type=checkbox]') ?? []),
  ];
}

async function formShown(canvas: HTMLElement): Promise<ZheliEvaluation> {
  const element = find(canvas, 'zheli-evaluation');
  await waitFor(() => expect(radios(element)).toHaveLength(5));
  return element;
}

/** The Anji car owner's handled vehicle inspection, ready to rate. */
export const Default = meta.story({
  async play({ canvasElement }) {
    await formShown(canvasElement);
  },
});

/** QA's flow: rate 非常满意 with a reason and a comment, submit with Enter, see the thank-you. */
export const RateAMatter = meta.story({
  async play({ canvasElement, userEvent }) {
    const element = await formShown(canvasElement);
    await userEvent.click(radios(element)[0] as HTMLInputElement);
    await waitFor(() => expect(checkboxes(element).length).toBeGreaterThan(1));
    await userEvent.click(checkboxes(element)[0] as HTMLInputElement);
    await userEvent.type(part(element, 'comment'), '到站即检，半小时办好');
    part(element, 'submit').focus();
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(parts(element, 'result')).toHaveLength(1));
    expect(textOf(part(element, 'title'))).toBe('感谢您的评价！');
    const summary = textOf(part(element, 'summary'));
    expect(summary).toContain('非常满意');
    expect(summary).toContain('办理快');
    expect(summary).toContain('到站即检，半小时办好');
  },
});

/** Submitting fails once (503): the answers stay, and submitting again goes through. */
export const SubmitFailsThenRetry = meta.story({
  ...withHandlers(failsOnce('post', '/v1/evaluations')),
  async play({ canvasElement, userEvent }) {
    const element = await formShown(canvasElement);
    await userEvent.click(radios(element)[1] as HTMLInputElement);
    await userEvent.click(part(element, 'submit'));
    await waitFor(() => expect(part(element, 'error').textContent?.trim()).not.toBe(''));
    expect(radios(element)[1]?.checked).toBe(true);
    await userEvent.click(part(element, 'submit'));
    await waitFor(() => expect(textOf(part(element, 'title'))).toBe('感谢您的评价！'));
  },
});

/** Rated before: the evaluation is shown read-only. */
export const AlreadyRated = meta.story(
  withHandlers(handle('get', '/v1/me/matters/{caseNumber}', () => HttpResponse.json(ratedMatter))),
);

/** Signed out: it asks to sign in first; after signing in the form appears. */
export const SignedOut = meta.story({
  ...signedOut,
  async play({ canvasElement, userEvent }) {
    const element = find(canvasElement, 'zheli-evaluation');
    const signIn = await waitFor(() => part(element, 'button'));
    await userEvent.click(signIn);
    await formShown(canvasElement);
  },
});

export const Loading = meta.story(withHandlers(pending('get', '/v1/me/matters/{caseNumber}')));

const matterOutage = outage('get', '/v1/me/matters/{caseNumber}');
/** Loading the matter fails (503); the retry button loads it. */
export const ErrorWithRetry = meta.story(
  retriesAfterOutage(
    matterOutage,
    'zheli-evaluation',
    (_element, canvas) => formShown(canvas),
    (element) => part(element, 'button'),
  ),
);

/** Not handled yet: it cannot be rated. */
export const NotHandled = meta.story({
  args: { caseNumber: matterInProgress.caseNumber },
  async play({ canvasElement }) {
    const element = find(canvasElement, 'zheli-evaluation');
    await waitFor(() => expect(textOf(element)).toContain('该办件尚未办结'));
  },
});

/** A case number that is not the person's. */
export const NotFound = meta.story({ args: { caseNumber: '330523-20260101-999999' } });

/** No case number given. */
export const Empty = meta.story({ args: { caseNumber: undefined } });

export const LongChineseText = meta.story(
  withHandlers(
    handle('get', '/v1/me/matters/{caseNumber}', () =>
      HttpResponse.json({
        ...handledMatter,
        service: { id: longService.id, name: longService.name, nameEn: longService.nameEn },
      }),
    ),
  ),
);

export const NotConfigured = meta.story(unconfigured);
export const ElderMode = meta.story(elder);
export const DarkTheme = meta.story(dark);
export const English = meta.story(english);
export const TraditionalChinese = meta.story(traditional);
export const NarrowPhone = meta.story(narrow);
