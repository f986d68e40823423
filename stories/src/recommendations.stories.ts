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
import { handle, outage, pending } from './mocks/api.js';
import { recommendations } from './mocks/seed.js';

const meta = preview.meta({
  title: 'Elements/Recommendations',
  component: 'zheli-recommendations',
  ...signedIn,
});

/** The signed-in person's recommendations: a reminder, a one-matter bundle, a benefit. */
export const Default = meta.story({
  async play({ canvasElement }) {
    const element = find(canvasElement, 'zheli-recommendations');
    await waitFor(() => expect(parts(element, 'item')).toHaveLength(recommendations.length));
    expect(textOf(element)).toContain('您的孩子将于2027年9月入学');
    expect(textOf(element)).toContain('推荐理由');
  },
});

/** Starting one fires `zheli-recommendation-start`; the story's host keeps the page. */
export const StartOne = meta.story({
  async play({ canvasElement, userEvent }) {
    const element = find(canvasElement, 'zheli-recommendations');
    const started: string[] = [];
    element.addEventListener('zheli-recommendation-start', (event) => {
      event.preventDefault();
      started.push(event.detail.href);
    });
    await waitFor(() => expect(parts(element, 'start')).toHaveLength(recommendations.length));
    await userEvent.click(parts(element, 'start')[1] as HTMLElement);
    expect(started).toEqual(['https://www.zjzwfw.gov.cn/bundles/bnd-school-enrollment']);
  },
});

/** Signed out: a prompt to sign in; after signing in the list appears. */
export const SignedOut = meta.story({
  ...signedOut,
  async play({ canvasElement, userEvent }) {
    const element = find(canvasElement, 'zheli-recommendations');
    const signIn = await waitFor(() => part(element, 'button'));
    expect(textOf(element)).toContain('登录后查看');
    await userEvent.click(signIn);
    await waitFor(() => expect(parts(element, 'item')).toHaveLength(recommendations.length));
  },
});

/** Nothing applies to the person. */
export const Empty = meta.story(
  withHandlers(handle('get', '/v1/me/recommendations', () => HttpResponse.json({ items: [] }))),
);

export const Loading = meta.story(withHandlers(pending('get', '/v1/me/recommendations')));

const listOutage = outage('get', '/v1/me/recommendations');
/** Loading fails (503); the retry button loads again. */
export const ErrorWithRetry = meta.story(
  retriesAfterOutage(
    listOutage,
    'zheli-recommendations',
    (element) => waitFor(() => expect(parts(element, 'item')).toHaveLength(recommendations.length)),
    (element) => part(element, 'button'),
  ),
);

export const NotConfigured = meta.story(unconfigured);
export const ElderMode = meta.story(elder);
export const DarkTheme = meta.story(dark);
export const English = meta.story(english);
export const TraditionalChinese = meta.story(traditional);
export const NarrowPhone = meta.story(narrow);
