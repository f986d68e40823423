// 安吉顺达汽车服务 in the browser: the Anji driver signs in on the platform's real pages, books
// through the appointment picker, sees and cancels the booking in 我的预约, signs out; a
// tampered sign-in callback; a session that ends mid-booking; axe on every page; a phone screen.
import type { Page } from '@playwright/test';
import {
  appUrl,
  checkAndShoot,
  errors,
  expect,
  persona,
  platformAppointments,
  sandboxUrl,
  session,
  sessionCookie,
  signInOnPlatform,
  test,
  violations,
} from './fixtures.ts';

const picker = 'zheli-appointment-picker';

/** Chooses the first station, the first day with places and its first open time, by mouse. */
async function chooseSlot(page: Page): Promise<void> {
  await page.locator(`${picker} [part~="site"]`).first().click();
  await page.locator(`${picker} [part~="day"][aria-disabled="false"]`).first().click();
  await page.locator(`${picker} [part~="slot"][aria-disabled="false"]`).first().click();
}

/** The reference in 我的预约's success message. */
async function bookedReference(page: Page): Promise<string> {
  const notice = page.getByText(/^预约成功：/);
  await notice.waitFor();
  return (await notice.textContent())?.match(/预约号 (\S+?)。/)?.[1] ?? '';
}

/** Cancels the appointment `reference` in 我的预约, confirming first. */
async function cancelInApp(page: Page, reference: string): Promise<void> {
  const item = page.locator('li.appointment', { hasText: reference });
  await item.getByRole('button', { name: `取消预约 ${reference}` }).click();
  await item.getByRole('button', { name: '确认取消' }).click();
  await expect(item.locator('.badge')).toHaveText('已取消');
  await page.getByText(`已取消预约 ${reference}，名额已释放。`).waitFor();
}

test('signs the Anji driver in on the real login page, books an inspection, shows it with its ticket, and cancels it', async ({
  page,
  context,
}) => {
  await page.goto(`${appUrl}/`);
  await page.getByRole('heading', { level: 1, name: '年检不用排队，线上约好再来' }).waitFor();
  await checkAndShoot(page, 'home');

  await page.getByRole('link', { name: '登录', exact: true }).click();
  await page.waitForURL(`${sandboxUrl}/interaction/**`);
  await page.goto(`${appUrl}/signin`);
  await page.getByRole('heading', { level: 1, name: '登录' }).waitFor();
  await checkAndShoot(page, 'signin');

  // The platform's own sign-in page: pick the persona, sign in, allow the app.
  await page.getByRole('link', { name: '使用浙里办账号登录' }).click();
  await signInOnPlatform(page);
  await page.waitForURL(`${appUrl}/appointments`);
  expect(await session(context)).toMatchObject({ signedIn: true, user: { sub: persona } });
  // Only an HttpOnly session cookie reached the browser; nothing in the page's storage.
  const cookies = await context.cookies(appUrl);
  expect(cookies.find((cookie) => cookie.name === sessionCookie)).toMatchObject({
    httpOnly: true,
    secure: true,
    sameSite: 'Lax',
  });
  expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0);
  await expect(page.locator('.account__name')).toHaveText(/^已登录：陈\*国$/);
  // (Other tests' cancelled bookings may be listed: the empty list has its own test.)
  await page.getByRole('list', { name: '预约列表' }).or(page.getByText('您还没有预约。')).waitFor();

  // Book: the plate number, then the picker (station, day, time, confirm).
  await page
    .getByRole('navigation', { name: '主导航' })
    .getByRole('link', { name: '预约检验' })
    .click();
  await page.waitForURL(`${appUrl}/book`);
  await page.locator(`${picker} [part~="site"]`).first().waitFor();
  await expect(page.locator(`${picker} [part~="site"]`).first()).toContainText('安吉');
  await checkAndShoot(page, 'book');
  await page.getByLabel('车牌号（选填）').fill('浙E·A1234');
  await chooseSlot(page);
  await page.locator(`${picker} [part~="confirm"]`).waitFor();
  await checkAndShoot(page, 'book-confirm');
  await page.locator(`${picker} [part~="confirm"]`).click();
  await page.waitForURL(`${appUrl}/appointments`);
  const reference = await bookedReference(page);
  expect(reference).not.toBe('');
  const booked = (await platformAppointments()).find((item) => item.reference === reference);
  expect(booked).toMatchObject({ status: 'booked', note: '浙E·A1234' });

  const item = page.locator('li.appointment', { hasText: reference });
  await expect(item.locator('.badge')).toHaveText('已预约');
  await expect(item).toContainText('浙E·A1234');
  await item.getByText('出示预约凭证').click();
  await expect(item.locator('zheli-qr-code svg path').first()).toHaveAttribute('d', /\S/);
  await checkAndShoot(page, 'appointments');

  // Cancel, confirming first.
  await cancelInApp(page, reference);
  expect((await platformAppointments()).find((a) => a.reference === reference)?.status).toBe(
    'cancelled',
  );
  await checkAndShoot(page, 'cancelled');

  // Sign out ends the session here, then goes to the platform's sign-out page.
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.waitForURL(`${sandboxUrl}/**`);
  expect(await session(context)).toEqual({ signedIn: false });
  expect(errors(page)).toEqual([]);
});

