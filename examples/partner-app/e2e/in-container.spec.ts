// 安吉顺达汽车服务 inside the platform's app, as the sandbox's container emulator shows it
// (docs/container.md): opened in the emulator's phone frame with its bridge script, the app's
// persona signed in by the app's ticket through the backend (`POST /auth/ticket`) with no
// redirect, a booking with its ticket, and the elder style taken live from the emulator's control.
// Outside the emulator the same app still signs in by redirect.
import type { BrowserContext, Frame, FrameLocator, Page } from '@playwright/test';
import { createClient, verifyCode } from '@zheli/client';
import { readQrCode } from '../../../scripts/page-checks.ts';
import { startPartnerApp } from '../server.mjs';
import {
  errors,
  expect,
  persona,
  platformAppointments,
  sandboxUrl,
  signInOnPlatform,
  test,
  violations,
} from './fixtures.ts';

const picker = 'zheli-appointment-picker';

/** The app served as in development for the emulator: bridge script, framed by the sandbox. */
let app: Awaited<ReturnType<typeof startPartnerApp>>;

test.beforeAll(async () => {
  app = await startPartnerApp({ port: 0, sandboxUrl, container: true });
});
test.afterAll(async () => {
  await app.stop();
});

/** This app's answer to who is signed in, for this browser profile. */
async function appSession(context: BrowserContext): Promise<{ signedIn: boolean }> {
  return (await context.request.get(`${app.url}/auth/session`)).json();
}

/** The emulator's page for the app at `path`, the Anji driver signed in in the app. */
function emulatorUrl(path: string, uiStyle: 'normal' | 'elder' = 'normal'): string {
  const url = new URL('/__sandbox/container', sandboxUrl);
  url.searchParams.set('url', `${app.url}${path}`);
  url.searchParams.set('persona', persona);
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

/** Opens the app at `path` in the emulator; answers its frame, once the bridge has arrived. */
async function openInEmulator(
  page: Page,
  path: string,
  uiStyle?: 'normal' | 'elder',
): Promise<{ view: FrameLocator; frame: () => Frame }> {
  await page.goto(emulatorUrl(path, uiStyle));
  const view = page.frameLocator('iframe#app');
  const frame = () => {
    const found = page.frames().find((f) => f.url().startsWith(app.url));
    if (!found) throw new Error('The app is not in the emulator');
    return found;
  };
  await expect.poll(() => frame().evaluate(() => 'ZWJSBridge' in window)).toBe(true);
  return { view, frame };
}

test('in the emulator, signs the app’s persona in by ticket with no redirect, books, shows the ticket', async ({
  page,
  context,
}) => {
  const authorizeRequests = countAuthorizeRequests(page);
  const { view, frame } = await openInEmulator(page, '/book');
  // Signed in by the app's ticket: the backend's session, the masked name, no sign-in page.
  await expect(view.locator('.account__name')).toHaveText(/^已登录：陈\*国$/);
  expect(await appSession(context)).toMatchObject({ signedIn: true, user: { sub: persona } });
  expect(frame().url()).toBe(`${app.url}/book`);
  await expect(page.locator('#calls')).toContainText('getTicket ✓');

  // Book: the plate number, then the picker (station, day, time, confirm).
  await view.getByLabel('车牌号（选填）').fill('浙E·C5678');
  await view.locator(`${picker} [part~="site"]`).first().click();
  await view.locator(`${picker} [part~="day"][aria-disabled="false"]`).first().click();
  await view.locator(`${picker} [part~="slot"][aria-disabled="false"]`).first().click();
  await view.locator(`${picker} [part~="confirm"]`).click();
  const notice = view.getByText(/^预约成功：/);
  await notice.waitFor();
  expect(frame().url()).toBe(`${app.url}/appointments`);
  const reference = (await notice.textContent())?.match(/预约号 (\S+?)。/)?.[1] ?? '';
  const booked = (await platformAppointments()).find((a) => a.reference === reference);
  expect(booked).toMatchObject({ status: 'booked', note: '浙E·C5678' });

  // The ticket, read off the screen as a phone's camera would, is the platform's signed code.
  const item = view.locator('li.appointment', { hasText: reference });
  await item.getByText('出示预约凭证').click();
  const code = item.locator('zheli-qr-code');
  await expect(code.locator('svg path').first()).toHaveAttribute('d', /\S/);
  await code.scrollIntoViewIfNeeded();
  const token = await readQrCode(code);
  const client = createClient({ baseUrl: sandboxUrl });
  const result = await verifyCode(token, {
    jwks: () => client.codes.keys(),
    issuer: sandboxUrl,
    kind: 'appointment',
  });
  expect(result.valid && result.claims).toMatchObject({ sub: persona, ref: booked?.id });

  // Never sent to the platform's sign-in.
  expect(authorizeRequests()).toBe(0);
  expect(errors(page)).toEqual([]);
  expect(await violations(page)).toEqual([]);
});

test('in the emulator, takes 长辈版 from the app and follows its switch live, without keeping it as a choice', async ({
  page,
}) => {
  const { view, frame } = await openInEmulator(page, '/', 'elder');
  const html = view.locator('html');
  const modeSwitch = view.getByRole('button', { name: '长辈版' });
  await expect(html).toHaveClass(/\belder\b/);
  await expect(modeSwitch).toHaveAttribute('aria-pressed', 'true');
  await frame().evaluate(() => {
    (window as { notReloaded?: boolean }).notReloaded = true;
  });

  await page.locator('input[name="uiStyle"]').uncheck();
  await expect(html).not.toHaveClass(/\belder\b/);
  await expect(modeSwitch).toHaveAttribute('aria-pressed', 'false');
  await page.locator('input[name="uiStyle"]').check();
  await expect(html).toHaveClass(/\belder\b/);
  await expect(modeSwitch).toHaveAttribute('aria-pressed', 'true');
  // The same page all along, and the app's style is not written as the person's own choice.
  expect(await frame().evaluate(() => (window as { notReloaded?: boolean }).notReloaded)).toBe(
    true,
  );
  expect(await frame().evaluate(() => localStorage.getItem('partner-app:mode'))).toBeNull();
});

test('in the emulator, when the app’s bridge throws on getTicket, stays signed out and 登录 still redirects', async ({
  page,
  context,
}) => {
  const authorizeRequests = countAuthorizeRequests(page);
  const tickets: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/auth/ticket')) tickets.push(request.url());
  });
  // A persona the platform does not know: the app's getTicket fails.
  await page.goto(emulatorUrl('/').replace(persona, 'p-nobody'));
  await expect(page.locator('#calls')).toContainText('getTicket ✗ TICKET_REFUSED');
  const view = page.frameLocator('iframe#app');
  const signIn = view.getByRole('link', { name: '登录', exact: true });
  await expect(signIn).toBeVisible();
  expect(await appSession(context)).toEqual({ signedIn: false });
  expect(tickets).toEqual([]);
  expect(authorizeRequests()).toBe(0);
  // The fallback: 登录 leaves for the platform's sign-in (which refuses to be framed, as the
  // platform's does: the emulator shows the redirect, not its completion).
  await signIn.click();
  await expect.poll(authorizeRequests).toBe(1);
});

