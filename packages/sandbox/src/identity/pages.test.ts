import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { decodeJwt } from 'jose';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumArgs, findChromium } from '../../../../scripts/chromium.mjs';
import { loadClients, loadPersonas, type Persona } from '../personas.js';
import { stylesheetPath } from './pages.js';
import {
  CookieJar,
  pkcePair,
  type RunningIdentity,
  startIdentity,
  tokenRequest,
} from './test-support.js';

/** The client's redirect URI lives on a real server: Playwright's routes do not see redirects. */
let callbackServer: Server;
let callbackOrigin: string;
let run: RunningIdentity;
let browser: Browser;
let axeSource: string;
let second: Persona;

beforeAll(async () => {
  callbackServer = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' }).end('callback');
  });
  await new Promise<void>((resolve) => callbackServer.listen(0, '127.0.0.1', resolve));
  callbackOrigin = `http://127.0.0.1:${(callbackServer.address() as AddressInfo).port}`;
  // The real seed personas and clients: the pages must pass with the content they will show.
  const [personas, clients] = await Promise.all([loadPersonas(), loadClients()]);
  run = await startIdentity({ personas, clients });
  second = personas[1] as Persona;
  browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
  const require = createRequire(import.meta.url);
  axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
});
afterAll(async () => {
  await browser?.close();
  await run?.stop();
  callbackServer.closeAllConnections();
  await new Promise((resolve) => callbackServer.close(resolve));
});

interface Session {
  context: BrowserContext;
  page: Page;
  /** CSP violations seen by the page (event listener) and on the console. */
  cspViolations(): Promise<string[]>;
  authorizeUrl: string;
  verifier: string;
}

async function open(lang: 'zh-CN' | 'en', scope = 'openid profile appointments'): Promise<Session> {
  const context = await browser.newContext({ locale: lang === 'en' ? 'en-GB' : 'zh-CN' });
  const page = await context.newPage();
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener('securitypolicyviolation', (event) => {
      seen.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  const consoleViolations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) consoleViolations.push(message.text());
  });
  const { verifier, challenge } = pkcePair();
  const authorizeUrl = `${run.url}/oidc/auth?${new URLSearchParams({
    client_id: 'county-site',
    redirect_uri: `${callbackOrigin}/callback`,
    response_type: 'code',
    scope,
    state: 'page-test',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ui_locales: lang,
  })}`;
  return {
    context,
    page,
    authorizeUrl,
    verifier,
    async cspViolations() {
      const inPage = await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
      return [...inPage, ...consoleViolations];
    },
  };
}

async function axeViolations(page: Page) {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const { axe } = window as unknown as {
      axe: {
        run(
          context: Document,
          options: object,
        ): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }>;
      };
    };
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target) }));
  });
}

/** Waits for the browser to reach the next interaction page (a new uid). */
async function nextInteraction(page: Page): Promise<void> {
  const current = page.url();
  await page.waitForURL(
    (url) => url.href !== current && /^\/interaction\/[\w-]+$/.test(url.pathname),
  );
}

/** What has focus: tag, type and accessible text, enough to read the focus order. */
async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element) return 'none';
    const input = element as HTMLInputElement;
    if (element.tagName === 'INPUT') return `input:${input.type}:${input.value}`;
    return `${element.tagName.toLowerCase()}:${element.textContent?.trim()}`;
  });
}

const copy = {
  'zh-CN': {
    login: '选择测试身份登录',
    signIn: '登录',
    cancel: '取消',
    allow: '同意',
    deny: '拒绝',
    other: 'English',
  },
  en: {
    login: 'Sign in as a test persona',
    signIn: 'Sign in',
    cancel: 'Cancel',
    allow: 'Allow',
    deny: 'Deny',
    other: '中文',
  },
} as const;

