// The partner app end to end: the real sandbox (OIDC provider + Open API on PGlite), the app's
// backend-for-frontend serving its production build, and Debian's Chromium driven by Playwright.
// Screenshots of every page land in test-results/screenshots/ for a reviewer.
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { type Sandbox, startSandbox } from '@zheli/sandbox';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumArgs, findChromium } from '../../../scripts/chromium.mjs';
import { startPartnerApp } from '../server.mjs';

const shots = new URL('../test-results/screenshots/', import.meta.url);
const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core'), 'utf8');
const persona = 'p-anji-driver';
const sessionCookie = '__Host-zheli-session';

let sandbox: Sandbox;
let app: Awaited<ReturnType<typeof startPartnerApp>>;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, memory: true });
  app = await startPartnerApp({ port: 0, sandboxUrl: sandbox.url });
  browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
  await mkdir(shots, { recursive: true });
}, 120_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await browser?.close();
  await app?.stop();
  await sandbox?.stop();
});

interface Recorded {
  violations: string[];
  errors: string[];
}

/** A fresh browser profile whose page records CSP violations and uncaught errors. */
async function openPage(
  width = 1280,
): Promise<{ page: Page; context: BrowserContext; recorded: Recorded }> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  const recorded: Recorded = { violations: [], errors: [] };
  await page.exposeFunction('reportViolation', (text: string) => recorded.violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) =>
      (window as unknown as { reportViolation: (text: string) => void }).reportViolation(
        `${event.violatedDirective} ${event.blockedURI} ${event.sample}`,
      ),
    );
  });
  page.on('pageerror', (error) => recorded.errors.push(error.message));
  return { page, context, recorded };
}

/** Saves a screenshot of the page, after checking it with axe (WCAG 2.2 A and AA): none allowed. */
async function shot(page: Page, name: string, check = true): Promise<void> {
  await page.screenshot({ path: new URL(`${name}.png`, shots).pathname, fullPage: true });
  if (check) expect(await axeViolations(page), `axe on ${name}`).toEqual([]);
}

async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            context: Document,
            options: object,
          ) => Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return result.violations.map(
      (violation) => `${violation.id}: ${JSON.stringify(violation.nodes.map((n) => n.target))}`,
    );
  });
}

/** The person's appointments as the platform holds them (not as the app shows them). */
async function platformAppointments(): Promise<
  { id: string; reference: string; status: string }[]
