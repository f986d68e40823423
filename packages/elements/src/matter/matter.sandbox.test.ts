// <zheli-matter> in Chromium against the real sandbox (`@zheli/sandbox`, in memory, ephemeral
// port, on an injected clock) through the real `@zheli/client`: a new mother applies for
// 新生儿出生一件事 — the materials merged across six services with her documents on file, the form
// the contract's schema generates, a draft saved on one page and resumed on another, one
// submission for a double click, each department's progress as the sandbox clock moves, and the
// evaluation once all is done; a parent corrects a step the sandbox rejected; signed out, the
// guide and a prompt to sign in.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient } from '@zheli/client';
import { applications } from '@zheli/client/applications';
import { type Sandbox, startSandbox } from '@zheli/sandbox';
import { type Browser, chromium, type Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumArgs, findChromium } from '../../../../scripts/chromium.mjs';
import { browserOptions, build } from '../../scripts/bundle.mjs';

const start = new Date('2026-11-23T02:00:00Z');
let clock = start;
let sandbox: Sandbox;
let server: Server;
let browser: Browser;
let origin: string;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, memory: true, now: () => clock });
  const bundle = await build(
    browserOptions({ entryPoints: ['test/pages/matter-sandbox-page.ts'], write: false }),
  );
  const script = bundle.outputFiles?.[0]?.contents ?? new Uint8Array();
  server = createServer((request, response) => {
    if (request.url?.startsWith('/page.js')) {
      response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      response.end(script);
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(
      '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>一件事</title></head><body></body></html>',
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

/**
 * A token for `sub`: stamped and checked on the process clock, so the sandbox clock these tests
 * move by weeks leaves it valid.
 */
const tokenFor = (sub: string) =>
  sandbox.mintAccessToken({
    sub,
    scope: ['openid', 'applications', 'evaluations'],
    clientId: 'county-site',
  });

async function open(bundleId: string, region: string, token?: string): Promise<Page> {
  const page = await browser.newPage();
  const query = new URLSearchParams({ api: sandbox.url, ...(token ? { token } : {}) });
  await page.goto(`${origin}/?${query}`);
  await page.addScriptTag({ url: '/page.js', type: 'module' });
  await page.evaluate(
    ([bundle, code]) => {
      const element = document.createElement('zheli-matter');
      element.setAttribute('bundle-id', bundle as string);
      element.setAttribute('region', code as string);
      document.body.append(element);
    },
    [bundleId, region],
  );
  return page;
}

const later = (hours: number) => new Date(start.getTime() + hours * 3600_000);

describe('<zheli-matter> against the sandbox', () => {
  it('applies for 新生儿出生一件事: merged materials, generated form, draft resumed elsewhere, one submission, progress, evaluation', async () => {
    clock = start;
    const token = await tokenFor('p-linan-newborn');
    const page = await open('bnd-birth', '330112', token);
    const matter = page.locator('zheli-matter');
    await matter.locator('[part~="heading"]', { hasText: '新生儿出生一件事' }).waitFor();
    await matter.locator('[part~="material"]').first().waitFor();
    // Six services, five departments; 出生医学证明 is needed by four of them and asked once.
    expect(await matter.locator('[part~="steps"] [part~="step"]').count()).toBe(6);
    const materials = await matter.locator('[part~="material"]').allTextContents();
    expect(materials.filter((text) => text.includes('出生医学证明'))).toHaveLength(1);
    expect(materials.find((text) => text.includes('出生医学证明'))).toContain('4 个事项共用');
    // Her marriage certificate is on file, shown masked.
    const marriage = materials.find((text) => text.includes('结婚证')) ?? '';
    expect(marriage).toContain('已有电子证照');
    expect(marriage).toMatch(/周\*燕 · J33\*+\d{4}/);

    // The ID photo is the one material to provide: without it, no next stage.
    await matter.getByRole('button', { name: '下一步' }).click();
    await matter.locator('[part~="note"]', { hasText: '请确认提供所有必需材料' }).waitFor();
    await matter.locator('[data-key="recent-id-photo"] input').check();
    await matter.getByRole('button', { name: '下一步' }).click();

    // The form: its fields are the contract's schema for the bundle.
    await matter.locator('#field-newbornName').waitFor();
    await matter.getByRole('button', { name: '下一步' }).click();
    await matter.locator('[part~="note"]', { hasText: '请先修正标出的信息' }).waitFor();
    expect(await matter.locator('#field-newbornName').getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.id)).toBe(
      'field-newbornName',
    );
    await matter.locator('#field-newbornName').fill('吴语桐');
    await matter.locator('#field-newbornGender').selectOption('female');
    await matter.locator('#field-newbornBirthDate').fill('2026-10-20');
    await matter.getByRole('button', { name: '保存草稿' }).click();
    await matter.locator('[part~="note"]', { hasText: '草稿已保存' }).waitFor();
    await page.close();

    // Another device: the draft comes back from the platform, at the form, with its values.
    const other = await open('bnd-birth', '330112', token);
    const resumed = other.locator('zheli-matter');
    await resumed.locator('[part~="note"]', { hasText: '已恢复' }).waitFor();
    expect(await resumed.locator('#field-newbornName').inputValue()).toBe('吴语桐');
    await resumed.locator('#field-birthHospital').fill('杭州市临安区人民医院');
    await resumed.locator('#field-hukouWith').selectOption('mother');
    await resumed.locator('#field-applicantPhone').fill('13800000008');
    await resumed.locator('#field-cardDeliveryAddress').fill('杭州市临安区锦城街道钱王街100号');
    await resumed.locator('#field-bankAccount').fill('6222021202041234567');
    await resumed.getByRole('button', { name: '下一步' }).click();
    await resumed.locator('[part~="review"]').waitFor();
    await resumed.getByRole('button', { name: '提交申请' }).dblclick();
    await resumed.locator('[part~="progress"]').waitFor();
    const client = createClient({ baseUrl: sandbox.url, getAccessToken: async () => token });
    const mine = await applications(client).list({ bundle: 'bnd-birth' });
    expect(mine.items).toHaveLength(1);
    expect(
      await other.evaluate(
        () => (window as unknown as { seen: { submitted: string[] } }).seen.submitted,
      ),
    ).toEqual([mine.items[0]?.id]);
    expect(await resumed.locator('[part~="status"]').allTextContents()).toEqual(
      Array(6)
        .fill('已受理')
        .map((text) => expect.stringContaining(text)),
    );

    // The sandbox handles it on its clock: a day on, the quick steps are done.
    clock = later(24);
    await resumed.getByRole('button', { name: '刷新进度' }).click();
    await resumed.locator('[part~="status"]', { hasText: '已办结' }).first().waitFor();
    clock = later(24 * 11);
    await resumed.getByRole('button', { name: '刷新进度' }).click();
    await resumed.locator('[role="status"]', { hasText: '全部办结' }).waitFor();
    // Done: the evaluation element, for the application's case number.
    const evaluation = resumed.locator('zheli-evaluation');
    await evaluation.waitFor();
    expect(await evaluation.getAttribute('case-number')).toBe(mine.items[0]?.caseNumber);
    await other.close();
    clock = start;
  }, 120_000);

  it('shows a step the sandbox rejected and sends its correction', async () => {
    clock = start;
    const token = await tokenFor('p-deqing-parent');
    const client = createClient({ baseUrl: sandbox.url, getAccessToken: async () => token });
    await applications(client).saveDraft('bnd-school-enrollment', {
      values: {
        childName: '陆子航',
        childIdNumber: '330521202007010158',
        childGender: 'male',
        guardianRelation: 'mother',
        applicantPhone: '13800000003',
        homeAddress: '德清县武康街道英溪南路58号',
      },
      step: 2,
    });
    sandbox.stepRejections.add({
      bundleId: 'bnd-school-enrollment',
      position: 2,
      material: 'guardianship-proof',
    });
    const page = await open('bnd-school-enrollment', '330521', token);
    const matter = page.locator('zheli-matter');
    await matter.locator('[part~="review"]').waitFor();
    await matter.getByRole('button', { name: '提交申请' }).click();
    await matter.locator('[part~="progress"]').waitFor();
    clock = later(1);
    await matter.getByRole('button', { name: '刷新进度' }).click();
    const correction = matter.locator('[part~="correction"]');
    await correction.waitFor();
    expect(await correction.textContent()).toContain('缺少监护人身份及监护关系证明');
    await correction.locator('input').check();
    await correction.getByRole('button', { name: '补正后重新提交' }).click();
    await correction.waitFor({ state: 'detached' });
    expect(await matter.locator('[part~="status"]').nth(1).textContent()).toContain('已受理');
    await page.close();
    clock = start;
  }, 120_000);

  it('shows the guide and a prompt to sign in on the platform’s 401', async () => {
    const page = await open('bnd-birth', '330112');
    const matter = page.locator('zheli-matter');
    await matter.locator('[part~="message"]', { hasText: '登录后即可在线申请' }).waitFor();
    expect(await matter.locator('[part~="step"]').count()).toBe(6);
    await page.close();
  }, 60_000);
});
