// 长辈版 (elder mode) along the newcomer's path: switched on, signed in on the platform, a vehicle
// inspection booked in the appointment picker, the ticket's QR code read off the screen. By
// keyboard alone, with a visible focus ring at every stop and elder sizes on every control
// passed; and by touch on a phone (375 and 360 px), with no sideways scroll on any page. On every
// page of the app: axe, no layout shift as it loads, and its own text at 7:1 (the elements' elder
// tokens hold their own to 7:1 in their tests).
import type { Locator, Page } from '@playwright/test';
import {
  appUrl,
  axeViolations,
  bookedReference,
  chooseSlotByKeyboard,
  errors,
  expect,
  expectCleanDocument,
  expectTicketVerifies,
  focusIndicator,
  focusPath,
  screenshot,
  signInOnPlatform,
  smallestText,
  tabTo,
  tabUntil,
  test,
  textContrast,
} from './fixtures.ts';

const picker = 'zheli-appointment-picker';

/** WCAG 1.4.6 (AAA), what elder mode promises for text: 7:1. */
const elderContrast = 7;

/**
 * The focused control shows where focus is: a ring of at least 2 px at 3:1 or more against what
 * surrounds it (WCAG 2.4.7, and 2.4.13's thickness and contrast). A heading focused by script
 * (not a Tab stop, `tabindex="-1"`) is left out. With `elder`, the control also has 长辈版's
 * sizes: text at least 18 px, a target at least 48 px each way. Returns the stop as a line.
 */
async function expectVisibleFocus(page: Page, { elder = true } = {}): Promise<string> {
  const focus = await focusIndicator(page);
  const line = `${focus.path}: ${focus.description}, ${focus.contrast.toFixed(2)}:1`;
  if (!focus.tabStop) return `${focus.path}: not a Tab stop`;
  expect(focus.width, `the focus ring of ${line}`).toBeGreaterThanOrEqual(2);
  expect(focus.contrast, `the focus ring's contrast, ${line}`).toBeGreaterThanOrEqual(3);
  if (!elder) return line;
  const control = await page.evaluate(() => {
    let focused = document.activeElement;
    while (focused?.shadowRoot?.activeElement) focused = focused.shadowRoot.activeElement;
    if (!focused) return { width: 0, height: 0, fontSize: 0 };
    const { width, height } = focused.getBoundingClientRect();
    return { width, height, fontSize: Number.parseFloat(getComputedStyle(focused).fontSize) };
  });
  const size = `${line}, ${control.fontSize} px text, ${Math.round(control.width)}×${Math.round(control.height)} px`;
  expect(control.fontSize, `the text of ${size}`).toBeGreaterThanOrEqual(18);
  expect(control.height, `the height of ${size}`).toBeGreaterThanOrEqual(48);
  expect(control.width, `the width of ${size}`).toBeGreaterThanOrEqual(48);
  return size;
}

/**
 * A page of the app in 长辈版, as it stands: axe finds nothing, its own text reaches 7:1, no text
 * below 18 px (the elements' included). Returns how many texts were measured and the lowest
 * ratio, as a line.
 */
async function expectElderPage(page: Page, name: string): Promise<string> {
  await expect(page.locator('html')).toHaveClass(/\belder\b/);
  expect(await axeViolations(page), `axe on ${name}`).toEqual([]);
  const contrast = await textContrast(page, elderContrast);
  expect(contrast.below, `the app's own text below 7:1 on ${name}`).toEqual([]);
  const smallest = await smallestText(page);
  expect(smallest.size, `the smallest text on ${name}: ${smallest.text}`).toBeGreaterThanOrEqual(
    18,
  );
  return `${name}: ${contrast.checked} texts, lowest ${contrast.lowest.toFixed(2)}:1`;
}

