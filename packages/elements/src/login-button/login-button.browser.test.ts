import { html } from 'lit';
import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { deferred } from '../../test/fake-data.js';
import {
  axeViolations,
  cleanup,
  fixture,
  part,
  parts,
  textOf,
  useLocale,
} from '../../test/fixture.js';
import type { ZheliAuth, ZheliUser } from '../internal/config.js';
import './define.js';
import type { ZheliLoginButton } from './login-button.js';

afterEach(cleanup);

/** An in-test auth (the elements' own `ZheliAuth` interface) that records its calls. */
function fakeAuth(initial: ZheliUser | null = null) {
  const calls: string[] = [];
  let user = initial;
  let next: Promise<unknown> | undefined;
  const auth: ZheliAuth = {
    async signIn(options) {
      calls.push(`signIn popup=${options?.popup ?? false}`);
      if (options?.params) calls.push(`params ${new URLSearchParams(options.params)}`);
      await next;
      user = { sub: 'p-1', claims: { name: '王小明' } };
    },
    async signOut() {
      calls.push('signOut');
      user = null;
    },
    async getUser() {
      calls.push('getUser');
      return user;
    },
  };
  return { auth, calls, hold: (promise: Promise<unknown>) => (next = promise) };
}

describe('<zheli-login-button>', () => {
  it('signs in through a popup, shows the masked name and fires zheli-sign-in', async () => {
    const { auth, calls, hold } = fakeAuth();
    const gate = deferred<void>();
    hold(gate.promise);
    const button = await fixture<ZheliLoginButton>(
      html`<zheli-login-button popup></zheli-login-button>`,
      { auth },
    );
    await expect.poll(() => textOf(button)).toBe('登录');
    const signedIn: string[] = [];
    button.addEventListener('zheli-sign-in', (event) =>
      signedIn.push(String(event.detail.user.claims.name)),
    );
    await userEvent.click(part(button, 'button'));
    await expect.poll(() => textOf(button)).toBe('正在登录…');
    expect(part(button, 'button').getAttribute('aria-disabled')).toBe('true');
    gate.resolve();
    await expect.poll(() => textOf(part(button, 'name'))).toBe('已登录：王*明');
    expect(signedIn).toEqual(['王小明']);
    expect(calls).toContain('signIn popup=true');
    expect(textOf(button)).not.toContain('小');
  });

  it('redirects by default (signIn without popup)', async () => {
    const { auth, calls } = fakeAuth();
    const button = await fixture<ZheliLoginButton>(
      html`<zheli-login-button></zheli-login-button>`,
      { auth },
    );
    await expect.poll(() => parts(button, 'button').length).toBe(1);
    await userEvent.click(part(button, 'button'));
    expect(calls).toContain('signIn popup=false');
    expect(calls).toContain('params ui_locales=zh-CN');
  });

  it("asks the platform's sign-in pages for the elder style in elder mode", async () => {
    const { auth, calls } = fakeAuth();
    const button = await fixture<ZheliLoginButton>(
      html`<zheli-login-button mode="elder"></zheli-login-button>`,
      { auth },
    );
    await expect.poll(() => parts(button, 'button').length).toBe(1);
    await userEvent.click(part(button, 'button'));
    expect(calls).toContain('params ui_locales=zh-CN&_uiStyle=elder');
  });

  it('shows a stored session as signed in and signs out from the keyboard', async () => {
    const { auth, calls } = fakeAuth({ sub: 'p-1', claims: { name: '欧阳娜娜' } });
    const button = await fixture<ZheliLoginButton>(
      html`<zheli-login-button></zheli-login-button>`,
      { auth },
    );
    await expect.poll(() => textOf(button)).toContain('欧**娜');
    const signedOut: unknown[] = [];
    button.addEventListener('zheli-sign-out', (event) => signedOut.push(event));
    part(button, 'button').focus();
    await userEvent.keyboard('{Enter}');
    await expect.poll(() => textOf(button)).toBe('登录');
    expect(calls).toContain('signOut');
    expect(signedOut).toHaveLength(1);
  });

  it('says sign-in failed and lets the person try again', async () => {
    const { auth, hold } = fakeAuth();
    const failed = Promise.reject(new Error('popup closed'));
    failed.catch(() => {});
    hold(failed);
    const errors: unknown[] = [];
    const button = await fixture<ZheliLoginButton>(
      html`<zheli-login-button popup></zheli-login-button>`,
      { auth },
    );
    button.addEventListener('zheli-error', (event) => errors.push(event.detail.error));
    await expect.poll(() => parts(button, 'button').length).toBe(1);
    await userEvent.click(part(button, 'button'));
    await expect.poll(() => textOf(button)).toContain('登录未完成');
    expect(errors).toHaveLength(1);
    expect(await axeViolations(button)).toEqual([]);
    hold(Promise.resolve());
    await userEvent.click(part(button, 'button'));
    await expect.poll(() => parts(button, 'name').length).toBe(1);
  });

  it('explains what to do when no auth is configured', async () => {
    const button = await fixture<ZheliLoginButton>(
      html`<zheli-login-button></zheli-login-button>`,
      {},
    );
    expect(textOf(button)).toContain('authority');
    expect(await axeViolations(button)).toEqual([]);
  });

  it.each(['zh-CN', 'zh-TW', 'en'] as const)(
    'has no axe violation signed out and signed in in %s',
    async (locale) => {
      await useLocale(locale);
      const out = await fixture<ZheliLoginButton>(html`<zheli-login-button></zheli-login-button>`, {
        auth: fakeAuth().auth,
      });
      await expect.poll(() => parts(out, 'button').length).toBe(1);
      expect(await axeViolations(out)).toEqual([]);
      const signedIn = await fixture<ZheliLoginButton>(
        html`<zheli-login-button></zheli-login-button>`,
        {
          auth: fakeAuth({ sub: 'p-1', claims: { name: '张三' } }).auth,
        },
      );
      await expect.poll(() => parts(signedIn, 'name').length).toBe(1);
      expect(await axeViolations(signedIn)).toEqual([]);
    },
  );

  it('shows English labels in en', async () => {
    await useLocale('en');
    const button = await fixture<ZheliLoginButton>(
      html`<zheli-login-button></zheli-login-button>`,
      { auth: fakeAuth({ sub: 'p-1', claims: { name: 'Zhang San' } }).auth },
    );
    await expect.poll(() => textOf(button)).toBe('Signed in: Z**** S** Sign out');
  });

  it('has a 48 px target and 7:1 contrast in elder mode', async () => {
    const button = await fixture<ZheliLoginButton>(
      html`<zheli-login-button mode="elder"></zheli-login-button>`,
      { auth: fakeAuth().auth },
    );
    await expect.poll(() => parts(button, 'button').length).toBe(1);
    expect(part(button, 'button').getBoundingClientRect().height).toBeGreaterThanOrEqual(48);
    expect(
      Number.parseFloat(getComputedStyle(part(button, 'button')).fontSize),
    ).toBeGreaterThanOrEqual(18);
    expect(await axeViolations(button, true)).toEqual([]);
  });

  describe('following the auth', () => {
    /** An auth that reports its changes through on(), as @zheli/auth's does. */
    function reportingAuth() {
      const fake = fakeAuth();
      const listeners = new Map<string, Set<() => void>>();
      let user: ZheliUser | null = null;
      const auth: ZheliAuth = {
        ...fake.auth,
        getUser: async () => user,
        on(type, listener) {
          const set = listeners.get(type) ?? new Set();
          listeners.set(type, set);
          set.add(listener);
          return () => set.delete(listener);
        },
      };
      const report = (type: string, next: ZheliUser | null) => {
        user = next;
        for (const listener of listeners.get(type) ?? []) listener();
      };
      const listening = () => [...listeners.values()].reduce((sum, set) => sum + set.size, 0);
      return { auth, report, listening };
    }

    it('shows each change the auth reports, and stops listening when removed', async () => {
      const { auth, report, listening } = reportingAuth();
      const button = await fixture<ZheliLoginButton>(
        html`<zheli-login-button></zheli-login-button>`,
        { auth },
      );
      await expect.poll(() => part(button, 'button').getAttribute('aria-disabled')).toBe('false');
      expect(listening()).toBe(4);
      report('signed-in', { sub: 'p-1', claims: { name: '王小明' } });
      await expect.poll(() => textOf(button)).toBe('已登录：王*明 退出登录');
      report('signed-out', null);
      await expect.poll(() => textOf(button)).toBe('登录');
      report('signed-in', { sub: 'p-1', claims: { name: '王小明' } });
      await expect.poll(() => textOf(button)).toBe('已登录：王*明 退出登录');
      report('session-expired', null);
      await expect.poll(() => textOf(button)).toBe('登录已过期，请重新登录。 登录');
      const parent = button.parentElement;
      button.remove();
      expect(listening()).toBe(0);
      parent?.append(button);
      await expect.poll(() => listening()).toBe(4);
    });
  });
});
