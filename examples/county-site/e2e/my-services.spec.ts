// 我的服务 against the real platform, under the strict CSP: the Anji car owner signs in and sees
// what the platform recommends, each with its reason; dismisses one with a reason and undoes it;
// snoozes another for a week; then withdraws the use of a data category and is told which recommendations it hid. A sandbox
// of the spec's own, on a fixed day (what is recommended depends on it), so revoking a consent
// leaves the shared one as it was.
import type { Page } from '@playwright/test';
import {
  axeViolations,
  expect,
  type OwnPlatform,
  screenshot,
  signInAs,
  startOwnPlatform,
  test,
  violations,
} from './fixtures.ts';

const recommendations = 'zheli-recommendations';
let platform: OwnPlatform;

test.beforeAll(async () => {
  platform = await startOwnPlatform(new Date('2026-11-20T02:00:00Z'));
});
test.afterAll(async () => {
  await platform?.stop();
});

/** Opens 我的服务 from the portal's navigation and signs `persona` in there. */
async function signInOnMyServices(page: Page, persona: string): Promise<void> {
  await page.goto(`${platform.siteUrl}/`);
  await page
    .getByRole('navigation', { name: '主导航' })
    .getByRole('link', { name: '我的服务' })
    .click();
  await page.waitForURL(`${platform.siteUrl}/my/services`);
  await expect(
    page.locator(`${recommendations} [part~="message"]`, { hasText: '登录后查看' }),
  ).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await signInAs(page, persona);
  await page.locator('zheli-login-button [part~="button"]').click();
  await page.waitForURL(`${platform.siteUrl}/my/services**`);
}

test('recommends to the car owner with reasons; a dismissal with a reason is undone, and a withdrawn consent says what it hid', async ({
  page,
}) => {
  await signInOnMyServices(page, 'p-anji-driver');
  const element = page.locator(recommendations);
  const items = element.locator('[part~="item"]');
  await items.first().waitFor();
  const count = await items.count();
  // Each recommendation says why, in words, and what data it read.
  const inspection = items.filter({ hasText: '检验到期' }).first();
  await expect(inspection.locator('[part~="reason"]')).toContainText('推荐理由');
  await expect(inspection.locator('[part~="uses"]')).toContainText('车辆与驾驶证');
  expect(await axeViolations(page)).toEqual([]);

  // Not interested, because it is done already: hidden, then undone; the platform kept both.
  const title = (await inspection.locator('[part~="title"]').textContent()) ?? '';
  await inspection.locator('[part~="action"]', { hasText: '不感兴趣' }).click();
  await element.locator('[part~="choice"]', { hasText: '已经办过了' }).click();
  await expect(element.locator('[part~="notice"]')).toContainText('已隐藏');
  await expect(items).toHaveCount(count - 1);
  await expect(element.locator('[part~="title"]', { hasText: title })).toHaveCount(0);
  await element.locator('[part~="undo"]').click();
  await expect(element.locator('[part~="notice"]')).toContainText('已恢复');
  await expect(items).toHaveCount(count);
  // A fresh page (the session is kept in memory only: signed in once more) lists it again.
  await page.reload();
  await page.locator('zheli-login-button [part~="button"]').click();
  await page.waitForURL(/\/my\/services\?code=/);
  await expect(element.locator('[part~="title"]', { hasText: title })).toHaveCount(1);
  await expect(items).toHaveCount(count);

  // Later, in 7 days on the platform's clock (20 November on the sandbox's): hidden until then.
  const renewal = items.filter({ hasText: '驾驶证' }).first();
  await renewal.locator('[part~="action"]', { hasText: '稍后提醒' }).click();
  await element.locator('[part~="choice"]', { hasText: '7天后' }).click();
  await expect(element.locator('[part~="notice"]')).toContainText('将于2026年11月27日再次提醒');
  await expect(items).toHaveCount(count - 1);

  // The data consents: withdrawing 车辆与驾驶证 hides what read it, and says so.
  await element.locator('[part~="consents-toggle"]').click();
  const consent = element.locator('[part~="consent"]', { hasText: '车辆与驾驶证' });
  await expect(consent).toContainText('机动车检验提醒');
  const toggle = consent.locator('[part~="switch"]');
  await expect(toggle).toHaveAttribute('aria-checked', 'true');
  expect(await axeViolations(page)).toEqual([]);
  await toggle.click();
  await expect(element.locator('[part~="withheld"]')).toContainText(
    '您已撤回「车辆与驾驶证」的使用授权',
  );
  await expect(toggle).toHaveAttribute('aria-checked', 'false');
  await expect(element.locator('[part~="uses"]', { hasText: '车辆与驾驶证' })).toHaveCount(0);
  expect(await axeViolations(page)).toEqual([]);
  await screenshot(page, 'county-site-my-services');
  expect(await violations(page)).toEqual([]);
});
