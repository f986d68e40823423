// A newcomer's path on the county site, as a citizen takes it: find the vehicle inspection
// service, open it, choose a station, a day and a time, sign in with the platform's account on
// the way, book, and leave with the ticket's QR code. By mouse, by keyboard alone, and in elder
// mode; under the strict CSP, and with no layout shift as each page loads (the county page, and
// the same page again on the way back from sign-in).
import type { Page } from '@playwright/test';
import { createClient, verifyCode } from '@zheli/client';
import {
  cancelAnjiBookings,
  cumulativeLayoutShift,
  expect,
  focusPath,
  layoutShifts,
  readQrCode,
  sandboxUrl,
  screenshot,
  signInAs,
  siteUrl,
  tabTo,
  test,
  violations,
} from './fixtures.ts';

const picker = 'zheli-appointment-picker';
const persona = 'p-anji-driver';

/** The ticket's QR code read off the screen verifies offline as this person's appointment. */
async function expectTicketVerifies(page: Page): Promise<void> {
  const code = page.locator(`${picker} zheli-qr-code [part~="code"]`);
  await code.waitFor();
  await code.scrollIntoViewIfNeeded();
  const token = await readQrCode(code);
  const client = createClient({ baseUrl: sandboxUrl });
  const result = await verifyCode(token, {
    jwks: () => client.codes.keys(),
    issuer: sandboxUrl,
    kind: 'appointment',
  });
  expect(result.valid).toBe(true);
  if (result.valid) expect(result.claims.sub).toBe(persona);
  const appointment = await page
    .locator(picker)
    .evaluate((element) => (element as unknown as { appointment?: { id: string } }).appointment);
  if (result.valid) expect(result.claims.ref).toBe(appointment?.id);
}

test.afterEach(cancelAnjiBookings);

/** The page has loaded its elements without moving anything: CLS 0 so far. */
async function expectNoLayoutShift(page: Page): Promise<void> {
  expect(await cumulativeLayoutShift(page), (await layoutShifts(page)).join('\n')).toBe(0);
}

/** Cancels the booking through the ticket's own button, as the person would. */
async function cancel(page: Page): Promise<void> {
  await page.locator(`${picker} [part~="cancel"]`).click();
  await page.locator(`${picker} [part~="cancel-yes"]`).click();
  await expect(page.locator(`${picker} [part~="message"]`)).toContainText('预约已取消');
}

