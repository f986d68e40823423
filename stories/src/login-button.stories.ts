import { expect, waitFor } from 'storybook/test';
import preview from '../.storybook/preview.js';
import {
  dark,
  elder,
  english,
  find,
  narrow,
  part,
  signedIn,
  signedOut,
  signInFails,
  textOf,
  traditional,
  unconfigured,
} from './helpers.js';

const meta = preview.meta({
  title: 'Elements/Login button',
  component: 'zheli-login-button',
  args: { popup: true },
});

export const SignedOut = meta.story(signedOut);

/** The Anji car owner (陈建国) is signed in: the name shows masked, 陈*国. */
export const SignedIn = meta.story({
  ...signedIn,
  async play({ canvasElement }) {
    const button = find(canvasElement, 'zheli-login-button');
    await waitFor(() => expect(textOf(part(button, 'name'))).toBe('已登录：陈*国'));
  },
});

/** QA's flow: sign in with the mouse, see the masked name, sign out with the keyboard. */
export const SignInAndOut = meta.story({
  ...signedOut,
  async play({ canvasElement, userEvent }) {
    const button = find(canvasElement, 'zheli-login-button');
    const signIns: string[] = [];
    button.addEventListener('zheli-sign-in', (event) => signIns.push(event.detail.user.sub));
    const signOuts: Event[] = [];
    button.addEventListener('zheli-sign-out', (event) => signOuts.push(event));
    await waitFor(() => expect(textOf(button)).toBe('登录'));
    await userEvent.click(part(button, 'button'));
    await waitFor(() => expect(textOf(button)).toBe('正在登录…'));
    expect(part(button, 'button').getAttribute('aria-disabled')).toBe('true');
    await waitFor(() => expect(textOf(part(button, 'name'))).toBe('已登录：陈*国'));
    expect(signIns).toEqual(['p-anji-driver']);
    part(button, 'button').focus();
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(textOf(button)).toBe('登录'));
    expect(signOuts).toHaveLength(1);
  },
});

/** The provider refused (or the popup was closed): the button says so and can be pressed again. */
export const SignInFailed = meta.story({
  ...signInFails,
  async play({ canvasElement, userEvent }) {
    const button = find(canvasElement, 'zheli-login-button');
    await waitFor(() => expect(textOf(button)).toBe('登录'));
    await userEvent.click(part(button, 'button'));
    await waitFor(() => expect(part(button, 'message').getAttribute('role')).toBe('alert'));
    expect(part(button, 'button').getAttribute('aria-disabled')).toBe('false');
  },
});

export const NotConfigured = meta.story(unconfigured);
export const ElderMode = meta.story({ ...elder, ...signedOut });
export const ElderModeSignedIn = meta.story({ ...elder, ...signedIn });
export const DarkTheme = meta.story({ ...dark, ...signedIn });
export const English = meta.story({ ...english, ...signedIn });
export const TraditionalChinese = meta.story({ ...traditional, ...signedIn });
export const NarrowPhone = meta.story({ ...narrow, ...signedIn });
