// Browser mode end to end: Chromium (Playwright) drives a small partner app on `localhost`
// against the OpenID Provider on 127.0.0.1 (another site, as in production).
import type { Browser, BrowserContext, Page } from 'playwright';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signInAs } from '../../../scripts/sign-in-as.ts';
import type { AuthOptions } from '../src/index.ts';
import {
  appReady,
  browserStorage,
  countRequests,
  launchChromium,
  startApp,
  type TestApp,
  type TestAppApi,
  withBrowserAndOp,
} from './support/browser.ts';
import type { TestOp } from './support/op.ts';

declare const window: Window & { zheli: TestAppApi };

const persona = 'p-anji-driver';
let browser: Browser;
let op: TestOp;
let app: TestApp;
let context: BrowserContext;

withBrowserAndOp((started) => {
  ({ browser, op } = started);
});

beforeEach(async () => {
  await op.clearFaults();
  app = await startApp({});
  setAuthConfig();
  context = await browser.newContext();
  await signInAs(context, persona);
});
afterEach(async () => {
  await context.close();
  await app.stop();
});

function setAuthConfig(overrides: Partial<AuthOptions> = {}): void {
  app.config = {
    apiBaseUrl: op.url,
    auth: {
      authority: op.issuer,
      clientId: 'partner-app',
      redirectUri: `${app.url}/callback`,
      postLogoutRedirectUri: `${app.url}/`,
      scope: 'openid profile offline_access',
      ...overrides,
    },
  };
}

