// <zheli-points> in Chromium against the real sandbox (`@zheli/sandbox`, in memory, ephemeral
// port) through the real `@zheli/client`: 高家堂村's villager sees the seeded balance, household and
// history, redeems a bag of rice, and the code the QR element shows verifies offline as the
// shop's scanner would; signed out, the village's rules and shop are shown with a sign-in prompt.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Sandbox, startSandbox } from '@zheli/sandbox';
import { type Browser, chromium, type Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumArgs, findChromium } from '../../../../scripts/chromium.mjs';
import { browserOptions, build } from '../../scripts/bundle.mjs';

let sandbox: Sandbox;
let server: Server;
let browser: Browser;
let origin: string;

beforeAll(async () => {
  sandbox = await startSandbox({
    port: 0,
    memory: true,
    now: () => new Date('2026-11-23T02:00:00Z'),
  });
  const bundle = await build(
    browserOptions({
      entryPoints: ['test/pages/points-sandbox-page.ts'],
      write: false,
      splitting: true,
      format: 'esm',
      outdir: 'out',
    }),
  );
  const files = new Map(
    (bundle.outputFiles ?? []).map((file) => [`/${file.path.split('/out/')[1]}`, file.contents]),
  );
  server = createServer((request, response) => {
    const path = request.url?.split('?')[0] ?? '/';
    const file = files.get(path === '/page.js' ? '/points-sandbox-page.js' : path);
    if (file) {
      response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      response.end(file);
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(
      '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>信治积分</title></head><body></body></html>',
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await sandbox?.stop();
});

async function open(token?: string): Promise<Page> {
  const page = await browser.newPage();
  const query = new URLSearchParams({ api: sandbox.url, ...(token ? { token } : {}) });
  await page.goto(`${origin}/?${query}`);
  await page.addScriptTag({ url: '/page.js', type: 'module' });
  await page.evaluate(() => {
    const element = document.createElement('zheli-points');
    element.setAttribute('village', 'vil-330523-gaojiatang');
    document.body.append(element);
  });
  return page;
}

describe('<zheli-points> against the sandbox', () => {
  it('shows the villager’s points and history, and redeems for a code the shop verifies offline', async () => {
    const token = await sandbox.mintAccessToken({
      sub: 'p-gaojiatang-villager',
      scope: ['openid', 'points'],
      clientId: 'county-site',
    });
    const page = await open(token);
    const balance = page.locator('zheli-points [part~="balance"]');
    await balance.waitFor({ timeout: 15_000 });
    expect((await balance.textContent())?.replace(/\s+/g, ' ')).toContain('我的积分 1,280 分');
    expect((await balance.textContent())?.replace(/\s+/g, ' ')).toContain(
      '家庭积分（2 人） 1,490 分',
    );
    const entries = await page.locator('zheli-points [part~="entry"]').allTextContents();
    expect(entries).toHaveLength(8);
    expect(entries.join('\n')).toContain('参与竹林防火志愿巡查 3 小时');
    expect(entries.join('\n')).toContain('登记人：王*芳');
    // The QR element is not loaded before a redemption.
    expect(await page.evaluate(() => customElements.get('zheli-qr-code') === undefined)).toBe(true);

    await page.getByRole('button', { name: '兑换大米 5 千克' }).click();
    await page.getByRole('button', { name: '确认兑换' }).click();
    const redemption = page.locator('zheli-points [part~="redemption"]');
    await redemption.waitFor({ timeout: 15_000 });
    await page.locator('zheli-points zheli-qr-code [part~="code"]').waitFor({ timeout: 15_000 });
    expect((await redemption.textContent())?.replace(/\s+/g, ' ')).toContain('剩余积分：1,230 分');
    const seen = await page.evaluate(
      () => (window as unknown as { seen: { redeemed: { id: string; token: string }[] } }).seen,
    );
    expect(seen.redeemed).toHaveLength(1);
    const shown = await page
      .locator('zheli-points zheli-qr-code')
      .evaluate((qr) => qr.getAttribute('value'));
    expect(shown).toBe(seen.redeemed[0]?.token);
    const scanned = await page.evaluate(
      ([code, issuer]) =>
        (window as unknown as { scan: (c: string, i: string) => Promise<unknown> }).scan(
          code ?? '',
          issuer ?? '',
        ),
      [shown, sandbox.issuer],
    );
    expect(scanned).toMatchObject({
      valid: true,
      claims: { kind: 'redemption', ref: seen.redeemed[0]?.id, reward: 'rwd-rice-5kg', points: 50 },
    });
    await page.close();
  }, 60_000);

  it('shows the rules and the shop with a sign-in prompt when no one is signed in', async () => {
    const page = await open();
    await page
      .locator('zheli-points [part~="message"]', { hasText: '登录后查看' })
      .waitFor({ timeout: 15_000 });
    const rules = await page.locator('zheli-points [part~="rules"]').textContent();
    expect(rules).toContain('美丽庭院评比优秀');
    expect(await page.locator('zheli-points [part~="heading"]').textContent()).toContain(
      '高家堂村信治积分',
    );
    await page.close();
  }, 60_000);
});
