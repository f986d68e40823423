// A newcomer's path in the partner app, as the Anji driver takes it: from the company's home,
// sign in with the platform's account, book a vehicle inspection through the appointment
// picker, and leave with the ticket's QR code, read off the screen and verified offline against
// the platform's keys. By mouse and by keyboard alone; under the strict CSP with no violation,
// and with no layout shift on any page load.
import {
  appUrl,
  axeViolations,
  bookedReference,
  checkAndShoot,
  chooseSlotByKeyboard,
  errors,
  expect,
  expectCleanDocument,
  expectTicketVerifies,
  focusPath,
  platformAppointments,
  screenshot,
  signInOnPlatform,
  smallestText,
  tabTo,
  tabUntil,
  test,
} from './fixtures.ts';

const picker = 'zheli-appointment-picker';

for (const mode of ['standard', 'elder'] as const) {
  test(`books a vehicle inspection from the home page, signing in on the way, by mouse (${mode === 'elder' ? '长辈版' : '标准版'})`, async ({
    page,
  }) => {
    await page.goto(`${appUrl}/`);
    const modeSwitch = page.getByRole('button', { name: '长辈版' });
    await expect(modeSwitch).toHaveAttribute('aria-pressed', 'false');
    if (mode === 'elder') {
      await modeSwitch.click();
      await expect(modeSwitch).toHaveAttribute('aria-pressed', 'true');
      await expect(page.locator('html')).toHaveClass(/\belder\b/);
    }
    await page.getByRole('link', { name: '用浙里办账号登录并预约' }).click();
    await signInOnPlatform(page);
    // Back from the platform: a fresh page load of the booking page, with the picker.
    await page.waitForURL(`${appUrl}/book`);
    await expect(page.locator(`${picker} [part~="site"]`).first()).toContainText('安吉');
    await expectCleanDocument(page);
    if (mode === 'elder') {
      // The choice outlived the trip to the platform's sign-in (a fresh page load).
      await expect(page.locator('html')).toHaveClass(/\belder\b/);
      await expect(page.getByRole('button', { name: '长辈版' })).toHaveAttribute(
        'aria-pressed',
        'true',
      );
      expect(await axeViolations(page), 'axe on the booking page in elder mode').toEqual([]);
    }
    await page.getByLabel('车牌号（选填）').fill('浙E·N2026');
    await page.locator(`${picker} [part~="site"]`).first().click();
    await page.locator(`${picker} [part~="day"][aria-disabled="false"]`).first().click();
    const slot = page.locator(`${picker} [part~="slot"][aria-disabled="false"]`).first();
    const time = (await slot.locator('.time').textContent()) ?? '';
    const slotHeight = await slot.evaluate((element) => element.getBoundingClientRect().height);
    await slot.click();
    await expect(page.locator(`${picker} [part~="summary"]`)).toContainText(time);
    const confirm = page.locator(`${picker} [part~="confirm"]`);
    if (mode === 'elder') {
      expect(slotHeight).toBeGreaterThanOrEqual(48);
      const box = await confirm.evaluate((element) => element.getBoundingClientRect().toJSON());
      expect(box.height).toBeGreaterThanOrEqual(48);
      expect(box.width).toBeGreaterThanOrEqual(48);
      const smallest = await smallestText(page);
      expect(smallest.size, `the smallest text: ${smallest.text}`).toBeGreaterThanOrEqual(18);
      expect(await axeViolations(page), 'axe on the confirm step in elder mode').toEqual([]);
      await screenshot(page, 'newcomer-elder-book');
    }
    await confirm.click();
    // 我的预约, with the success message and the new appointment's ticket.
    await page.waitForURL(`${appUrl}/appointments`);
    const reference = await bookedReference(page);
    const item = page.locator('li.appointment', { hasText: reference });
    await expect(item).toContainText('浙E·N2026');
    await item.getByText('出示预约凭证').click();
    await expectTicketVerifies(page, reference);
    await checkAndShoot(page, mode === 'elder' ? 'newcomer-elder' : 'newcomer-mouse');
    await expectCleanDocument(page);

    // 我的预约 loaded afresh (a reload, as from a bookmark) does not move either.
    await page.reload();
    await expect(
      page.locator('li.appointment', { hasText: reference }).locator('.badge'),
    ).toHaveText('已预约');
    await expectCleanDocument(page);
    await item.getByRole('button', { name: `取消预约 ${reference}` }).click();
    await item.getByRole('button', { name: '确认取消' }).click();
    await page.getByText(`已取消预约 ${reference}，名额已释放。`).waitFor();
    expect(errors(page)).toEqual([]);
  });
}

test('books a vehicle inspection and cancels it with the keyboard alone, sign-in included', async ({
  page,
}) => {
  await page.goto(`${appUrl}/`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await expectCleanDocument(page);
  await tabUntil(page, 'a[href^="/auth/login?returnTo=%2Fbook"]');
  await page.keyboard.press('Enter');
  await signInOnPlatform(page, { keyboard: true });
  await page.waitForURL(`${appUrl}/book`);
  await page.locator(`${picker} [part~="site"]`).first().waitFor();
  await expectCleanDocument(page);

  // The plate number, then the picker: the first station, a day with places (arrow keys in
  // the calendar grid), its first open time, confirm.
  await chooseSlotByKeyboard(page, '浙E·B5678');
  await tabTo(page, /^zheli-appointment-picker > button\[button confirm\]/, { limit: 5 });
  await page.keyboard.press('Enter');
  await page.waitForURL(`${appUrl}/appointments`);
  const reference = await bookedReference(page);
  // Focus starts from the page's heading, not lost on the body.
  await expect.poll(() => focusPath(page)).toBe('h1');

  // The ticket: Tab to its 出示预约凭证 and open it with Enter.
  await tabUntil(page, 'li.appointment[data-status="booked"] summary');
  await page.keyboard.press('Enter');
  await expectTicketVerifies(page, reference);
  const item = page.locator('li.appointment', { hasText: reference });
  await expect(item).toContainText('浙E·B5678');
  await checkAndShoot(page, 'newcomer-keyboard');

  // Cancel it: Tab to its cancel button, Enter, and Enter on the confirmation (focused).
  await tabUntil(page, 'li.appointment[data-status="booked"] button.button--secondary');
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
  await expectCleanDocument(page);
  expect(errors(page)).toEqual([]);
});