test('tells a person without appointments that there are none, and where to book', async ({
  page,
}) => {
  // Another persona of the platform, who has booked nothing.
  await page.goto(`${appUrl}/appointments`);
  await page.getByRole('link', { name: '使用浙里办账号登录' }).click();
  await signInOnPlatform(page, { as: 'p-yuhang-renter' });
  await page.waitForURL(`${appUrl}/appointments`);
  await page.getByText('您还没有预约。').waitFor();
  await expect(page.getByRole('link', { name: '预约机动车检验' })).toHaveAttribute('href', '/book');
  await checkAndShoot(page, 'appointments-empty');
  expect(await violations(page)).toEqual([]);
});

test('refuses a callback whose state was changed: a clear error, and no session', async ({
  page,
  context,
}) => {
  // Start a sign-in in this browser profile and follow the platform's redirects by hand (the
  // persona header signs in without the page), stopping at the callback URL.
  let url = `${appUrl}/auth/login?returnTo=/appointments`;
  let callback: URL | undefined;
  for (let hop = 0; hop < 8 && !callback; hop++) {
    const response = await context.request.get(url, {
      maxRedirects: 0,
      headers: url.includes('/interaction/') ? { 'x-zheli-persona': persona } : {},
    });
    const location = response.headers().location;
    expect(location, `redirect from ${url}`).toBeTruthy();
    url = new URL(location as string, url).href;
    if (url.startsWith(`${appUrl}/auth/callback`)) callback = new URL(url);
  }
  expect(callback?.searchParams.get('code')).toBeTruthy();
  const genuine = callback?.href as string;
  const tampered = new URL(genuine);
  tampered.searchParams.set('state', `${tampered.searchParams.get('state')}x`);

  await page.goto(tampered.href);
  await page.waitForURL(`${appUrl}/signin?error=state_mismatch`);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('登录失败');
  await expect(alert).toContainText('被篡改');
  await expect(alert).toContainText('state_mismatch');
  await checkAndShoot(page, 'signin-error');
  expect(await session(context)).toEqual({ signedIn: false });
  expect((await context.cookies(appUrl)).map((cookie) => cookie.name)).not.toContain(sessionCookie);
  expect(await violations(page)).toEqual([]);
  // The failed callback also ended the sign-in it belonged to: the genuine URL is spent too.
  await page.goto(genuine);
  await page.waitForURL(`${appUrl}/signin?error=state_mismatch`);
  expect(await session(context)).toEqual({ signedIn: false });
  expect(await violations(page)).toEqual([]);
});

