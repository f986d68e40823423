// The login button inside the platform's app, in Chromium against the real sandbox: in the
// sandbox's container emulator it signs in with the app's ticket and no redirect; outside it, or
// when the app refuses a ticket, it signs in by redirect as before.
import type { Sandbox } from '@zheli/sandbox';
import type { Browser, BrowserContext, Frame, Page } from 'playwright';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withSandboxHarness } from './sandbox-harness.js';

const button = 'zheli-login-button';
let sandbox: Sandbox;
let browser: Browser;
let origin: string;
let context: BrowserContext;
/** Requests of the sign-in redirect (the authorization endpoint). */
let redirects: string[];

withSandboxHarness(
  {
    sandbox: { rateLimit: false },
    scripts: { '/page.js': 'test/pages/container-page.ts' },
    // The sandbox's site (127.0.0.1): a page of another site is a third party in the emulator's
    // frame, and Chromium denies it storage, which a redirect sign-in needs (docs/container.md).
    html: (
      _url,
      { sandbox, origin },
    ) => `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>县政府</title>
<script src="${sandbox.url}/__sandbox/container/bridge.js"></script>
<script type="module" src="/page.js"></script></head>
<body><zheli-config base-url="${sandbox.url}" authority="${sandbox.issuer}" client-id="county-site"
  redirect-uri="${origin}/callback" scope="openid profile">
<zheli-login-button></zheli-login-button></zheli-config></body></html>`,
  },
  (started) => {
    ({ sandbox, browser, origin } = started);
  },
);
beforeEach(async () => {
  context = await browser.newContext();
  redirects = [];
  context.on('request', (request) => {
    if (request.url().includes('/oidc/auth')) redirects.push(request.url());
  });
});
afterEach(async () => {
  await context.close();
});

async function inEmulator(persona: string): Promise<{ page: Page; frame: Frame }> {
  const page = await context.newPage();
  const query = new URLSearchParams({ url: `${origin}/`, persona, client: 'county-site' });
  await page.goto(`${sandbox.url}/__sandbox/container?${query}`);
  const handle = await page.locator('#app').elementHandle();
  const frame = await handle?.contentFrame();
  if (!frame) throw new Error('no partner frame');
  // The emulator's bridge arrives a moment after the page starts (a postMessage round trip).
  await frame.waitForFunction(() => 'ZWJSBridge' in window);
  return { page, frame };
}

/** A bridge call of the sign-in, not of the elements following the app's style and language. */
const signInCall = (call: string) =>
  !call.startsWith('getUiStyle') && !call.startsWith('getLocale');

describe('<zheli-login-button> inside the platform’s app', { timeout: 30_000 }, () => {
  it('signs in with the app’s ticket, with no redirect', async () => {
    const { page, frame } = await inEmulator('p-xihu-elder');
    await frame.locator(`${button} [part~="button"][aria-disabled="false"]`).click();
    await frame.locator(`${button} [part~="name"]`).waitFor();
    expect(await frame.locator(`${button} [part~="name"]`).textContent()).toContain('王*英');
    expect(redirects).toEqual([]);
    expect(frame.url()).toBe(`${origin}/`);
    // The elements also read the app's style and language when they connect.
    const calls = await page.locator('#calls li').allTextContents();
    expect(calls.filter(signInCall)).toEqual(['getTicket ✓']);
  });

  it('falls back to the redirect when the app refuses a ticket', async () => {
    const { page, frame } = await inEmulator('nobody');
    await frame.locator(`${button} [part~="button"][aria-disabled="false"]`).click();
    await expect.poll(() => redirects.length).toBe(1);
    const calls = await page.locator('#calls li').allTextContents();
    expect(calls.filter(signInCall)).toEqual(['getTicket ✗ TICKET_REFUSED']);
  });

  it('follows the app’s elder style live, as the emulator switches it', async () => {
    const { page, frame } = await inEmulator('p-xihu-elder');
    const elder = frame.locator(`${button} [part~="base"].elder`);
    await frame.locator(`${button} [part~="base"]`).waitFor();
    expect(await elder.count()).toBe(0);
    await page.locator('input[name="uiStyle"]').check();
    await elder.waitFor();
    await page.locator('input[name="uiStyle"]').uncheck();
    await elder.waitFor({ state: 'detached' });
    // The page was not reopened.
    expect(await frame.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(1);
  });

  it('signs in by redirect outside the app', async () => {
    const page = await context.newPage();
    await page.goto(`${origin}/`);
    await page.locator(`${button} [part~="button"][aria-disabled="false"]`).click();
    await page.waitForURL(/\/interaction\//);
    expect(redirects).toHaveLength(1);
  });
});