> {
  const token = await sandbox.mintAccessToken({ sub: persona, scope: ['appointments'] });
  const response = await fetch(`${sandbox.url}/v1/appointments?limit=100`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return ((await response.json()) as { items: { id: string; reference: string; status: string }[] })
    .items;
}

async function session(context: BrowserContext): Promise<{ signedIn: boolean }> {
  return (await context.request.get(`${app.url}/auth/session`)).json();
}

/** Tab (only Tab) until the focused element matches `selector`; fails after `limit` presses. */
async function tabTo(page: Page, selector: string, limit = 40): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

describe('安吉顺达汽车服务 (the partner app)', () => {
  it('signs the Anji driver in on the real login page, books an inspection, shows it with its ticket, and cancels it', async () => {
    const { page, context, recorded } = await openPage();
    await page.goto(`${app.url}/`);
    await page.getByRole('heading', { level: 1, name: '年检不用排队，线上约好再来' }).waitFor();
    await shot(page, 'home');

    await page.getByRole('link', { name: '登录', exact: true }).click();
    await page.waitForURL(`${sandbox.url}/interaction/**`);
    await page.goto(`${app.url}/signin`);
    await shot(page, 'signin');

    // The platform's own sign-in page: pick the persona, sign in, allow the app.
    await page.getByRole('link', { name: '使用浙里办账号登录' }).click();
    await page.waitForURL(`${sandbox.url}/interaction/**`);
    await page.locator(`input[name="sub"][value="${persona}"]`).check();
    await shot(page, 'platform-login', false);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.getByRole('button', { name: '同意' }).waitFor();
    await shot(page, 'platform-consent', false);
    await page.getByRole('button', { name: '同意' }).click();
    await page.waitForURL(`${app.url}/appointments`);
    expect(await session(context)).toMatchObject({ signedIn: true, user: { sub: persona } });
    // Only an HttpOnly session cookie reached the browser; no token in the page's storage.
    const cookies = await context.cookies(app.url);
    expect(cookies.find((cookie) => cookie.name === sessionCookie)).toMatchObject({
      httpOnly: true,
      secure: true,
      sameSite: 'Lax',
    });
    expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0);
    await expect
      .poll(() => page.locator('.account__name').textContent())
      .toMatch(/^已登录：陈\*国$/);
    await page.getByText('您还没有预约。').waitFor();
    await shot(page, 'appointments-empty');

    // Book: the station, a day and a time through the client, and a plate number.
    await page
      .getByRole('navigation', { name: '主导航' })
      .getByRole('link', { name: '预约检验' })
      .click();
    await page.waitForURL(`${app.url}/book`);
    const site = page.getByLabel('检测站');
    await expect.poll(() => site.isEnabled()).toBe(true);
    expect(await site.locator('option:checked').textContent()).toContain('安吉');
    const slot = page.locator('input[name="slot"]:not(:disabled)').first();
    await slot.waitFor();
    await slot.check();
    await page.getByLabel('车牌号（选填）').fill('浙E·A1234');
    await shot(page, 'book');
    await page.getByRole('button', { name: '提交预约' }).click();
    await page.waitForURL(`${app.url}/appointments`);
    const notice = page.getByText(/^预约成功：/);
    await notice.waitFor();
    const reference = (await notice.textContent())?.match(/预约号 (\S+?)。/)?.[1] ?? '';
    expect(reference).not.toBe('');
    const booked = (await platformAppointments()).find((item) => item.reference === reference);
    expect(booked?.status).toBe('booked');

    const item = page.locator('li.appointment', { hasText: reference });
    await expect.poll(() => item.locator('.badge').textContent()).toBe('已预约');
    expect(await item.textContent()).toContain('浙E·A1234');
    await item.getByText('出示预约凭证').click();
    await expect
      .poll(() =>
        item
          .locator('zheli-qr-code svg path')
          .first()
          .getAttribute('d')
          .catch(() => ''),
      )
      .not.toBe('');
    await shot(page, 'appointments');

    // Cancel, confirming first.
    await item.getByRole('button', { name: `取消预约 ${reference}` }).click();
    await item.getByRole('button', { name: '确认取消' }).click();
    await expect.poll(() => item.locator('.badge').textContent()).toBe('已取消');
    await page.getByText(`已取消预约 ${reference}，名额已释放。`).waitFor();
    expect((await platformAppointments()).find((a) => a.reference === reference)?.status).toBe(
      'cancelled',
    );
    await shot(page, 'cancelled');

    // Sign out ends the session here, then goes to the platform's sign-out page.
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL(`${sandbox.url}/**`);
    expect(await session(context)).toEqual({ signedIn: false });

    expect(recorded.violations).toEqual([]);
    expect(recorded.errors).toEqual([]);
  }, 120_000);

  it('refuses a callback whose state was changed: a clear error, and no session', async () => {
    const { page, context, recorded } = await openPage();
    // Start a sign-in in this browser profile and follow the platform's redirects by hand (the
    // persona header signs in without the page), stopping at the callback URL.
    let url = `${app.url}/auth/login?returnTo=/appointments`;
    let callback: URL | undefined;
    for (let hop = 0; hop < 8 && !callback; hop++) {
      const response = await context.request.get(url, {
        maxRedirects: 0,
        headers: url.includes('/interaction/') ? { 'x-zheli-persona': persona } : {},
      });
      const location = response.headers().location;
      expect(location, `redirect from ${url}`).toBeTruthy();
      url = new URL(location as string, url).href;
      if (url.startsWith(`${app.url}/auth/callback`)) callback = new URL(url);
    }
    expect(callback?.searchParams.get('code')).toBeTruthy();
    const genuine = callback?.href as string;
    const tampered = new URL(genuine);
    tampered.searchParams.set('state', `${tampered.searchParams.get('state')}x`);

    await page.goto(tampered.href);
    await page.waitForURL(`${app.url}/signin?error=state_mismatch`);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('登录失败');
    expect(await alert.textContent()).toContain('被篡改');
    expect(await alert.textContent()).toContain('state_mismatch');
    await shot(page, 'signin-error');
    expect(await session(context)).toEqual({ signedIn: false });
    expect((await context.cookies(app.url)).map((cookie) => cookie.name)).not.toContain(
      sessionCookie,
    );
    // The failed callback also ended the sign-in it belonged to: the genuine URL is spent too.
    await page.goto(genuine);
    await page.waitForURL(`${app.url}/signin?error=state_mismatch`);
    expect(await session(context)).toEqual({ signedIn: false });
    expect(recorded.violations).toEqual([]);
  }, 60_000);

  it('books and cancels with the keyboard alone, sign-in included', async () => {
    const { page, recorded } = await openPage();
    await page.goto(`${app.url}/`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await tabTo(page, 'a[href^="/auth/login?returnTo=%2Fbook"]');
    await page.keyboard.press('Enter');

    // The platform's pages, by keyboard: the persona radio group, 登录, then 同意.
    await page.waitForURL(`${sandbox.url}/interaction/**`);
    await tabTo(page, 'input[name="sub"]');
    for (let i = 0; i < 20; i++) {
      if (
        await page.evaluate(
          (sub) => (document.activeElement as HTMLInputElement).value === sub,
          persona,
        )
      )
        break;
      await page.keyboard.press('ArrowDown');
    }
    expect(await page.locator(`input[name="sub"][value="${persona}"]`).isChecked()).toBe(true);
    await tabTo(page, 'button.primary');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: '同意' }).waitFor();
    await tabTo(page, 'button.primary');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${app.url}/book`);

    // The booking form: station (kept), the next open day (arrow key), a time, the plate.
    await page.locator('input[name="slot"]').first().waitFor();
    await tabTo(page, 'select');
    await tabTo(page, 'input[name="date"]');
    const firstDay = await page.evaluate(() => (document.activeElement as HTMLInputElement).value);
    await page.keyboard.press('ArrowRight');
    await expect
      .poll(() => page.locator('input[name="date"]:checked').getAttribute('value'))
      .not.toBe(firstDay);
    await tabTo(page, 'input[name="slot"]');
    await page.keyboard.press('Space');
    expect(await page.locator('input[name="slot"]:checked').count()).toBe(1);
    await tabTo(page, 'input[type="text"]');
    await page.keyboard.type('浙E·B5678');
    await tabTo(page, 'button[type="submit"]');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${app.url}/appointments`);
    const reference =
      (await page.getByText(/^预约成功：/).textContent())?.match(/预约号 (\S+?)。/)?.[1] ?? '';
    expect((await platformAppointments()).find((a) => a.reference === reference)?.status).toBe(
      'booked',
    );

    // Cancel it: Tab to its cancel button, Enter, and Enter on the confirmation (focused).
    await tabTo(page, `li.appointment[data-status="booked"] button.button--secondary`);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain(reference);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toBe('确认取消');
    await page.keyboard.press('Enter');
    await page.getByText(`已取消预约 ${reference}，名额已释放。`).waitFor();
    expect((await platformAppointments()).find((a) => a.reference === reference)?.status).toBe(
      'cancelled',
    );
    expect(recorded.violations).toEqual([]);
    expect(recorded.errors).toEqual([]);
  }, 120_000);

  it('fits a phone screen', async () => {
    const { page } = await openPage(390);
    await page.goto(`${app.url}/signin`);
    await page.getByRole('heading', { level: 1, name: '登录' }).waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBe(0);
    await shot(page, 'phone-signin');
  }, 60_000);
});

