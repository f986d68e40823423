// <zheli-evaluation> in Chromium against the real sandbox (`@zheli/sandbox`, in memory,
// ephemeral port) through the real `@zheli/client`: a persona rates a real handled matter once.
// A dropped answer, the element's retry and a double click still make exactly one evaluation,
// because every attempt carries the same Idempotency-Key and the platform replays the first.
// Most tests use an access token the sandbox mints for the persona; one signs in for real
// through @zheli/auth's redirect flow at the sandbox's provider, twice, with a draft kept across.
// Without a token, the platform's 401 shows the signed-out state.
import { createClient } from '@zheli/client';
import type { Sandbox } from '@zheli/sandbox';
import type { Browser, Page } from 'playwright';
import { describe, expect, it } from 'vitest';
import { signInAs } from '../../../../scripts/sign-in-as.ts';
import { withSandboxHarness } from '../../test/sandbox-harness.js';

let sandbox: Sandbox;
let browser: Browser;
let origin: string;
/** The case number the sign-in page shows. */
let signInCase = '';

withSandboxHarness(
  {
    scripts: {
      '/page.js': 'test/pages/evaluation-sandbox-page.ts',
      '/signin.js': 'test/pages/evaluation-signin-page.ts',
    },
    html: (url, { sandbox }) => {
      const path = url.pathname + url.search;
      if (path !== '/signin' && !path.startsWith('/callback')) {
        return '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>好差评</title></head><body></body></html>';
      }
      const config = JSON.stringify({
        api: sandbox.url,
        issuer: sandbox.issuer,
        caseNumber: signInCase,
      });
      return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>好差评</title></head><body><script type="application/json" id="config">${config}</script><script type="module" src="/signin.js"></script></body></html>`;
    },
  },
  (started) => {
    ({ sandbox, browser, origin } = started);
  },
);

async function tokenFor(sub: string): Promise<string> {
  return sandbox.mintAccessToken({
    sub,
    scope: ['openid', 'evaluations'],
    clientId: 'county-site',
  });
}

/** Opens the test page signed in with `token` (or signed out) showing `caseNumber`. */
async function open(caseNumber: string, token?: string): Promise<Page> {
  const page = await browser.newPage();
  const query = new URLSearchParams({ api: sandbox.url, ...(token ? { token } : {}) });
  await page.goto(`${origin}/?${query}`);
  await page.addScriptTag({ url: '/page.js', type: 'module' });
  await page.evaluate((number) => {
    const element = document.createElement('zheli-evaluation');
    element.setAttribute('case-number', number);
    document.body.append(element);
  }, caseNumber);
  return page;
}

interface Seen {
  evaluated: { id: string; caseNumber: string; level: string; tags: string[]; comment: string }[];
  errors: string[];
}

const seen = (page: Page) => page.evaluate(() => (window as unknown as { seen: Seen }).seen);

describe('<zheli-evaluation> against the sandbox', () => {
  it('shows the signed-out state on the platform’s 401 when no one is signed in', async () => {
    const page = await open('330523-20261118-000123');
    await page
      .locator('zheli-evaluation [part~="message"]', { hasText: '登录后才能评价办件' })
      .waitFor({ timeout: 15_000 });
    await page.close();
  }, 60_000);

  it('rates the Anji car owner’s inspection once: a lost answer, dropped retries, a retry by double click, one evaluation', async () => {
    const caseNumber = '330523-20261118-000123';
    const token = await tokenFor('p-anji-driver');
    const client = createClient({ baseUrl: sandbox.url, getAccessToken: async () => token });
    expect((await client.me.matter(caseNumber)).evaluation).toBeNull();

    const page = await open(caseNumber, token);
    const posts: { key: string | undefined; replayed: string | undefined; failed: boolean }[] = [];
    page.on('requestfinished', async (request) => {
      if (request.method() !== 'POST' || !request.url().endsWith('/v1/evaluations')) return;
      const response = await request.response();
      posts.push({
        key: request.headers()['idempotency-key'],
        replayed: (await response?.allHeaders())?.['idempotent-replayed'],
        failed: false,
      });
    });
    page.on('requestfailed', (request) => {
      if (request.method() !== 'POST' || !request.url().endsWith('/v1/evaluations')) return;
      posts.push({ key: request.headers()['idempotency-key'], replayed: undefined, failed: true });
    });
    const element = page.locator('zheli-evaluation');
    await element.locator('input[value="very_satisfied"]').check({ timeout: 15_000 });
    await element.getByRole('checkbox', { name: '办理快' }).check();
    await element.getByRole('checkbox', { name: '态度好' }).check();
    await element.getByRole('textbox').fill('检测站工作人员很耐心，半小时就办好了。');

    // The platform saves the first attempt but its answer is lost; every retry the client makes
    // then loses its connection before it is handled (Chromium also retries a dropped request
    // by itself, unseen, so the rules cover more attempts than the client makes).
    sandbox.faults.add({ operationId: 'submitEvaluation', kind: 'drop-after', times: 1 });
    sandbox.faults.add({ operationId: 'submitEvaluation', kind: 'drop-before', times: 50 });
    await element.locator('[part~="submit"]').click();
    await element.locator('[part~="error"]', { hasText: '提交失败' }).waitFor({ timeout: 30_000 });
    sandbox.faults.clear();
    const attempts = posts.length;
    expect(attempts).toBeGreaterThanOrEqual(2);
    expect(posts.every((post) => post.failed)).toBe(true);

    // The person tries again, impatiently: a double click.
    await element.locator('[part~="submit"]').dblclick();
    await element
      .locator('[part~="title"]', { hasText: '感谢您的评价' })
      .waitFor({ timeout: 15_000 });
    await page.waitForTimeout(300);

    // One more request, with the same key as every attempt before it: the platform replayed.
    expect(posts).toHaveLength(attempts + 1);
    expect(new Set(posts.map((post) => post.key)).size).toBe(1);
    expect(posts[0]?.key).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(posts.at(-1)).toMatchObject({ failed: false, replayed: 'true' });

    const { evaluated, errors } = await seen(page);
    expect(errors).toHaveLength(1);
    expect(evaluated).toHaveLength(1);
    expect(evaluated[0]).toMatchObject({
      caseNumber,
      level: 'very_satisfied',
      tags: ['fast', 'courteous'],
      comment: '检测站工作人员很耐心，半小时就办好了。',
    });

    const mine = [];
    for await (const item of client.evaluations.listAll()) {
      if (item.caseNumber === caseNumber) mine.push(item);
    }
    expect(mine).toHaveLength(1);
    expect(mine[0]?.id).toBe(evaluated[0]?.id);
    expect((await client.me.matter(caseNumber)).evaluation?.id).toBe(evaluated[0]?.id);

    // Back later: the matter shows its evaluation, read-only.
    await page.reload();
    await page.addScriptTag({ url: '/page.js', type: 'module' });
    await page.evaluate((number) => {
      const again = document.createElement('zheli-evaluation');
      again.setAttribute('case-number', number);
      document.body.append(again);
    }, caseNumber);
    await element
      .locator('[part~="title"]', { hasText: '您已评价过该办件' })
      .waitFor({ timeout: 15_000 });
    expect(await element.locator('[part~="summary"]').textContent()).toContain('非常满意');
    expect(await element.locator('input, textarea').count()).toBe(0);
    await page.close();
  }, 90_000);

  it('sends one request for a double click on submit, and the platform holds one evaluation', async () => {
    const sub = 'p-xihu-elder';
    const token = await tokenFor(sub);
    const client = createClient({ baseUrl: sandbox.url, getAccessToken: async () => token });
    const open_ = (await client.me.matters()).items.find((item) => item.evaluation === null);
    if (open_ === undefined) throw new Error(`${sub} has no unrated matter`);
    const before = (await client.evaluations.list({ limit: 100 })).items.length;

    const page = await open(open_.caseNumber, token);
    const keys: (string | undefined)[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/v1/evaluations')) {
        keys.push(request.headers()['idempotency-key']);
      }
    });
    const element = page.locator('zheli-evaluation');
    await element.getByRole('radio', { name: '基本满意' }).check({ timeout: 15_000 });
    await element.locator('[part~="submit"]').dblclick();
    await element
      .locator('[part~="title"]', { hasText: '感谢您的评价' })
      .waitFor({ timeout: 15_000 });
    await page.waitForTimeout(300);
    expect(keys).toHaveLength(1);
    const after = (await client.evaluations.list({ limit: 100 })).items;
    expect(after).toHaveLength(before + 1);
    expect(after.filter((item) => item.caseNumber === open_.caseNumber)).toHaveLength(1);
    expect((await seen(page)).evaluated).toHaveLength(1);
    await page.close();
  }, 60_000);

  it('keeps the draft and its key across a real redirect sign-in when the session ends while rating', async () => {
    const sub = 'p-deqing-parent';
    const token = await tokenFor(sub);
    const client = createClient({ baseUrl: sandbox.url, getAccessToken: async () => token });
    const matter = (await client.me.matters()).items.find((item) => item.evaluation === null);
    if (matter === undefined) throw new Error(`${sub} has no unrated matter`);
    signInCase = matter.caseNumber;

    const page = await browser.newPage();
    await signInAs(page, sub);
    const keys: (string | undefined)[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/v1/evaluations')) {
        keys.push(request.headers()['idempotency-key']);
      }
    });
    const element = page.locator('zheli-evaluation');
    await page.goto(`${origin}/signin`);

    // Signed out: the element asks to sign in, and the real redirect sign-in brings it back.
    const signIn = element.locator('[part~="button"]', { hasText: '登录' });
    await signIn.click({ timeout: 15_000 });
    await element.locator('input[value="satisfied"]').check({ timeout: 20_000 });
    await element.getByRole('checkbox', { name: '指引清楚' }).check();
    await element.getByRole('textbox').fill('网上就能办，指引很清楚。');

    // The session ends on the platform's side while the person rates.
    sandbox.faults.add({ operationId: 'submitEvaluation', kind: 'status', status: 401, times: 10 });
    await element.locator('[part~="submit"]').click();
    await signIn.waitFor({ timeout: 15_000 });
    sandbox.faults.clear();
    const attempts = keys.length;
    expect(attempts).toBeGreaterThanOrEqual(1);

    // Sign in again (the page leaves for the provider and comes back): the answers are there.
    await signIn.click();
    await element.locator('input[value="satisfied"]:checked').waitFor({ timeout: 20_000 });
    expect(await element.getByRole('checkbox', { name: '指引清楚' }).isChecked()).toBe(true);
    expect(await element.getByRole('textbox').inputValue()).toBe('网上就能办，指引很清楚。');
    await element.locator('[part~="submit"]').click();
    await element
      .locator('[part~="title"]', { hasText: '感谢您的评价' })
      .waitFor({ timeout: 15_000 });

    // Every attempt, before and after the sign-in, carried the one key the draft kept.
    expect(keys).toHaveLength(attempts + 1);
    expect(new Set(keys).size).toBe(1);
    const saved = (await client.me.matter(matter.caseNumber)).evaluation;
    expect(saved).toMatchObject({
      level: 'satisfied',
      tags: ['clear_guidance'],
      comment: '网上就能办，指引很清楚。',
    });
    expect((await seen(page)).evaluated).toEqual([saved]);
    expect(await page.evaluate(() => Object.keys(sessionStorage))).not.toContain(
      `zheli-evaluation:${matter.caseNumber}`,
    );
    await page.close();
  }, 90_000);
});
