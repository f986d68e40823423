// The county portal inside the platform's app, as the sandbox's container emulator shows it
// (docs/container.md): the page opened in the emulator's phone frame with its bridge script, the
// emulator's persona signed in by the app's ticket with no redirect, a booking with its ticket,
// and the elder style and the app's language taken live from the emulator's controls. Outside the
// emulator the same page still signs in by redirect.

import type { Frame, FrameLocator, Page } from '@playwright/test';
import { createClient, verifyCode } from '@zheli/client';
import { startCountySite } from '../server.mjs';
import {
  cancelAnjiBookings,
  expect,
  readQrCode,
  sandboxUrl,
  signInAs,
  test,
  violations,
} from './fixtures.ts';

/** The county site served as in development for the emulator: bridge script, framed by the sandbox. */
let site: Awaited<ReturnType<typeof startCountySite>>;

test.beforeAll(async () => {
  site = await startCountySite({ port: 0, sandboxUrl, container: true });
});
test.afterAll(async () => {
  await site.stop();
});
test.afterEach(cancelAnjiBookings);

/** The emulator's page for the county site, the Anji driver signed in in the app. */
function emulatorUrl(uiStyle: 'normal' | 'elder' = 'normal'): string {
  const url = new URL('/__sandbox/container', sandboxUrl);
  url.searchParams.set('url', `${site.url}/`);
  url.searchParams.set('persona', 'p-anji-driver');
  url.searchParams.set('client', 'county-site');
  if (uiStyle === 'elder') url.searchParams.set('uiStyle', 'elder');
  return url.href;
}

/**
 * Counts the redirect sign-ins started, in any frame: requests for the platform's authorization
 * endpoint (not its resumes after the sign-in and consent pages, `/oidc/auth/<id>`).
 */
function countAuthorizeRequests(page: Page): () => number {
  const authorize = new URL('/oidc/auth', sandboxUrl).href;
  let count = 0;
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (`${url.origin}${url.pathname}` === authorize) count += 1;
  });
  return () => count;
}

/** The county page's frame inside the emulator, once its elements have rendered. */
async function openInEmulator(
  page: Page,
  uiStyle?: 'normal' | 'elder',
): Promise<{ app: FrameLocator; frame: () => Frame }> {
  await page.goto(emulatorUrl(uiStyle));
  const app = page.frameLocator('iframe#app');
  await app.locator('zheli-login-button [part~="button"]').waitFor();
  await app.locator('zheli-appointment-picker [part~="site"]').first().waitFor();
  const frame = () => {
    const found = page.frames().find((f) => f.url().startsWith(site.url));
    if (!found) throw new Error('The county page is not in the emulator');
    return found;
  };
  // The emulator's bridge arrived: the emulator answered the page's greeting.
  await expect.poll(() => frame().evaluate(() => 'ZWJSBridge' in window)).toBe(true);
  return { app, frame };
}

test('in the emulator, signs the app’s persona in by ticket with no redirect, books, shows the ticket', async ({
  page,
}) => {
  const authorizeRequests = countAuthorizeRequests(page);
  const { app, frame } = await openInEmulator(page);
  const picker = 'zheli-appointment-picker';
  await app.locator(`${picker} [part~="site"]`).first().click();
  await app.locator(`${picker} [part~="day"][aria-disabled="false"]`).first().click();
  const slot = app.locator(`${picker} [part~="slot"][aria-disabled="false"]`).first();
  const time = (await slot.locator('.time').textContent()) ?? '';
  await slot.click();
  // Signed out on this site: the picker's 登录 takes the app's ticket instead of a redirect.
  await app.locator(`${picker} [part~="sign-in"]`).click();
  await app.locator(`${picker} [part~="confirm"]`).click();
  await expect(app.locator(`${picker} [part~="ticket"]`)).toBeVisible();
  await expect(app.locator(`${picker} [part~="summary"]`)).toContainText(time);
  // The login button shows the persona signed in, masked.
  await expect(app.locator('zheli-login-button [part~="name"]')).toHaveText(
    /已登录：\p{Script=Han}\*+\p{Script=Han}?/u,
  );

  // The ticket's QR code, read off the screen as a phone would, is the platform's signed code.
  const code = app.locator(`${picker} zheli-qr-code [part~="code"]`);
  await code.waitFor();
  const token = await readQrCode(code);
  const client = createClient({ baseUrl: sandboxUrl });
  const result = await verifyCode(token, { jwks: () => client.codes.keys(), issuer: sandboxUrl });
  expect(result.valid).toBe(true);

  // Never sent to the platform's sign-in: the page stayed where it was, in the frame.
  expect(authorizeRequests()).toBe(0);
  expect(frame().url()).toBe(`${site.url}/`);
  // The emulator logged the ticket it handed out.
  await expect(page.locator('#calls')).toContainText('getTicket ✓');
  expect(await violations(page)).toEqual([]);
});

