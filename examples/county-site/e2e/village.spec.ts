// The village page of 高家堂村 against the real platform, under the strict CSP: its points
// (信治积分) signed out (the rules and the shop) and signed in as the villager, who redeems a bag of
// rice at the points shop; the redemption code read off the screen verifies offline, as the
// shop's scanner would check it.
import { createClient, verifyCode } from '@zheli/client';
import {
  axeViolations,
  expect,
  readQrCode,
  sandboxUrl,
  screenshot,
  signInAs,
  siteUrl,
  test,
  violations,
} from './fixtures.ts';

const points = 'zheli-points';
const villagePage = `${siteUrl}/villages/gaojiatang`;

test('shows 高家堂村’s rules and points shop with a sign-in prompt to a visitor', async ({
  page,
}) => {
  await page.goto(villagePage);
  await expect(page.locator(`${points} [part~="heading"]`)).toHaveText('高家堂村信治积分');
  await expect(page.locator(`${points} [part~="rules"]`)).toContainText('志愿服务');
  await expect(page.locator(`${points} [part~="rules"]`)).toContainText('+50 分/小时');
  await expect(page.locator(`${points} [part~="shop"]`)).toContainText('大米 5 千克');
  await expect(page.locator(`${points} [part~="message"]`).first()).toContainText('登录后查看');
  expect(await axeViolations(page)).toEqual([]);
  expect(await violations(page)).toEqual([]);
});

test('signs the villager in on the village page, and redeems a bag of rice for a code the shop verifies offline', async ({
  page,
}) => {
  const persona = 'p-gaojiatang-villager';
  await page.goto(villagePage);
  await signInAs(page, persona);
  await page.locator(`${points} [part~="button"]`, { hasText: '登录' }).click();
  await page.waitForURL(`${villagePage}**`);
  const balance = page.locator(`${points} [part~="balance"]`);
  await expect(balance).toContainText('我的积分');
  await expect(balance).toContainText('家庭积分（2 人）');
  await expect(page.locator(`${points} [part~="entry"]`).first()).toBeVisible();
  await expect(page.locator(`${points} [part~="history"]`)).toContainText('登记人：王*芳');
  const before = Number(
    ((await balance.locator('.amount').textContent()) ?? '').replace(/[^\d]/g, ''),
  );

  await page.getByRole('button', { name: '兑换大米 5 千克' }).click();
  await page.getByRole('button', { name: '确认兑换' }).click();
  const code = page.locator(`${points} zheli-qr-code [part~="code"]`);
  await code.waitFor();
  await code.scrollIntoViewIfNeeded();
  await expect(page.locator(`${points} [part~="redemption"]`)).toContainText(
    `剩余积分：${(before - 50).toLocaleString('zh-CN')} 分`,
  );
  const token = await readQrCode(code);
  const client = createClient({ baseUrl: sandboxUrl });
  const result = await verifyCode(token, {
    jwks: await client.codes.keys(),
    issuer: sandboxUrl,
    kind: 'redemption',
  });
  expect(result).toMatchObject({
    valid: true,
    claims: { sub: persona, kind: 'redemption', reward: 'rwd-rice-5kg', quantity: 1, points: 50 },
  });
  expect(await axeViolations(page)).toEqual([]);
  await screenshot(page, 'county-site-village-points');
  expect(await violations(page)).toEqual([]);
});