describe.each(['zh-CN', 'en'] as const)('sign-in pages in %s', { timeout: 20_000 }, (lang) => {
  it('chooses a persona and consents with the keyboard alone, accessibly and within the CSP', async () => {
    const session = await open(lang);
    const { page } = session;
    try {
      const loginResponse = await page.goto(session.authorizeUrl);
      expect(new URL(page.url()).pathname).toMatch(/^\/interaction\/[\w-]+$/);
      expect(loginResponse?.headers()['content-security-policy']).toContain("default-src 'self'");
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      expect(await page.textContent('h1')).toBe(copy[lang].login);
      expect(await axeViolations(page)).toEqual([]);

      // Focus order: language switch, the persona radio group, Sign in, Cancel.
      const order: string[] = [];
      for (let i = 0; i < 4; i += 1) {
        await page.keyboard.press('Tab');
        order.push(await focused(page));
      }
      expect(order).toEqual([
        `a:${copy[lang].other}`,
        'input:radio:p-xihu-elder',
        `button:${copy[lang].signIn}`,
        `button:${copy[lang].cancel}`,
      ]);

      // Choose the second persona: back into the group, arrow down, Tab to Sign in, Enter.
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Shift+Tab');
      expect(await focused(page)).toBe('input:radio:p-xihu-elder');
      await page.keyboard.press('ArrowDown');
      expect(await focused(page)).toBe(`input:radio:${second.sub}`);
      expect(await page.isChecked(`input[value="${second.sub}"]`)).toBe(true);
      await page.keyboard.press('Tab');
      expect(await focused(page)).toBe(`button:${copy[lang].signIn}`);
      await Promise.all([nextInteraction(page), page.keyboard.press('Enter')]);

      // The consent page lists the three requested scopes in plain language.
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      expect(await page.locator('.scopes li').count()).toBe(3);
      expect(await page.textContent('.intro')).toContain(
        lang === 'en' ? second.nameEn : second.name,
      );
      expect(await axeViolations(page)).toEqual([]);
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      expect(await focused(page)).toBe(`button:${copy[lang].allow}`);
      expect(await session.cspViolations()).toEqual([]);
      await Promise.all([page.waitForURL(`${callbackOrigin}/**`), page.keyboard.press('Enter')]);

      const callback = new URL(page.url());
      expect(callback.searchParams.get('state')).toBe('page-test');
      expect(callback.searchParams.get('iss')).toBe(run.url);
      const { body } = await tokenRequest(run.url, {
        grant_type: 'authorization_code',
        code: callback.searchParams.get('code') ?? '',
        redirect_uri: `${callbackOrigin}/callback`,
        code_verifier: session.verifier,
        client_id: 'county-site',
      });
      expect(decodeJwt(String(body.id_token)).sub).toBe(second.sub);
    } finally {
      await session.context.close();
    }
  });

  it('shows sign-in and consent in elder mode when the request asks for it (_uiStyle=elder)', async () => {
    const session = await open(lang);
    const { page } = session;
    /** Elder mode's promises on the page: text of 18 px or more, 48 px targets. */
    const elderMisses = () =>
      page.evaluate(() => {
        const misses: string[] = [];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const parent = node.parentElement;
          if (!node.textContent?.trim() || !parent?.checkVisibility()) continue;
          const size = Number.parseFloat(getComputedStyle(parent).fontSize);
          if (size < 18) misses.push(`${parent.localName} "${node.textContent.trim()}" ${size}px`);
        }
        for (const control of document.querySelectorAll('a, button, input:not([type=hidden])')) {
          const box = control.getBoundingClientRect();
          if (box.width < 48 || box.height < 48) {
            misses.push(`${control.localName} ${Math.round(box.width)}×${Math.round(box.height)}`);
          }
        }
        return misses;
      });
    try {
      await page.goto(`${session.authorizeUrl}&_uiStyle=elder`);
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      expect(await page.getAttribute('html', 'class')).toBe('elder');
      expect(await elderMisses()).toEqual([]);
      expect(await axeViolations(page)).toEqual([]);
      await page.check(`input[value="${second.sub}"]`);
      await Promise.all([
        nextInteraction(page),
        page.click(`button:text-is("${copy[lang].signIn}")`),
      ]);
      expect(await page.textContent('button.primary')).toBe(copy[lang].allow);
      expect(await page.getAttribute('html', 'class')).toBe('elder');
      expect(await elderMisses()).toEqual([]);
    } finally {
      await session.context.close();
    }
  });

  it('returns access_denied to the client when the persona declines', async () => {
    const session = await open(lang);
    const { page } = session;
    try {
      await page.goto(session.authorizeUrl);
      await page.check('input[value="p-xihu-elder"]');
      await Promise.all([
        nextInteraction(page),
        page.click(`button:text-is("${copy[lang].signIn}")`),
      ]);
      await Promise.all([
        page.waitForURL(`${callbackOrigin}/**`),
        page.click(`button:text-is("${copy[lang].deny}")`),
      ]);
      const callback = new URL(page.url());
      expect(callback.searchParams.get('error')).toBe('access_denied');
      expect(callback.searchParams.get('state')).toBe('page-test');
      expect(await session.cspViolations()).toEqual([]);
    } finally {
      await session.context.close();
    }
  });
});

