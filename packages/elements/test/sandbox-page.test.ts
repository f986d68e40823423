// Against the real sandbox and the real @zheli/client inside the drop-in: a page with fifty
// cards makes one request. The page's origin proxies /v1/* to the sandbox (the sandbox sends no
// CORS headers), and the proxy counts what reaches it.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, normalize } from 'node:path';
import { type Sandbox, startSandbox } from '@zheli/sandbox';
import { type Browser, chromium } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumArgs, findChromium } from '../../../scripts/chromium.mjs';
import { signInAs } from '../../../scripts/sign-in-as.ts';
import { integrityOf } from '../scripts/pin-drop-in.mjs';
import { buildDropIn, type DropIn } from './drop-in.js';

const csp =
  "default-src 'self'; style-src 'self'; require-trusted-types-for 'script'; trusted-types lit-html";

let sandbox: Sandbox;
let server: Server;
let browser: Browser;
let dropIn: DropIn;
let origin: string;
const proxied: string[] = [];
const authorized: string[] = [];
let ids: string[] = [];
const served: string[] = [];

/** The first HTML snippet under `heading` in docs/elements.md, as a site would paste it. */
async function docsSnippet(heading: string): Promise<string> {
  const docs = await readFile(new URL('../../../docs/elements.md', import.meta.url), 'utf8');
  const start = docs.indexOf(heading);
  if (start < 0) throw new Error(`No "${heading}" in docs/elements.md`);
  const snippet = /```html\n([\s\S]*?)```/.exec(docs.slice(start))?.[1];
  if (snippet === undefined) throw new Error(`No snippet under "${heading}" in docs/elements.md`);
  return snippet;
}

const countySnippet = () => docsSnippet('## County site: copy and paste');
const bookingSnippet = () => docsSnippet('## Booking: `<zheli-appointment-picker>`');

/**
 * The drop-in's script tag pointed at this test's build: the CDN address becomes the local file,
 * and the integrity the local file's (the docs' hash is the released file's).
 */
async function servedLocally(snippet: string): Promise<string> {
  const integrity = integrityOf(await readFile(dropIn.file('/dist/browser/zheli-elements.js')));
  return snippet
    .replace(/src="https:\/\/unpkg\.com[^"]+"/, 'src="/dist/browser/zheli-elements.js"')
    .replace(/integrity="[^"]*"/, `integrity="${integrity}"`);
}

beforeAll(async () => {
  dropIn = await buildDropIn();
  sandbox = await startSandbox({ port: 0, memory: true });
  const page = (await (
    await fetch(`${sandbox.url}/v1/services?region=330523&limit=50`)
  ).json()) as {
    items: { id: string }[];
  };
  ids = page.items.map((item) => item.id);
  server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://x');
    if (url.pathname.startsWith('/v1/')) {
      proxied.push(`${url.pathname}${url.search}`);
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const headers: Record<string, string> = {};
      for (const name of ['accept', 'authorization', 'content-type', 'idempotency-key']) {
        const value = request.headers[name];
        if (typeof value === 'string') headers[name] = value;
      }
      if (headers.authorization) authorized.push(`${request.method} ${url.pathname}`);
      const upstream = await fetch(`${sandbox.url}${url.pathname}${url.search}`, {
        method: request.method ?? 'GET',
        headers,
        ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}),
      });
      response.writeHead(upstream.status, {
        'content-type': upstream.headers.get('content-type') ?? 'application/json',
      });
      response.end(Buffer.from(await upstream.arrayBuffer()));
      return;
    }
    served.push(url.pathname);
    if (url.pathname === '/snippet.html') {
      // Pasted as is; only the script's and the API's addresses point at this test's servers.
      const page = (await servedLocally(await countySnippet())).replace(
        /base-url="[^"]+"/,
        `base-url="${origin}"`,
      );
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(page);
      return;
    }
    if (url.pathname === '/any/page/of/the/site.html') {
      // Pasted as is, on a loopback page with no registered path; only the script's address
      // and the sandbox's port (4010 in the docs) point at this test's servers.
      const page = (await servedLocally(await bookingSnippet())).replaceAll(
        'http://127.0.0.1:4010',
        sandbox.url,
      );
      response.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': `${csp}; connect-src 'self' ${sandbox.url}; frame-src ${sandbox.url}`,
      });
      response.end(page);
      return;
    }
    if (url.pathname === '/fifty.html') {
      const cards = ids
        .map((id) => `<zheli-service-card service-id="${id}"></zheli-service-card>`)
        .join('\n');
      response.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': csp,
      });
      response.end(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>50</title>
<link rel="stylesheet" href="/test/pages/page.css">
<script type="module" src="/dist/browser/zheli-elements.js"></script></head>
<body><zheli-config base-url="${origin}"><div class="grid">${cards}</div></zheli-config></body></html>`);
      return;
    }
    if (url.pathname === '/personal.html' || url.pathname === '/callback') {
      // The drop-in's own sign-in: <zheli-config> with the platform as authority, the personal
      // code asking for the signed-in person's code.
      response.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': `${csp}; connect-src 'self' ${sandbox.url}`,
      });
      response.end(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>code</title>
<script type="module" src="/dist/browser/zheli-elements.js"></script></head>
<body><zheli-config base-url="${origin}" authority="${sandbox.url}" client-id="county-site"
  redirect-uri="${origin}/callback" scope="openid profile codes">
<zheli-qr-code kind="personal"></zheli-qr-code></zheli-config></body></html>`);
      return;
    }
    const path = normalize(url.pathname);
    if (!path.startsWith('/test/pages/') && !path.startsWith('/dist/browser/')) {
      response.writeHead(404).end();
      return;
    }
    try {
      const body = await readFile(dropIn.file(path));
      const type = extname(path) === '.css' ? 'text/css' : 'text/javascript';
      response.writeHead(200, { 'content-type': type, 'content-security-policy': csp });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
}, 120_000);

