// <zheli-recommendations> in Chromium against the real sandbox (`@zheli/sandbox`, in memory,
// ephemeral port) through the real `@zheli/client`: a persona's recommendations as the
// sandbox's recommender makes them on its own clock, each with its reason and its start link; a
// persona no rule applies to sees the empty state; without a token, the platform's 401 shows the
// signed-out prompt; dismissing, snoozing, undoing and revoking a data category are saved by the
// sandbox, and the list it gives afterwards shows them.
import { createClient } from '@zheli/client';
import { recommendationControls } from '@zheli/client/recommendation-controls';
import type { Sandbox } from '@zheli/sandbox';
import type { Browser, Page } from 'playwright';
import { describe, expect, it } from 'vitest';
import { withSandboxHarness } from '../../test/sandbox-harness.js';

let sandbox: Sandbox;
let browser: Browser;
let origin: string;

withSandboxHarness(
  {
    // A fixed day, so the rules that match (a child of school age, an inspection due) do not
    // depend on the day the test runs.
    sandbox: { now: () => new Date('2026-11-20T02:00:00Z') },
    scripts: { '/page.js': 'test/pages/recommendations-sandbox-page.ts' },
    html: () =>
      '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>为您推荐</title></head><body></body></html>',
  },
  (started) => {
    ({ sandbox, browser, origin } = started);
  },
);

const tokenFor = (sub: string) =>
  sandbox.mintAccessToken({ sub, scope: ['openid', 'profile'], clientId: 'county-site' });

async function open(token?: string): Promise<Page> {
  const page = await browser.newPage();
  const query = new URLSearchParams({ api: sandbox.url, ...(token ? { token } : {}) });
  await page.goto(`${origin}/?${query}`);
  await page.addScriptTag({ url: '/page.js', type: 'module' });
  await page.evaluate(() => {
    document.body.append(document.createElement('zheli-recommendations'));
  });
  return page;
}