test('signs in again from the picker when the session ended mid-booking, and comes back to the same choice', async ({
  page,
  context,
}) => {
  await page.goto(`${appUrl}/book`);
  await page.getByRole('link', { name: '使用浙里办账号登录' }).click();
  await signInOnPlatform(page);
  await page.waitForURL(`${appUrl}/book`);
  await page.locator(`${picker} [part~="site"]`).first().click();
  await page.locator(`${picker} [part~="day"][aria-disabled="false"]`).first().click();
  const slot = page.locator(`${picker} [part~="slot"][aria-disabled="false"]`).first();
  const time = (await slot.locator('.time').textContent()) ?? '';
  // The session ends (expired, or signed out in another tab) before the time is chosen.
  await context.clearCookies({ name: sessionCookie });
  await slot.click();
  // The picker asks the backend who is signed in (nobody) and offers the app's sign-in.
  await page.locator(`${picker} [part~="sign-in"]`).click();
  await signInOnPlatform(page);
  await page.waitForURL(`${appUrl}/book`);
  // Back on the confirm step with the same time, signed in again.
  await expect(page.locator(`${picker} [part~="summary"]`)).toContainText(time);
  expect(await session(context)).toMatchObject({ signedIn: true, user: { sub: persona } });
  await page.locator(`${picker} [part~="confirm"]`).click();
  await page.waitForURL(`${appUrl}/appointments`);
  const reference = await bookedReference(page);
  expect((await platformAppointments()).find((a) => a.reference === reference)?.status).toBe(
    'booked',
  );
  await cancelInApp(page, reference);
  expect(await violations(page)).toEqual([]);
  expect(errors(page)).toEqual([]);
});

test('fits a phone screen, the booking calendar included', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const noSidewaysScroll = async (where: string) =>
    expect(
      await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      ),
      `sideways scroll on ${where}`,
    ).toBe(0);
  for (const path of ['/', '/signin', '/book']) {
    await page.goto(`${appUrl}${path}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await noSidewaysScroll(path);
  }
  await page.goto(`${appUrl}/signin`);
  await page.getByRole('heading', { level: 1, name: '登录' }).waitFor();
  await checkAndShoot(page, 'phone-signin');
  // Signed in: the booking page with the calendar and a day's times open.
  await page.goto(`${appUrl}/book`);
  await page.getByRole('link', { name: '使用浙里办账号登录' }).click();
  await signInOnPlatform(page);
  await page.waitForURL(`${appUrl}/book`);
  await page.locator(`${picker} [part~="site"]`).first().click();
  await page.locator(`${picker} [part~="day"][aria-disabled="false"]`).first().click();
  await page.locator(`${picker} [part~="slot"]`).first().waitFor();
  await noSidewaysScroll('/book with the calendar');
  await checkAndShoot(page, 'phone-book');
});

test('opens in 长辈版 when the platform asks with ?_uiStyle=elder, and keeps 标准版 once chosen', async ({
  page,
}) => {
  await page.goto(`${appUrl}/?_uiStyle=elder`);
  const modeSwitch = page.getByRole('button', { name: '长辈版' });
  await expect(modeSwitch).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('html')).toHaveClass(/\belder\b/);
  expect(
    await page.evaluate(() => Number.parseFloat(getComputedStyle(document.body).fontSize)),
  ).toBeGreaterThanOrEqual(18);
  // Off again: 标准版, kept for the next visit on this device.
  await modeSwitch.click();
  await expect(modeSwitch).toHaveAttribute('aria-pressed', 'false');
  await expect(page.locator('html')).not.toHaveClass(/\belder\b/);
  await page.goto(`${appUrl}/`);
  await expect(page.getByRole('button', { name: '长辈版' })).toHaveAttribute(
    'aria-pressed',
    'false',
  );
  expect(
    await page.evaluate(() => Number.parseFloat(getComputedStyle(document.body).fontSize)),
  ).toBe(16);
  expect(await violations(page)).toEqual([]);
});