test('a bridge that never becomes ready: the app waits its ready timeout, asks for no ticket and stays usable', async ({
  page,
  context,
}) => {
  // An app bridge whose onReady never calls back, there before the page's scripts run.
  await page.addInitScript(() => {
    const calls: string[] = [];
    Object.assign(window, {
      bridgeCalls: calls,
      ZWJSBridge: {
        onReady: () => calls.push('onReady'),
        getTicket: () => {
          calls.push('getTicket');
          return Promise.resolve({ ticket: 'never' });
        },
        getUiStyle: () => {
          calls.push('getUiStyle');
          return Promise.resolve({ uiStyle: 'elder' });
        },
      },
    });
  });
  await page.clock.install();
  await page.goto(`${app.url}/`);
  await page.getByRole('heading', { level: 1, name: '年检不用排队，线上约好再来' }).waitFor();
  const calls = () => page.evaluate(() => (window as { bridgeCalls?: string[] }).bridgeCalls);
  await expect.poll(calls).toEqual(['onReady']);
  // Past @zheli/bridge's ready timeout (1 s): outside the app, as far as the page can tell.
  await page.clock.runFor(1_500);
  expect(await calls()).toEqual(['onReady']);
  await expect(page.getByRole('link', { name: '登录', exact: true })).toBeVisible();
  await expect(page.locator('html')).not.toHaveClass(/\belder\b/);
  expect(await appSession(context)).toEqual({ signedIn: false });
});

test('the same app outside the emulator installs no bridge, asks for no ticket and signs in by redirect', async ({
  page,
  context,
}) => {
  const authorizeRequests = countAuthorizeRequests(page);
  const tickets: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/auth/ticket')) tickets.push(request.url());
  });
  const bridgeScript = page.waitForResponse(`${sandboxUrl}/__sandbox/container/bridge.js`);
  await page.goto(`${app.url}/`);
  expect((await bridgeScript).status()).toBe(200);
  await page.getByRole('heading', { level: 1, name: '年检不用排队，线上约好再来' }).waitFor();
  // The bridge script is on the page but found no emulator: nothing installed.
  expect(await page.evaluate(() => 'ZWJSBridge' in window)).toBe(false);
  expect(await appSession(context)).toEqual({ signedIn: false });

  await page.getByRole('link', { name: '登录', exact: true }).click();
  await signInOnPlatform(page, { app: app.url });
  await expect(page.locator('.account__name')).toHaveText(/^已登录：陈\*国$/);
  expect(authorizeRequests()).toBe(1);
  expect(tickets).toEqual([]);
});

test('the development server lets only the sandbox frame the app and load its bridge script', async () => {
  const response = await fetch(`${app.url}/`);
  const csp = response.headers.get('content-security-policy') ?? '';
  const origin = new URL(sandboxUrl).origin;
  expect(csp).toContain(`frame-ancestors ${origin}`);
  expect(csp).toContain(`script-src 'self' ${origin}`);
  expect(response.headers.get('x-frame-options')).toBeNull();
  const html = await response.text();
  expect(html).toContain(`<script src="${origin}/__sandbox/container/bridge.js"></script>`);
  expect(html).toContain('<meta name="zheli-client-id" content="partner-server" />');
});