describe('<zheli-recommendations> against the sandbox', () => {
  it('lists a parent’s recommendations with their reasons, and starts one into its service or bundle', async () => {
    const sub = 'p-deqing-parent';
    const token = await tokenFor(sub);
    const expected = await createClient({
      baseUrl: sandbox.url,
      getAccessToken: async () => token,
    }).me.recommendations();
    // The Deqing parent's child starts primary school next September: 入学一件事, a bundle.
    expect(expected.items.map((item) => item.bundleId)).toContain('bnd-school-enrollment');

    const page = await open(token);
    const items = page.locator('zheli-recommendations [part~="item"]');
    await items.first().waitFor({ timeout: 15_000 });
    expect(await page.locator('zheli-recommendations [part~="title"]').allTextContents()).toEqual(
      expected.items.map((item) => item.title),
    );
    const reasons = await page.locator('zheli-recommendations [part~="reason"]').allTextContents();
    expect(reasons.map((text) => text.replace(/\s+/g, ' ').trim())).toEqual(
      expected.items.map((item) => `推荐理由： ${item.reason}`),
    );
    // The rule that matched, in words, with the person's facts.
    expect(reasons.join('\n')).toContain('您的孩子陆子航于2020-07-01出生，2026年满6周岁');
    await page.locator('zheli-recommendations [part~="start"]').first().click();
    const first = expected.items[0];
    const started = await page.evaluate(
      () => (window as unknown as { seen: { started: unknown[] } }).seen.started,
    );
    expect(started).toEqual([
      {
        id: first?.id,
        href:
          first?.bundleId == null
            ? `https://portal.test/${first?.action === 'book' ? 'book' : 'apply'}/${first?.serviceId}`
            : `https://portal.test/bundles/${first.bundleId}`,
      },
    ]);
    await page.close();
  }, 60_000);

  it('shows the empty state to a persona no rule applies to (the foreign resident)', async () => {
    const sub = 'p-foreign-resident';
    const token = await tokenFor(sub);
    const expected = await createClient({
      baseUrl: sandbox.url,
      getAccessToken: async () => token,
    }).me.recommendations();
    expect(expected.items).toEqual([]);
    const page = await open(token);
    await page
      .locator('zheli-recommendations [part~="message"]', { hasText: '暂时没有为您推荐' })
      .waitFor({ timeout: 15_000 });
    await page.close();
  }, 60_000);

  it('shows the sign-in prompt on the platform’s 401 when no one is signed in', async () => {
    const page = await open();
    await page
      .locator('zheli-recommendations [part~="message"]', { hasText: '登录后查看' })
      .waitFor({ timeout: 15_000 });
    await page.close();
  }, 60_000);

  it('dismisses with a reason and undoes it, both saved by the sandbox', async () => {
    const sub = 'p-xihu-elder';
    const token = await tokenFor(sub);
    const client = createClient({ baseUrl: sandbox.url, getAccessToken: async () => token });
    const before = (await client.me.recommendations()).items.map((item) => item.id);
    expect(before[0]).toBe('rec-old-age-allowance');

    const page = await open(token);
    const element = page.locator('zheli-recommendations');
    await element.locator('[part~="item"]').first().waitFor({ timeout: 15_000 });
    await element.locator('[part~="action"]', { hasText: '不感兴趣' }).first().click();
    await element.locator('[part~="choice"]', { hasText: '已经办过了' }).click();
    await element.locator('[part~="notice"]', { hasText: '已隐藏' }).waitFor();
    // The sandbox keeps it: a fresh list leaves it out.
    expect((await client.me.recommendations()).items.map((item) => item.id)).toEqual(
      before.slice(1),
    );
    await element.locator('[part~="undo"]').click();
    await element.locator('[part~="notice"]', { hasText: '已恢复' }).waitFor();
    expect((await client.me.recommendations()).items.map((item) => item.id)).toEqual(before);
    expect(await element.locator('[part~="item"]').count()).toBe(before.length);
    await page.close();
  }, 60_000);

  it('snoozes for 7 days on the sandbox’s clock', async () => {
    const token = await tokenFor('p-yuhang-renter');
    const page = await open(token);
    const element = page.locator('zheli-recommendations');
    const item = element.locator('[part~="item"]', { hasText: '租房可按月提取住房公积金' });
    await item.waitFor({ timeout: 15_000 });
    await item.locator('[part~="action"]', { hasText: '稍后提醒' }).click();
    await element.locator('[part~="choice"]', { hasText: '7天后' }).click();
    // 20 November 2026 on the sandbox's clock, plus 7 days.
    await element.locator('[part~="notice"]', { hasText: '将于2026年11月27日再次提醒' }).waitFor();
    const client = createClient({ baseUrl: sandbox.url, getAccessToken: async () => token });
    expect((await client.me.recommendations()).items.map((i) => i.id)).not.toContain(
      'rec-provident-fund-rent',
    );
    await page.close();
  }, 60_000);

  it('shows the consents and revoking one hides the recommendations that read it, saying why', async () => {
    const token = await tokenFor('p-anji-driver');
    const page = await open(token);
    const element = page.locator('zheli-recommendations');
    await element.locator('[part~="item"]').first().waitFor({ timeout: 15_000 });
    expect(await element.locator('[part~="uses"]').first().textContent()).toContain('车辆与驾驶证');
    await element.locator('[part~="consents-toggle"]').click();
    const consent = element.locator('[part~="consent"]', { hasText: '车辆与驾驶证' });
    await consent.waitFor();
    expect(await consent.textContent()).toContain('机动车检验提醒');
    const toggle = consent.locator('[part~="switch"]');
    expect(await toggle.getAttribute('aria-checked')).toBe('true');
    await toggle.click();
    await element
      .locator('[part~="withheld"]', { hasText: '您已撤回「车辆与驾驶证」的使用授权' })
      .waitFor();
    expect(await toggle.getAttribute('aria-checked')).toBe('false');
    const uses = await element.locator('[part~="uses"]').allTextContents();
    expect(uses.join('\n')).not.toContain('车辆与驾驶证');
    const client = createClient({ baseUrl: sandbox.url, getAccessToken: async () => token });
    const consents = await recommendationControls(client).dataConsents();
    expect(consents.items.find((c) => c.category === 'vehicles')?.granted).toBe(false);
    await page.close();
  }, 60_000);
});
