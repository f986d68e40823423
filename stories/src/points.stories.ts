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
  signedIn,
  signedOut,
  textOf,
  traditional,
  unconfigured,
  withHandlers,
} from './helpers.js';
import { handle, outage, pending, problem } from './mocks/api.js';
import { history, pointsHandlers, villageId } from './mocks/points.js';

const meta = preview.meta({
  title: 'Elements/Points',
  component: 'zheli-points',
  args: { village: villageId },
  ...signedIn,
  beforeEach({ msw }) {
    msw.use(...pointsHandlers());
  },
});

const button = (element: Element, name: string) => {
  const found = [...(element.shadowRoot?.querySelectorAll('button') ?? [])].find(
    (b) => b.textContent?.trim() === name,
  );
  if (!found) throw new Error(`No button "${name}"`);
  return found;
};

/** 高家堂村's villager: balance, household, shop, history with who and why, rules. */
export const Default = meta.story({
  async play({ canvasElement }) {
    const element = find(canvasElement, 'zheli-points');
    await waitFor(() => expect(parts(element, 'entry')).toHaveLength(history.length));
    expect(textOf(element)).toContain('我的积分 1,170 分');
    expect(textOf(element)).toContain('登记人：王*芳');
  },
});

/** Redeeming a bag of rice: the confirmation, then the code through `<zheli-qr-code>`. */
export const Redeemed = meta.story({
  async play({ canvasElement, userEvent }) {
    const element = find(canvasElement, 'zheli-points');
    await waitFor(() => expect(parts(element, 'redeem-button')).toHaveLength(3));
    await userEvent.click(parts(element, 'redeem-button')[1] as HTMLElement);
    await waitFor(() => expect(textOf(part(element, 'confirm'))).toContain('用 50 分兑换'));
    await userEvent.click(button(element, '确认兑换'));
    await waitFor(() =>
      expect(part(element, 'redemption').querySelector('zheli-qr-code')?.shadowRoot).toBeTruthy(),
    );
    expect(textOf(part(element, 'redemption'))).toContain('剩余积分：1,120 分');
  },
});

/** The question before redeeming. */
export const Confirm = meta.story({
  async play({ canvasElement, userEvent }) {
    const element = find(canvasElement, 'zheli-points');
    await waitFor(() => expect(parts(element, 'redeem-button')).toHaveLength(3));
    await userEvent.click(parts(element, 'redeem-button')[2] as HTMLElement);
    await waitFor(() => expect(textOf(part(element, 'confirm'))).toContain('菜籽油'));
  },
});

/** 60 points: the oil (80) is out of reach, and says how many points are short. */
export const NotEnoughPoints = meta.story({
  beforeEach({ msw }) {
    msw.use(...pointsHandlers(60));
  },
  async play({ canvasElement }) {
    const element = find(canvasElement, 'zheli-points');
    await waitFor(() => expect(textOf(element)).toContain('还差 20 分'));
  },
});

/** The platform refuses the redemption: `409 insufficient_points` (spent elsewhere meanwhile). */
export const InsufficientPoints = meta.story({
  ...withHandlers(
    handle('post', '/v1/me/points/redemptions', () =>
      problem(409, 'insufficient_points', '积分不足'),
    ),
  ),
  async play({ canvasElement, userEvent }) {
    const element = find(canvasElement, 'zheli-points');
    await waitFor(() => expect(parts(element, 'redeem-button')).toHaveLength(3));
    await userEvent.click(parts(element, 'redeem-button')[0] as HTMLElement);
    await userEvent.click(button(element, '确认兑换'));
    await waitFor(() => expect(textOf(element)).toContain('积分不足，无法兑换。'));
  },
});

/** Redeeming fails (503); the retry sends the same Idempotency-Key. */
export const RedeemError = meta.story({
  ...withHandlers(
    handle('post', '/v1/me/points/redemptions', () =>
      problem(503, 'service_unavailable', '服务繁忙，请稍后再试'),
    ),
  ),
  async play({ canvasElement, userEvent }) {
    const element = find(canvasElement, 'zheli-points');
    await waitFor(() => expect(parts(element, 'redeem-button')).toHaveLength(3));
    await userEvent.click(parts(element, 'redeem-button')[0] as HTMLElement);
    await userEvent.click(button(element, '确认兑换'));
    await waitFor(() => expect(textOf(element)).toContain('兑换失败'));
  },
});

/** The household's history, each entry with the member's name. */
export const Household = meta.story({ args: { of: 'household' } });

/** Signed out: the rules and the shop, with a prompt to sign in. */
export const SignedOut = meta.story({
  ...signedOut,
  async play({ canvasElement }) {
    const element = find(canvasElement, 'zheli-points');
    await waitFor(() => expect(textOf(element)).toContain('登录后查看'));
    expect(parts(element, 'rules')).toHaveLength(1);
  },
});

/** Signed in, but not in the village's ledger. */
export const NotMember = meta.story(
  withHandlers(handle('get', '/v1/me/points', () => problem(404, 'not_found', '不在积分名册中'))),
);

/** No history yet. */
export const EmptyHistory = meta.story(
  withHandlers(
    handle('get', '/v1/me/points/entries', () =>
      HttpResponse.json({ items: [], nextCursor: null }),
    ),
  ),
);

export const Loading = meta.story(withHandlers(pending('get', '/v1/me/points')));

const mineOutage = outage('get', '/v1/me/points');
/** Loading fails (503); the retry button loads again. */
export const ErrorWithRetry = meta.story({
  beforeEach({ msw }) {
    msw.use(mineOutage.start());
  },
  async play({ canvasElement, userEvent }) {
    const element = find(canvasElement, 'zheli-points');
    const retry = await waitFor(() => part(element, 'button'));
    mineOutage.end();
    await userEvent.click(retry);
    await waitFor(() => expect(parts(element, 'balance')).toHaveLength(1));
  },
});

export const NotConfigured = meta.story(unconfigured);
export const ElderMode = meta.story(elder);
export const DarkTheme = meta.story(dark);
export const English = meta.story(english);
export const TraditionalChinese = meta.story(traditional);
export const NarrowPhone = meta.story(narrow);