afterAll(async () => {
  await dropIn?.remove();
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await sandbox?.stop();
});

describe('fifty cards against the real sandbox', () => {
  it('load with one GET /v1/services/batch carrying the fifty ids, under the strict CSP', async () => {
    expect(ids).toHaveLength(50);
    const page = await browser.newPage();
    await page.addInitScript(() => {
      const seen: string[] = [];
      Object.assign(window, { violations: seen });
      document.addEventListener('securitypolicyviolation', (event) =>
        seen.push(event.violatedDirective),
      );
    });
    proxied.length = 0;
    await page.goto(`${origin}/fifty.html`);
    await page
      .locator(`zheli-service-card[service-id="${ids[49]}"] [part~="name"]`)
      .waitFor({ timeout: 15_000 });
    await page.waitForTimeout(300);
    expect(proxied).toHaveLength(1);
    expect(proxied[0]).toMatch(/^\/v1\/services\/batch\?ids=/);
    const asked =
      new URLSearchParams((proxied[0] ?? '').split('?')[1]).get('ids')?.split(',') ?? [];
    expect(asked.sort()).toEqual([...ids].sort());
    const names = await page.locator('zheli-service-card [part~="name"]').count();
    expect(names).toBe(50);
    expect(
      await page.evaluate(() => (window as unknown as { violations: string[] }).violations),
    ).toEqual([]);
    await page.close();
  }, 60_000);
});

describe('signed in through <zheli-config>', () => {
  it('sends the person’s access token: the personal code appears after a redirect sign-in', async () => {
    const page = await browser.newPage();
    // The sandbox's interaction page signs the persona in at once.
    await signInAs(page, 'p-anji-driver');
    authorized.length = 0;
    await page.goto(`${origin}/personal.html`);
    const signIn = page.locator('zheli-qr-code button', { hasText: '登录' });
    await signIn.waitFor({ timeout: 15_000 });
    expect(authorized).toEqual([]);
    await signIn.click();
    await page.waitForURL(`${origin}/callback**`, { timeout: 30_000 });
    await page.getByRole('img', { name: /个人服务码/ }).waitFor({ timeout: 30_000 });
    expect(authorized).toContain('POST /v1/codes');
    await page.close();
  }, 90_000);
});

describe('the county snippet of docs/elements.md', () => {
  it('works by copy and paste: the region, the inspection card and the catalog appear, and a zh-CN page loads no other locale', async () => {
    const snippet = await countySnippet();
    expect(snippet).toMatch(
      /src="https:\/\/unpkg\.com\/@zheli\/elements@\d+\.\d+\.\d+\/dist\/browser\/zheli-elements\.js" integrity="sha384-[\w+/]{64}" crossorigin="anonymous"/,
    );
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    served.length = 0;
    await page.goto(`${origin}/snippet.html`);
    await expect
      .poll(() => page.locator('zheli-service-card [part~="name"]').first().textContent(), {
        timeout: 20_000,
      })
      .toBe('机动车检验预约');
    await expect
      .poll(() => page.locator('zheli-region-picker [part~="value"]').textContent(), {
        timeout: 20_000,
      })
      .toContain('安吉县');
    await expect
      .poll(() => page.locator('zheli-service-catalog [part~="item"]').count(), {
        timeout: 20_000,
      })
      .toBeGreaterThan(0);
    expect(errors).toEqual([]);
    const chunks = served.filter((path) => path.startsWith('/dist/browser/chunks/'));
    expect(chunks.some((path) => /locale-runtime|\/(en|zh-TW)-/.test(path))).toBe(false);
    await page.close();
  }, 60_000);
});

describe('the booking snippet of docs/elements.md', () => {
  it('signs in against the sandbox as pasted, from a loopback page on any path, and books', async () => {
    const snippet = await bookingSnippet();
    expect(snippet).toContain('client-id="local-dev"');
    expect(snippet).not.toContain('redirect-uri');
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.addInitScript(() => {
      const seen: string[] = [];
      Object.assign(window, { violations: seen });
      document.addEventListener('securitypolicyviolation', (event) =>
        seen.push(event.violatedDirective),
      );
    });
    // As in 'signed in through <zheli-config>': the persona signs in on the way.
    await signInAs(page, 'p-anji-driver');
    const booked: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url() === `${sandbox.url}/v1/appointments`)
        booked.push(request.headers().authorization?.split(' ')[0] ?? 'none');
    });
    const address = `${origin}/any/page/of/the/site.html`;
    await page.goto(address);
    const picker = 'zheli-appointment-picker';
    await page.locator(`${picker} [part~="site"]`).first().click({ timeout: 20_000 });
    await page.locator(`${picker} [part~="day"][aria-disabled="false"]`).first().click();
    await page.locator(`${picker} [part~="slot"][aria-disabled="false"]`).first().click();
    await page.locator(`${picker} [part~="sign-in"]`).click();
    // The sandbox redirected back to the page itself, its path registered nowhere.
    await page.waitForURL(`${address}?**`, { timeout: 30_000 });
    await page.locator(`${picker} [part~="confirm"]`).click({ timeout: 20_000 });
    await page.locator(`${picker} [part~="ticket"]`).waitFor({ timeout: 20_000 });
    expect(booked).toEqual(['Bearer']);
    expect(errors).toEqual([]);
    expect(
      await page.evaluate(() => (window as unknown as { violations: string[] }).violations),
    ).toEqual([]);
    await page.close();
  }, 90_000);
});