async function openApp(path = '/'): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${app.url}${path}`);
  await appReady(page);
  return page;
}

/** Signs in by redirect and returns the page, back on the app after the callback. */
async function signInByRedirect(page: Page, returnTo = '/account'): Promise<void> {
  await Promise.all([
    page.waitForURL(`${app.url}/callback**`),
    page.evaluate((to) => void window.zheli.auth.signIn({ returnTo: to }), returnTo),
  ]);
  await appReady(page);
}

describe('browser mode: redirect sign-in', () => {
  it('signs in as a persona, calls the API, renews, and signs out', async () => {
    const tokenRequests = countRequests(context, /\/oidc\/token$/);
    const page = await openApp();
    await signInByRedirect(page);
    const callback = await page.evaluate(() => window.zheli.callback);
    expect(callback).toMatchObject({
      ok: true,
      value: { user: { sub: persona }, returnTo: '/account' },
    });
    // The callback URL is scrubbed: no code, state or iss left in the address bar.
    expect(new URL(page.url()).search).toBe('');
    expect(await page.evaluate(() => window.zheli.me())).toMatchObject({
      status: 200,
      body: { sub: persona },
    });

    const before = await page.evaluate(() => window.zheli.auth.getAccessToken());
    const after = await page.evaluate(() =>
      window.zheli.auth.getAccessToken({ forceRefresh: true }),
    );
    expect(after).toBeTypeOf('string');
    expect(after).not.toBe(before);
    expect(await page.evaluate(() => window.zheli.me())).toMatchObject({
      status: 200,
      body: { sub: persona },
    });
    // The refresh token rotates: the second refresh spends another token than the first.
    await page.evaluate(() => window.zheli.auth.getAccessToken({ forceRefresh: true }));
    const refreshes = tokenRequests
      .bodies()
      .map((b) => new URLSearchParams(b))
      .filter((p) => p.get('grant_type') === 'refresh_token');
    expect(refreshes).toHaveLength(2);
    expect(refreshes[0]?.get('refresh_token')).not.toBe(refreshes[1]?.get('refresh_token'));
    expect(await page.evaluate(() => window.zheli.events)).toEqual([
      'signed-in:this-tab',
      'renewed:this-tab',
      'renewed:this-tab',
    ]);

    await Promise.all([
      page.waitForURL(/\/oidc\/session\/end|\/session\/end/),
      page.evaluate(() => window.zheli.auth.signOut()),
    ]);
  });

  it('leaves nothing in localStorage, sessionStorage, cookies or IndexedDB after a sign-in in memory mode', async () => {
    const page = await openApp();
    await signInByRedirect(page);
    expect(await page.evaluate(() => window.zheli.user())).toMatchObject({ sub: persona });
    expect(await browserStorage(page)).toEqual({
      localStorage: [],
      sessionStorage: [],
      documentCookie: '',
      indexedDb: [],
      cookies: [],
    });
  });

  it('treats a reload of the callback as harmless and a replayed callback URL as a state mismatch', async () => {
    const tokenRequests = countRequests(context, /\/oidc\/token$/);
    const page = await openApp();
    let callbackUrl = '';
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame() && frame.url().includes('/callback?'))
        callbackUrl = frame.url();
    });
    await signInByRedirect(page);
    await page.reload();
    await appReady(page);
    expect(await page.evaluate(() => window.zheli.callback)).toEqual({ ok: true, value: null });
    await page.goto(callbackUrl);
    await appReady(page);
    expect(await page.evaluate(() => window.zheli.callback)).toMatchObject({
      ok: false,
      error: { code: 'state_mismatch', reason: 'state_unknown' },
    });
    expect(tokenRequests.count()).toBe(1);
  });
});

describe('browser mode: popup sign-in', () => {
  it('signs in in a popup and calls the API', async () => {
    const page = await openApp();
    const result = await page.evaluate(() =>
      window.zheli.settle(() => window.zheli.auth.signIn({ popup: true })),
    );
    expect(result).toMatchObject({ ok: true, value: { sub: persona } });
    expect(await page.evaluate(() => window.zheli.me())).toMatchObject({
      status: 200,
      body: { sub: persona },
    });
    expect(context.pages()).toHaveLength(1);
    expect((await browserStorage(page)).sessionStorage).toEqual([]);
  });

  it('signs in in a window the app opened itself, and opens no other', async () => {
    const page = await openApp();
    let opened = 0;
    context.on('page', () => {
      opened += 1;
    });
    // As an app that opens the window in the click, then awaits its own code before signIn().
    const result = await page.evaluate(() => {
      const popupWindow = window.open('about:blank', '', 'popup=yes,width=500,height=640');
      return window.zheli.settle(async () => {
        await new Promise((resolve) => setTimeout(resolve, 50));
        return window.zheli.auth.signIn({ popupWindow });
      });
    });
    expect(result).toMatchObject({ ok: true, value: { sub: persona } });
    expect(opened).toBe(1);
    expect(context.pages()).toHaveLength(1);
    // A window the browser blocked (window.open() gave null) is a blocked popup.
    expect(
      await page.evaluate(() =>
        window.zheli.settle(() => window.zheli.auth.signIn({ popupWindow: null })),
      ),
    ).toMatchObject({ ok: false, error: { code: 'popup_blocked' } });
  });

  it('rejects quickly with popup_closed when the user closes the popup', async () => {
    // A user who has not signed in at the provider yet: the popup stays on its login page.
    await context.close();
    context = await browser.newContext();
    const page = await openApp();
    const popupOpened = context.waitForEvent('page');
    const pending = page.evaluate(() =>
      window.zheli.settle(() => window.zheli.auth.signIn({ popup: true })),
    );
    const popup = await popupOpened;
    await popup.waitForURL(/\/interaction\//);
    await popup.close();
    // popup_closed, not the timeout's code: closing is noticed, not waited out.
    expect(await pending).toMatchObject({ ok: false, error: { code: 'popup_closed' } });
  });

  it('rejects at once with popup_blocked when the browser blocks the popup, or redirects when asked to', async () => {
    const strict = await launchChromium({ ignoreDefaultArgs: ['--disable-popup-blocking'] });
    try {
      const page = await strict.newPage();
      await page.goto(`${app.url}/?popup-on-load`);
      await appReady(page);
      const { result } = await page.evaluate(
        () => (window as unknown as { zheli: { autoPopup: { result: unknown } } }).zheli.autoPopup,
      );
      // popup_blocked, not a timeout's code: window.open returned null and nothing was waited for.
      expect(result).toMatchObject({ ok: false, error: { code: 'popup_blocked' } });
      // With the fallback, the same blocked popup becomes a redirect to the provider.
      await Promise.all([
        page.waitForURL(/\/interaction\//),
        page.goto(`${app.url}/?popup-on-load&fallback`),
      ]);
    } finally {
      await strict.close();
    }
  });
});

describe('browser mode: silent sign-in', () => {
  it('answers login_required after one iframe attempt when the provider session cookie cannot reach it', async () => {
    const authRequests = countRequests(context, /\/oidc\/auth\?/);
    const tokenRequests = countRequests(context, /\/oidc\/token$/);
    const page = await openApp();
    // Signed in at the provider (its cookie exists), but the app is another site: the
    // SameSite=Lax cookie is not sent to the iframe, as with third-party cookies blocked.
    await signInByRedirect(page);
    await page.goto(`${app.url}/`);
    await appReady(page);
    const result = await page.evaluate(() =>
      window.zheli.settle(() => window.zheli.auth.signInSilent()),
    );
    // login_required, not the silent sign-in timeout's code: the failure is reported, not waited
    // out.
    expect(result).toMatchObject({ ok: false, error: { code: 'login_required' } });
    await page.waitForTimeout(500);
    expect(authRequests.count()).toBe(2);
    expect(tokenRequests.count()).toBe(1);
    expect(await page.locator('iframe').count()).toBe(0);
  });
});

describe('browser mode: tabs and concurrency', () => {
  it('shares the session with a new tab and signs out every tab at once', async () => {
    const first = await openApp();
    await signInByRedirect(first);
    const second = await openApp('/other');
    expect(await second.evaluate(() => window.zheli.user())).toMatchObject({ sub: persona });
    expect(await second.evaluate(() => window.zheli.me())).toMatchObject({ status: 200 });
    await first.evaluate(() => window.zheli.auth.signOut({ redirect: false }));
    await second.waitForFunction(() => window.zheli.events.includes('signed-out:other-tab'));
    expect(await second.evaluate(() => window.zheli.user())).toBeNull();
    expect(await second.evaluate(() => window.zheli.auth.getAccessToken())).toBeUndefined();
  });

  it('sends one token request when two tabs refresh at the same moment', async () => {
    const tokenRequests = countRequests(context, /\/oidc\/token$/);
    const first = await openApp();
    await signInByRedirect(first);
    const second = await openApp('/other');
    await second.evaluate(() => window.zheli.user());
    const [a, b] = await Promise.all([
      first.evaluate(() => window.zheli.auth.getAccessToken({ forceRefresh: true })),
      second.evaluate(() => window.zheli.auth.getAccessToken({ forceRefresh: true })),
    ]);
    expect(a).toBeTypeOf('string');
    expect(b).toBe(a);
    const grants = tokenRequests
      .bodies()
      .map((body) => new URLSearchParams(body).get('grant_type'));
    expect(grants).toEqual(['authorization_code', 'refresh_token']);
  });

  it('sends one refresh for ten parallel getAccessToken() calls on an expiring token', async () => {
    setAuthConfig({ renewBeforeExpirySeconds: 24 * 3600 });
    const tokenRequests = countRequests(context, /\/oidc\/token$/);
    const page = await openApp();
    await signInByRedirect(page);
    const tokens = await page.evaluate(() =>
      Promise.all(Array.from({ length: 10 }, () => window.zheli.auth.getAccessToken())),
    );
    expect(new Set(tokens).size).toBe(1);
    const grants = tokenRequests
      .bodies()
      .map((body) => new URLSearchParams(body).get('grant_type'));
    expect(grants).toEqual(['authorization_code', 'refresh_token']);
  });
});

describe('browser mode: device clock', () => {
  for (const minutes of [5, -5]) {
    it(`signs in and renews with the device clock ${minutes > 0 ? 'ahead' : 'behind'} by five minutes`, async () => {
      await context.clock.setSystemTime(new Date(Date.now() + minutes * 60_000));
      const page = await openApp();
      const skew = await page.evaluate(() => Date.now());
      expect(Math.round((skew - Date.now()) / 60_000)).toBe(minutes);
      await signInByRedirect(page);
      expect(await page.evaluate(() => window.zheli.callback)).toMatchObject({ ok: true });
      const renewed = await page.evaluate(() =>
        window.zheli.settle(() => window.zheli.auth.getAccessToken({ forceRefresh: true })),
      );
      expect(renewed).toMatchObject({ ok: true, value: expect.any(String) });
      expect(await page.evaluate(() => window.zheli.me())).toMatchObject({ status: 200 });
    });
  }
});