for (const mode of ['standard', 'elder'] as const) {
  test(`books a vehicle inspection from a search, signing in on the way, by mouse (${mode})`, async ({
    page,
  }) => {
    await page.goto(mode === 'elder' ? `${siteUrl}/?_uiStyle=elder` : siteUrl);
    await page.locator(`${picker} [part~="site"]`).first().waitFor();
    await expectNoLayoutShift(page);
    // Find the service.
    const search = page.locator('zheli-service-catalog [part~="search"]');
    await search.fill('机动车检验');
    await expect(
      page
        .locator('zheli-service-catalog [part~="item"] zheli-service-card [part~="name"]')
        .first(),
    ).toContainText('机动车检验');
    // Open it: the portal's own section for the service, with its booking.
    await page
      .getByRole('navigation', { name: '主导航' })
      .getByRole('link', { name: '机动车检验' })
      .click();
    await expect(page).toHaveURL(/#inspection$/);
    // Choose a station, a day with places, and a time.
    await page.locator(`${picker} [part~="site"]`).first().click();
    await page.locator(`${picker} [part~="day"][aria-disabled="false"]`).first().click();
    const slot = page.locator(`${picker} [part~="slot"][aria-disabled="false"]`).first();
    const time = (await slot.locator('.time').textContent()) ?? '';
    await slot.click();
    // Signed out: sign in with the platform's account, and come back to the same step.
    await signInAs(page, persona);
    await page.locator(`${picker} [part~="sign-in"]`).click();
    await page.waitForURL(`${siteUrl}/callback**`);
    await expect(page.locator(`${picker} [part~="summary"]`)).toContainText(time);
    await expect(page.locator('zheli-login-button [part~="name"]')).toBeVisible();
    await expectNoLayoutShift(page);
    if (mode === 'elder') {
      await expect(page.locator('html')).toHaveClass(/\belder\b/);
      const height = await page
        .locator(`${picker} [part~="confirm"]`)
        .evaluate((element) => element.getBoundingClientRect().height);
      expect(height).toBeGreaterThanOrEqual(48);
    }
    await page.locator(`${picker} [part~="confirm"]`).click();
    // The ticket, and its QR code that the inspection station will scan.
    await expect(page.locator(`${picker} [part~="ticket"]`)).toBeVisible();
    await expect(page.locator(`${picker} [part~="summary"]`)).toContainText(time);
    await expectTicketVerifies(page);
    await screenshot(page, `county-site-newcomer-${mode}`);
    expect(await violations(page)).toEqual([]);
    await cancel(page);
  });
}

test('books a vehicle inspection with the keyboard alone', async ({ page }) => {
  await page.goto(siteUrl);
  // Find the service: Tab to the catalog's search and type.
  await tabTo(page, /zheli-service-catalog > input\[search\]/);
  await page.keyboard.type('机动车检验');
  await expect(
    page.locator('zheli-service-catalog [part~="item"] zheli-service-card [part~="name"]').first(),
  ).toContainText('机动车检验');
  // Open the service: back to the main navigation's 机动车检验, which leads to its section.
  await tabTo(page, /^a\(机动车检验\)$/, { backwards: true });
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#inspection$/);
  // From there, Tab goes on through the service's card to its booking: the first station, once
  // the platform's stations have loaded (a person waits for them to show).
  await page.locator('zheli-appointment-picker [part~="site"]').first().waitFor();
  await tabTo(page, /zheli-appointment-picker > button\[site\]/, { limit: 10 });
  await page.keyboard.press('Enter');
  // The calendar: Tab into the grid, move to a day with places, choose it.
  await tabTo(page, /zheli-appointment-picker > [a-z]+\[day\]/);
  for (let i = 0; i < 62; i++) {
    const open = await page.evaluate(() => {
      const root = document.querySelector('zheli-appointment-picker')?.shadowRoot;
      return root?.activeElement?.getAttribute('aria-disabled') === 'false';
    });
    if (open) break;
    await page.keyboard.press('ArrowRight');
  }
  await page.keyboard.press('Enter');
  // The first time with places.
  await tabTo(page, /zheli-appointment-picker > button\[slot\]/);
  while (
    await page.evaluate(
      () =>
        document
          .querySelector('zheli-appointment-picker')
          ?.shadowRoot?.activeElement?.getAttribute('aria-disabled') === 'true',
    )
  ) {
    await tabTo(page, /zheli-appointment-picker > button\[slot\]/);
  }
  await page.keyboard.press('Enter');
  // Sign in on the way: the sign-in button, then back on the same step.
  await signInAs(page, persona);
  await tabTo(page, /zheli-appointment-picker > button\[button sign-in\]/);
  await page.keyboard.press('Enter');
  await page.waitForURL(`${siteUrl}/callback**`);
  await page.locator(`${picker} [part~="confirm"]`).waitFor();
  // Back from the platform, focus is on the step the person left, so Tab goes on from there.
  await expect.poll(() => focusPath(page)).toMatch(/^zheli-appointment-picker > h2/);
  await tabTo(page, /zheli-appointment-picker > button\[button confirm\]/, { limit: 5 });
  await page.keyboard.press('Enter');
  await expect(page.locator(`${picker} [part~="ticket"]`)).toBeVisible();
  // Focus moved with the person: it is on the ticket, not lost on the page.
  expect(await focusPath(page)).toMatch(/^zheli-appointment-picker > /);
  await expectTicketVerifies(page);
  await screenshot(page, 'county-site-newcomer-keyboard');
  expect(await violations(page)).toEqual([]);
  await cancel(page);
});
