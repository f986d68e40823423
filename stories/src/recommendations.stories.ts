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
import { handle, outage, pending, problem } from './mocks/api.js';
import { recommendations } from './mocks/seed.js';

/** The `index`th part `name` of `element`, waited for until it is there. */
const nth = (element: HTMLElement, name: string, index: number) =>
  waitFor(() => {
    const found = parts(element, name)[index];
    if (!(found instanceof HTMLElement)) throw new Error(`No part "${name}" #${index} yet`);
    return found;
  });

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

/** Opens a recommendation's dismiss reasons (不感兴趣): a labelled group, focus on the first. */
export const DismissReasons = meta.story({
  async play({ canvasElement, userEvent }) {
    const element = find(canvasElement, 'zheli-recommendations');
    const toggle = await nth(element, 'action', 0);
    await userEvent.click(toggle);
    await waitFor(() => expect(parts(element, 'choice')).toHaveLength(4));
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
  },
});

/** Dismissed with a reason: gone from the list, the live region says so and offers an undo. */
export const Dismissed = meta.story({
  async play({ canvasElement, userEvent }) {
    const element = find(canvasElement, 'zheli-recommendations');
    await userEvent.click(await nth(element, 'action', 0));
    await userEvent.click(await nth(element, 'choice', 1));
    await waitFor(() => expect(part(element, 'undo')).toBeTruthy());
    expect(parts(element, 'item')).toHaveLength(recommendations.length - 1);
    expect(part(element, 'notice').textContent).toContain('已隐藏');
  },
});

/** Undo after a dismissal: the recommendation is back where it stood. */
export const Restored = meta.story({
  async play({ canvasElement, userEvent }) {
    const element = find(canvasElement, 'zheli-recommendations');
    await userEvent.click(await nth(element, 'action', 0));
    await userEvent.click(await nth(element, 'choice', 0));
    await userEvent.click(await waitFor(() => part(element, 'undo')));
    await waitFor(() => expect(parts(element, 'item')).toHaveLength(recommendations.length));
    expect(part(element, 'notice').textContent).toContain('已恢复');
  },
});

/** Snoozed for 30 days (稍后提醒): the live region names the day it comes back. */
export const Snoozed = meta.story({
  async play({ canvasElement, userEvent }) {
    const element = find(canvasElement, 'zheli-recommendations');
    await userEvent.click(await nth(element, 'action', 1));
    await userEvent.click(await nth(element, 'choice', 1));
    await waitFor(() => expect(part(element, 'notice').textContent).toContain('再次提醒'));
  },
});

/** The platform refuses the dismissal (503): the list stays and the live region says so. */
export const DismissFails = meta.story({
  ...withHandlers(
    handle('post', '/v1/me/recommendations/{recommendationId}/dismiss', () =>
      problem(503, 'service_unavailable', '服务繁忙，请稍后再试'),
    ),
  ),
  async play({ canvasElement, userEvent }) {
    const element = find(canvasElement, 'zheli-recommendations');
    await userEvent.click(await nth(element, 'action', 0));
    await userEvent.click(await nth(element, 'choice', 3));
    await waitFor(() => expect(part(element, 'notice').textContent).toContain('操作失败'), {
      timeout: 10_000,
    });
    expect(parts(element, 'item')).toHaveLength(recommendations.length);
  },
});

/** The consents (数据使用授权): each data category's purpose, scope and rules, with a switch. */
export const Consents = meta.story({
  async play({ canvasElement, userEvent }) {
    const element = find(canvasElement, 'zheli-recommendations');
    await userEvent.click(await waitFor(() => part(element, 'consents-toggle')));
    await waitFor(() => expect(parts(element, 'switch')).toHaveLength(3));
    expect(textOf(element)).toContain('用途');
  },
});

/** A revoked category: its recommendations are gone, and the list says why. */
export const ConsentRevoked = meta.story({
  async play({ canvasElement, userEvent }) {
    const element = find(canvasElement, 'zheli-recommendations');
    await userEvent.click(await waitFor(() => part(element, 'consents-toggle')));
    const vehicles = await nth(element, 'switch', 2);
    await userEvent.click(vehicles);
    await waitFor(() => expect(part(element, 'withheld').textContent).toContain('车辆与驾驶证'));
    expect(vehicles.getAttribute('aria-checked')).toBe('false');
    expect(parts(element, 'item')).toHaveLength(recommendations.length - 1);
  },
});

/** The consents fail to load (503): an error with a retry inside the panel. */
export const ConsentsError = meta.story({
  ...withHandlers(
    handle('get', '/v1/me/data-consents', () =>
      problem(503, 'service_unavailable', '服务繁忙，请稍后再试'),
    ),
  ),
  async play({ canvasElement, userEvent }) {
    const element = find(canvasElement, 'zheli-recommendations');
    await userEvent.click(await waitFor(() => part(element, 'consents-toggle')));
    await waitFor(() => expect(textOf(element)).toContain('加载失败'), { timeout: 10_000 });
  },
});