describe('sign-in pages over HTTP', () => {
  async function loginPageFor(headers: Record<string, string> = {}, extra = '') {
    const jar = new CookieJar();
    const { challenge } = pkcePair();
    const query = new URLSearchParams({
      client_id: 'county-site',
      redirect_uri: `${callbackOrigin}/callback`,
      response_type: 'code',
      scope: 'openid',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    const first = await jar.fetch(`${run.url}/oidc/auth?${query}${extra}`);
    const pageUrl = new URL(first.headers.get('location') ?? '', run.url).href;
    const page = await jar.fetch(pageUrl, { headers });
    return { jar, pageUrl, page, html: await page.text() };
  }

  it('picks the language from ui_locales, then Accept-Language, and switches with ?lang', async () => {
    expect((await loginPageFor()).html).toContain('<html lang="zh-CN">');
    expect((await loginPageFor({ 'accept-language': 'en-US,en;q=0.8' })).html).toContain(
      '<html lang="en">',
    );
    const { jar, pageUrl, html } = await loginPageFor({}, '&ui_locales=en');
    expect(html).toContain('<html lang="en">');
    const switched = await jar.fetch(`${pageUrl}?lang=zh-CN`);
    const switchedHtml = await switched.text();
    expect(switchedHtml).toContain('<html lang="zh-CN">');

    // The choice holds for the consent page, over ui_locales=en.
    const csrf = /name="csrf" value="([^"]+)"/.exec(switchedHtml)?.[1] ?? '';
    const login = await jar.fetch(`${pageUrl}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: run.url },
      body: new URLSearchParams({ sub: 'p-anji-driver', csrf }),
    });
    let next = new URL(login.headers.get('location') ?? '', run.url).href;
    while (!new URL(next).pathname.startsWith('/interaction/')) {
      const hop = await jar.fetch(next);
      next = new URL(hop.headers.get('location') ?? '', run.url).href;
    }
    const consent = await (await jar.fetch(next)).text();
    expect(consent).toContain('<html lang="zh-CN">');
    expect(consent).toContain('class="scopes"');
  });

  it('sends a strict CSP, forbids framing and serves its stylesheet from the same origin', async () => {
    const { page, html } = await loginPageFor();
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain(`form-action 'self' ${callbackOrigin}`);
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(html).not.toMatch(/<script|style=|<style/);
    expect(html).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)/);
    const css = await fetch(`${run.url}${stylesheetPath}`);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await css.text()).not.toMatch(/@import|url\(/);
  });

  it('refuses a form post without the interaction’s CSRF token or from another origin', async () => {
    const { jar, pageUrl, html } = await loginPageFor();
    const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const post = (body: Record<string, string>, headers: Record<string, string> = {}) =>
      jar.fetch(`${pageUrl}/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: new URLSearchParams(body),
      });
    expect((await post({ sub: 'p-anji-driver' })).status).toBe(403);
    expect((await post({ sub: 'p-anji-driver', csrf: `${csrf}x` })).status).toBe(403);
    expect(
      (await post({ sub: 'p-anji-driver', csrf }, { origin: 'http://127.0.0.1:5173' })).status,
    ).toBe(403);
    const accepted = await post({ sub: 'p-anji-driver', csrf }, { origin: run.url });
    expect(accepted.status).toBe(303);
  });
});
