// 新生儿出生一件事 on the county site against the real platform, under the strict CSP: a new mother
// opens the bundle from the navigation and signs in; the materials of its six services are merged
// (出生医学证明, which four of them need, asked once) and her marriage certificate on file is shown
// masked; she fills the form the platform's schema generates, saves a draft, comes back on a fresh
// page and resumes it, submits (a double click makes one application), and as the sandbox's clock
// moves each department's progress reaches 办结, and the evaluation appears. A sandbox of the
// spec's own, on a clock the test moves.
import type { Page, Request } from '@playwright/test';
import { createClient } from '@zheli/client';
import { applications } from '@zheli/client/applications';
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

const persona = 'p-linan-newborn';
/**
 * A fixed day on the sandbox's clock, which the test moves on by days. The sign-in's tokens are
 * stamped and checked on the identity provider's clock (the process clock), so the spec passes on
 * any machine date, before or after this one.
 */
const start = new Date('2026-11-23T02:00:00Z');
const later = (hours: number) => new Date(start.getTime() + hours * 3_600_000);
let platform: OwnPlatform;

test.beforeAll(async () => {
  platform = await startOwnPlatform(start);
});
test.afterAll(async () => {
  await platform?.stop();
});

/** Signs in with the page's login button (the session is kept in memory: once per page load). */
async function signIn(page: Page): Promise<void> {
  await page.locator('zheli-login-button [part~="button"]').click();
  await page.waitForURL(/\/matters\/birth\?code=/);
}

test('applies for 新生儿出生一件事: merged materials, masked documents, a resumed draft, one submission, progress to 办结, evaluation', async ({
  page,
}) => {
  await page.goto(`${platform.siteUrl}/`);
  await page
    .getByRole('navigation', { name: '主导航' })
    .getByRole('link', { name: '一件事' })
    .click();
  await page.waitForURL(`${platform.siteUrl}/matters/birth`);
  const matter = page.locator('zheli-matter');
  // Signed out: the guide, and a prompt to sign in.
  await expect(matter.locator('[part~="heading"]')).toContainText('新生儿出生一件事');
  await expect(matter.locator('[part~="message"]')).toContainText('登录后即可在线申请');
  await expect(matter.locator('[part~="steps"] [part~="step"]')).toHaveCount(6);
  expect(await axeViolations(page)).toEqual([]);

  await signInAs(page, persona);
  await signIn(page);
  await matter.locator('[part~="material"]').first().waitFor();
  // Six services; 出生医学证明 is needed by four of them and asked once.
  const materials = await matter.locator('[part~="material"]').allTextContents();
  expect(materials.filter((text) => text.includes('出生医学证明'))).toHaveLength(1);
  expect(materials.find((text) => text.includes('出生医学证明'))).toContain('4 个事项共用');
  // Her marriage certificate is on file: not asked for, shown masked.
  const marriage = materials.find((text) => text.includes('结婚证')) ?? '';
  expect(marriage).toContain('已有电子证照');
  expect(marriage).toMatch(/周\*燕 · J33\*+\d{4}/);
  expect(await axeViolations(page)).toEqual([]);

  // The one material she provides herself, then the generated form.
  await matter.locator('[data-key="recent-id-photo"] input').check();
  await matter.getByRole('button', { name: '下一步' }).click();
  await matter.locator('#field-newbornName').waitFor();
  await matter.getByRole('button', { name: '下一步' }).click();
  await expect(matter.locator('[part~="note"]')).toContainText('请先修正标出的信息');
  await expect(matter.locator('#field-newbornName')).toHaveAttribute('aria-invalid', 'true');
  expect(await axeViolations(page)).toEqual([]);
  await matter.locator('#field-newbornName').fill('吴语桐');
  await matter.locator('#field-newbornGender').selectOption('female');
  await matter.locator('#field-newbornBirthDate').fill('2026-10-20');
  await matter.getByRole('button', { name: '保存草稿' }).click();
  await expect(matter.locator('[part~="note"]')).toContainText('草稿已保存');

  // A fresh page: signed in again, the draft comes back from the platform at the form.
  await page.reload();
  await signIn(page);
  await expect(matter.locator('[part~="note"]')).toContainText('已恢复');
  await expect(matter.locator('#field-newbornName')).toHaveValue('吴语桐');
  await expect(matter.locator('#field-newbornBirthDate')).toHaveValue('2026-10-20');
  await matter.locator('#field-birthHospital').fill('安吉县人民医院');
  await matter.locator('#field-hukouWith').selectOption('mother');
  await matter.locator('#field-applicantPhone').fill('13800000008');
  await matter.locator('#field-cardDeliveryAddress').fill('湖州市安吉县递铺街道天目路1号');
  await matter.locator('#field-bankAccount').fill('6222021202041234567');
  await matter.getByRole('button', { name: '下一步' }).click();
  await matter.locator('[part~="review"]').waitFor();
  expect(await axeViolations(page)).toEqual([]);

  // A double click on submit: one POST, one application.
  const submissions: Request[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && /\/v1\/me\/bundle-applications$/.test(request.url()))
      submissions.push(request);
  });
  await matter.getByRole('button', { name: '提交申请' }).dblclick();
  await matter.locator('[part~="progress"]').waitFor();
  await expect(matter.locator('[part~="status"]')).toHaveCount(6);
  for (const status of await matter.locator('[part~="status"]').allTextContents())
    expect(status).toContain('已受理');
  expect(submissions).toHaveLength(1);
  const token = await platform.token(persona, ['openid', 'applications']);
  const mine = await applications(
    createClient({ baseUrl: platform.sandboxUrl, getAccessToken: async () => token }),
  ).list({ bundle: 'bnd-birth' });
  expect(mine.items).toHaveLength(1);
  expect(await axeViolations(page)).toEqual([]);

  // The departments handle it on the sandbox's clock: a day on, the quick steps are 办结.
  platform.setClock(later(24));
  await matter.getByRole('button', { name: '刷新进度' }).click();
  await expect(matter.locator('[part~="status"]', { hasText: '已办结' }).first()).toBeVisible();
  platform.setClock(later(24 * 11));
  await matter.getByRole('button', { name: '刷新进度' }).click();
  await expect(matter.locator('[role="status"]', { hasText: '全部办结' })).toBeVisible();
  await expect(matter.locator('[part~="status"]', { hasText: '已办结' })).toHaveCount(6);
  // All done: the evaluation of the application's case.
  const evaluation = matter.locator('zheli-evaluation');
  await expect(evaluation).toHaveAttribute('case-number', mine.items[0]?.caseNumber ?? '');
  await expect(evaluation).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await screenshot(page, 'county-site-birth-matter');
  expect(await violations(page)).toEqual([]);
});