test('books a vehicle inspection in 长辈版 with the keyboard alone, focus visible at every stop', async ({
  page,
}) => {
  const stops: string[] = [];
  const pages: string[] = [];
  const check = async () => {
    stops.push(await expectVisibleFocus(page));
  };
  await page.goto(`${appUrl}/`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await expectCleanDocument(page);

  // 长辈版 on with the keyboard: Tab to the switch (标准版's sizes until then), Enter.
  await tabUntil(page, '.mode-switch', 20, async () => {
    stops.push(await expectVisibleFocus(page, { elder: false }));
  });
  await page.keyboard.press('Enter');
  const modeSwitch = page.getByRole('button', { name: '长辈版' });
  await expect(modeSwitch).toHaveAttribute('aria-pressed', 'true');
  await check();
  pages.push(await expectElderPage(page, 'the home page'));

  // The home page's booking link, then the platform's sign-in and consent pages (focus only:
  // they are the platform's, not the app's).
  await tabUntil(page, 'a[href^="/auth/login?returnTo=%2Fbook"]', 10, check);
  await page.keyboard.press('Enter');
  await signInOnPlatform(page, {
    keyboard: true,
    step: async () => {
      stops.push(await expectVisibleFocus(page, { elder: false }));
    },
  });
  await page.waitForURL(`${appUrl}/book`);
  await page.locator(`${picker} [part~="site"]`).first().waitFor();
  await expectCleanDocument(page);
  // 长辈版 outlived the trip to the platform (a fresh page load).
  pages.push(await expectElderPage(page, 'the booking page'));

  // The service chosen from the home page, as a returning customer would: 首页 in the masthead,
  // then the platform's service card and its 预约, past the masthead and the card's 在线办理.
  await tabUntil(page, 'nav a[href="/"]', 10, check);
  await page.keyboard.press('Enter');
  await page.waitForURL(`${appUrl}/`);
  const book = page.locator('zheli-service-card [part~="book"]');
  await book.waitFor();
  pages.push(await expectElderPage(page, 'the home page, signed in'));
  await tabTo(page, /^zheli-service-card > a\[book\]/, { limit: 20, each: check });
  await page.keyboard.press('Enter');
  await page.waitForURL(`${appUrl}/book`);
  await expect.poll(() => focusPath(page)).toBe('h1');

  // The plate number, then the picker: the first station, a day with places (arrow keys in the
  // calendar grid), its first open time, confirm.
  await chooseSlotByKeyboard(page, '浙E·L2026', { limit: 5, each: check });
  await tabTo(page, /^zheli-appointment-picker > button\[button confirm\]/, {
    limit: 5,
    each: check,
  });
  pages.push(await expectElderPage(page, 'the booking page at 确认预约'));
  await screenshot(page, 'elder-keyboard-book');
  await page.keyboard.press('Enter');

  // 我的预约: focus on its heading; Tab to the new ticket and open it with Enter.
  await page.waitForURL(`${appUrl}/appointments`);
  const reference = await bookedReference(page);
  await expect.poll(() => focusPath(page)).toBe('h1');
  // The list answers after the first paint (the phone's network above): Tab only once it is
  // there, or focus passes its place before the tickets are in it.
  await page.locator('li.appointment[data-status="booked"] summary').first().waitFor();
  await tabUntil(page, 'li.appointment[data-status="booked"] summary', 10, check);
  await page.keyboard.press('Enter');
  await check();
  await expectTicketVerifies(page, reference);
  await expect(page.locator('li.appointment', { hasText: reference })).toContainText('浙E·L2026');
  pages.push(await expectElderPage(page, '我的预约 with the ticket'));
  await screenshot(page, 'elder-keyboard-ticket');
  await expectCleanDocument(page);
  expect(errors(page)).toEqual([]);
  test
    .info()
    .annotations.push(
      { type: 'focus stops', description: `${stops.length}\n${stops.join('\n')}` },
      { type: 'pages', description: pages.join('\n') },
    );
});

// A common phone, and the narrowest common Android width.
for (const viewport of [
  { width: 375, height: 812 },
  { width: 360, height: 780 },
]) {
  const shot = viewport.width === 375 ? 'elder-phone' : `elder-phone-${viewport.width}`;

  test.describe(`on a ${viewport.width} px phone`, () => {
    test.use({ viewport, hasTouch: true, isMobile: true });

    test('books a vehicle inspection in 长辈版 by touch, every page within the screen and still', async ({
      page,
    }) => {
      const pages: string[] = [];
      /** This page is no wider than the screen, its load moved nothing, and axe finds nothing. */
      const fits = async (name: string) => {
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(width, `the width of ${name}`).toBeLessThanOrEqual(viewport.width);
        expect(await axeViolations(page), `axe on ${name}`).toEqual([]);
        await expectCleanDocument(page);
        pages.push(`${name}: ${width} px wide`);
      };
      // A phone's network: the session and everything the app reads answer after the first
      // paint, so what they fill in (登录 or the name and 退出登录, the stations, the days, the
      // list of appointments) must move nothing already on screen.
      const slow = (url: URL) =>
        url.pathname === '/auth/session' || url.pathname.startsWith('/api/');
      await page.route(slow, async (route) => {
        if (route.request().method() === 'GET') {
          await new Promise((resolve) => setTimeout(resolve, 400));
        }
        await route.continue();
      });
      const targets: string[] = [];
      /** Taps a control of the app in 长辈版, a target at least 48 px each way. */
      const tap = async (control: Locator, name: string) => {
        const box = await control.boundingBox();
        const size = `${name}: ${Math.round(box?.width ?? 0)}×${Math.round(box?.height ?? 0)} px`;
        expect(box?.width, size).toBeGreaterThanOrEqual(48);
        expect(box?.height, size).toBeGreaterThanOrEqual(48);
        targets.push(size);
        await control.tap();
      };
      await page.goto(`${appUrl}/`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await expectCleanDocument(page);
      const modeSwitch = page.getByRole('button', { name: '长辈版' });
      await modeSwitch.tap();
      await expect(modeSwitch).toHaveAttribute('aria-pressed', 'true');
      await fits('the home page');
      pages.push(await expectElderPage(page, 'the home page'));
      await screenshot(page, `${shot}-home`);

      await tap(
        page.getByRole('link', { name: '用浙里办账号登录并预约' }),
        '用浙里办账号登录并预约',
      );
      await signInOnPlatform(page, {
        touch: true,
        step: () => fits(`the platform's ${new URL(page.url()).pathname}`),
      });
      await page.waitForURL(`${appUrl}/book`);
      await page.locator(`${picker} [part~="site"]`).first().waitFor();
      await fits('the booking page');

      await tap(page.getByLabel('车牌号（选填）'), 'the plate number');
      await page.keyboard.type('浙E·P2026');
      await tap(page.locator(`${picker} [part~="site"]`).first(), 'a station');
      await tap(page.locator(`${picker} [part~="day"][aria-disabled="false"]`).first(), 'a day');
      const slot = page.locator(`${picker} [part~="slot"][aria-disabled="false"]`).first();
      const time = (await slot.locator('.time').textContent()) ?? '';
      await screenshot(page, `${shot}-calendar`);
      await tap(slot, 'a time');
      await expect(page.locator(`${picker} [part~="summary"]`)).toContainText(time);
      await fits('the booking page at 确认预约');
      pages.push(await expectElderPage(page, 'the booking page at 确认预约'));
      await screenshot(page, `${shot}-book`);
      await tap(page.locator(`${picker} [part~="confirm"]`), '确认预约');

      // 我的预约 from its first frame at its top, as a page the browser loads (not where 确认预约
      // was scrolled to, with the footer in view for its list to push down).
      const scrolled = await page.waitForFunction(
        () => (location.pathname === '/appointments' ? { top: window.scrollY } : false),
        undefined,
        { polling: 'raf' },
      );
      expect(await scrolled.jsonValue()).toEqual({ top: 0 });
      const reference = await bookedReference(page);
      const item = page.locator('li.appointment', { hasText: reference });
      await tap(item.getByText('出示预约凭证'), '出示预约凭证');
      await expectTicketVerifies(page, reference);
      await expect(item).toContainText('浙E·P2026');
      await fits('我的预约 with the ticket');
      pages.push(await expectElderPage(page, '我的预约 with the ticket'));
      await screenshot(page, `${shot}-ticket`);
      expect(errors(page)).toEqual([]);
      test
        .info()
        .annotations.push(
          { type: 'pages', description: pages.join('\n') },
          { type: 'targets', description: targets.join('\n') },
        );
    });
  });
}