test('in the emulator, the elements take the elder style from the app and follow its switch live', async ({
  page,
}) => {
  const { app } = await openInEmulator(page, 'elder');
  const bases = [
    'zheli-login-button [part~="base"]',
    'zheli-appointment-picker [part~="base"]',
    'zheli-service-catalog [part~="base"]',
  ];
  for (const base of bases) await expect(app.locator(base).first()).toHaveClass(/\belder\b/);

  // The emulator's control switched: the open page follows without reloading.
  await app.locator('html').evaluate(() => {
    (window as { notReloaded?: boolean }).notReloaded = true;
  });
  await page.locator('input[name="uiStyle"]').uncheck();
  for (const base of bases) await expect(app.locator(base).first()).not.toHaveClass(/\belder\b/);
  await page.locator('input[name="uiStyle"]').check();
  for (const base of bases) await expect(app.locator(base).first()).toHaveClass(/\belder\b/);
  expect(
    await app.locator('html').evaluate(() => (window as { notReloaded?: boolean }).notReloaded),
  ).toBe(true);
  await expect(page.locator('#calls')).toContainText('uiStyle → normal');
});

test('in the emulator, the elements speak the app’s language and follow its switch live', async ({
  page,
}) => {
  const { app } = await openInEmulator(page);
  const signIn = app.locator('zheli-login-button [part~="button"]');
  const book = app.locator('zheli-appointment-picker [part~="heading"]').first();
  // The page sets no locale: the app's (the emulator's control, 简体中文 at first) applies.
  await expect(signIn).toHaveText('登录');
  const before = (await book.textContent()) ?? '';
  await app.locator('html').evaluate(() => {
    (window as { notReloaded?: boolean }).notReloaded = true;
  });

  await page.locator('select[name="locale"]').selectOption('en');
  await expect(signIn).toHaveText('Sign in');
  await expect(book).not.toHaveText(before);
  await page.locator('select[name="locale"]').selectOption('zh-TW');
  await expect(signIn).toHaveText('登入');
  await page.locator('select[name="locale"]').selectOption('zh-CN');
  await expect(signIn).toHaveText('登录');
  await expect(book).toHaveText(before);
  // The open page followed without reloading; the emulator logged each switch.
  expect(
    await app.locator('html').evaluate(() => (window as { notReloaded?: boolean }).notReloaded),
  ).toBe(true);
  await expect(page.locator('#calls')).toContainText('getLocale ✓');
  await expect(page.locator('#calls')).toContainText('locale → en');
  expect(await violations(page)).toEqual([]);
});

test('the same page outside the emulator installs no bridge and signs in by redirect', async ({
  page,
}) => {
  const authorizeRequests = countAuthorizeRequests(page);
  const bridgeScript = page.waitForResponse(`${sandboxUrl}/__sandbox/container/bridge.js`);
  await page.goto(`${site.url}/`);
  expect((await bridgeScript).status()).toBe(200);
  await page.locator('zheli-login-button [part~="button"]').waitFor();
  // The bridge script is on the page but found no emulator: nothing installed.
  expect(await page.evaluate(() => 'ZWJSBridge' in window)).toBe(false);
  await signInAs(page, 'p-anji-driver');
  await page.locator('zheli-login-button [part~="button"]').click();
  await page.waitForURL(`${site.url}/callback**`);
  await expect(page.locator('zheli-login-button [part~="name"]')).toHaveText(
    /已登录：\p{Script=Han}\*+\p{Script=Han}?/u,
  );
  expect(authorizeRequests()).toBe(1);
  expect(await violations(page)).toEqual([]);
});

test('the development server lets only the sandbox frame the page and load its bridge script', async () => {
  const response = await fetch(`${site.url}/`);
  const csp = response.headers.get('content-security-policy') ?? '';
  const origin = new URL(sandboxUrl).origin;
  expect(csp).toContain(`frame-ancestors ${origin}`);
  expect(csp).toContain(`script-src 'self' ${origin}`);
  expect(response.headers.get('x-frame-options')).toBeNull();
  expect(await response.text()).toContain(
    `<script src="${origin}/__sandbox/container/bridge.js"></script>`,
  );
});