describe('the backend', () => {
  it('sends the strict CSP, serves the build and the app routes, and keeps to one origin', async () => {
    const response = await fetch(`${app.url}/book`);
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("require-trusted-types-for 'script'");
    expect(csp).not.toContain('unsafe');
    const html = await response.text();
    expect(html).toContain('<div id="root">');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)/);
    expect(html).not.toMatch(/<style|style=/);
    const script = html.match(/src="(\/assets\/[^"]+\.js)"/)?.[1];
    const asset = await fetch(`${app.url}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${app.url}/assets/nothing.js`)).status).toBe(404);
    expect((await fetch(`${app.url}/%2e%2e/server.mjs`)).status).toBe(404);
    expect((await fetch(`${app.url}/`, { method: 'POST' })).status).toBe(405);
    const other = app.url.replace('127.0.0.1', 'localhost');
    const moved = await fetch(`${other}/book?x=1`, { redirect: 'manual' });
    expect(moved.status).toBe(308);
    expect(moved.headers.get('location')).toBe(`${app.url}/book?x=1`);
  });

  it('proxies the API only for a session, and refuses writes without the CSRF header', async () => {
    const list = await fetch(`${app.url}/api/v1/appointments`);
    expect(list.status).toBe(401);
    expect(await list.json()).toMatchObject({ code: 'not_signed_in' });
    const book = await fetch(`${app.url}/api/v1/appointments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(book.status).toBe(403);
    expect(await book.json()).toMatchObject({ code: 'csrf_rejected' });
  });
});
