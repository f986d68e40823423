// The county site end to end: the real sandbox (OIDC provider + Open API on PGlite), the site's
// own server with its strict CSP, and Debian's Chromium driven by Playwright.
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createClient, verifyCode } from '@zheli/client';
import { type Sandbox, startSandbox } from '@zheli/sandbox';
import { type Browser, chromium, type Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumArgs, findChromium } from '../../../scripts/chromium.mjs';
import { startCountySite } from '../server.mjs';

const resultsDir = new URL('../test-results/', import.meta.url);
const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core'), 'utf8');

let sandbox: Sandbox;
let site: Awaited<ReturnType<typeof startCountySite>>;
let browser: Browser;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, memory: true });
  site = await startCountySite({ port: 0, sandboxUrl: sandbox.url });
  browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
  await mkdir(resultsDir, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await site?.stop();
  await sandbox?.stop();
});

interface Violation {
  directive: string;
  blocked: string;
  sample: string;
}

/** Where the page's landmarks sit (document coordinates), to compare before and after loading. */
function landmarks(page: Page): Promise<number[]> {
  return page.evaluate(() =>
    ['#services .hero__panel', '#inspection', '#notices', '.callout', '#venue', '#footer'].map(
      (selector) => {
        const element = document.querySelector(selector);
        return element ? element.getBoundingClientRect().top + window.scrollY : -1;
      },
    ),
  );
}

/** A page that records every CSP violation (the init script is the browser automation's). */
async function openPage(path = '/', width = 1280, scriptDelayMs = 0): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  if (scriptDelayMs > 0) {
    // A slow network: the page paints before the elements are defined.
    await page.route(`${site.url}/zheli/zheli-elements.js`, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, scriptDelayMs));
      await route.continue();
    });
  }
  await page.addInitScript(() => {
    const seen: { directive: string; blocked: string; sample: string }[] = [];
    Object.assign(window, { cspViolations: seen });
    document.addEventListener('securitypolicyviolation', (event) =>
      seen.push({
        directive: event.violatedDirective,
        blocked: event.blockedURI,
        sample: event.sample,
      }),
    );
  });
  await page.goto(`${site.url}${path}`, { waitUntil: scriptDelayMs > 0 ? 'commit' : 'load' });
  return page;
}

function violations(page: Page): Promise<Violation[]> {
  return page.evaluate(() => (window as unknown as { cspViolations: Violation[] }).cspViolations);
}

const catalogRows = 'zheli-service-catalog [part~="item"] zheli-service-card [part~="name"]';
const inspectionCard = 'zheli-service-card[service-id="svc-330523-vehicle-inspection-booking"]';

async function waitForContent(page: Page): Promise<void> {
  await page.locator(catalogRows).first().waitFor({ timeout: 20_000 });
  await page.locator(`${inspectionCard} [part~="name"]`).waitFor({ timeout: 20_000 });
  await page.locator('zheli-login-button [part~="button"]').waitFor({ timeout: 20_000 });
}

async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            context: Document,
            options: object,
          ) => Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return result.violations.map(
      (violation) => `${violation.id}: ${JSON.stringify(violation.nodes.map((n) => n.target))}`,
    );
  });
}

describe('the Anji county portal', () => {
  it('shows the county catalog from the platform and the inspection card, without layout shift or CSP violation', async () => {
    const page = await openPage('/', 1280, 1000);
    await page.locator('#footer').waitFor({ state: 'attached' });
    await page.waitForTimeout(200);
    expect(await page.evaluate(() => customElements.get('zheli-service-catalog'))).toBeUndefined();
    const beforeScript = await landmarks(page);
    await waitForContent(page);
    const names = await page.locator(catalogRows).allTextContents();
    expect(names.length).toBeGreaterThan(3);
    const count = await page.locator('zheli-service-catalog [part~="count"]').textContent();
    expect(count).toContain('221');
    await expect
      .poll(() => page.locator(`${inspectionCard} [part~="name"]`).textContent())
      .toContain('机动车检验');
    expect(await page.locator(`${inspectionCard} [part~="department"]`).textContent()).toContain(
      '安吉县',
    );
    expect(await landmarks(page)).toEqual(beforeScript);
    await page.screenshot({ path: new URL('home.png', resultsDir).pathname, fullPage: true });
    expect(await violations(page)).toEqual([]);
    await page.close();
  }, 60_000);

  it('finds the vehicle inspection service when searching 机动车检验', async () => {
    const page = await openPage('/');
    await waitForContent(page);
    await page.locator('zheli-service-catalog [part~="search"]').fill('机动车检验');
    await expect
      .poll(async () => (await page.locator(catalogRows).allTextContents()).join('|'), {
        timeout: 15_000,
      })
      .toContain('机动车检验预约');
    const first = await page.locator(catalogRows).first().textContent();
    expect(first).toContain('机动车检验');
    await page.screenshot({ path: new URL('search.png', resultsDir).pathname, fullPage: true });
    expect(await violations(page)).toEqual([]);
    await page.close();
  }, 60_000);

  it('shows the service centre venue code, signed by the platform and verifiable offline', async () => {
    const page = await openPage('/');
    const image = page.getByRole('img', { name: /安吉县政务服务中心场所码/ });
    await image.waitFor({ timeout: 20_000 });
    await page.locator('zheli-qr-code [part~="payload"] summary').click();
    const token = (await page.locator('zheli-qr-code .payload-text').textContent())?.trim() ?? '';
    const client = createClient({ baseUrl: sandbox.url });
    const result = await verifyCode(token, {
      jwks: () => client.codes.keys(),
      issuer: sandbox.url,
      kind: 'venue',
    });
    expect(result.valid && result.claims.ref).toBe('site-anji-service-hall');
    expect(await violations(page)).toEqual([]);
    await page.close();
  });

  it('signs the Anji driver in through the real provider and shows the masked name', async () => {
    const page = await openPage('/');
    await waitForContent(page);
    // The sandbox signs a persona in when its interaction page is fetched with X-Zheli-Persona.
    // Playwright does not route requests reached through a redirect, so the test reloads the
    // interaction page once it lands there: that direct request carries the header.
    await page.route(`${sandbox.url}/interaction/**`, (route) =>
      route.continue({
        headers: { ...route.request().headers(), 'x-zheli-persona': 'p-anji-driver' },
      }),
    );
    const reloaded = new Set<string>();
    page.on('framenavigated', (frame) => {
      if (frame !== page.mainFrame() || !/\/interaction\/[^/?#]+$/.test(frame.url())) return;
      if (reloaded.has(frame.url())) return;
      reloaded.add(frame.url());
      frame.evaluate(() => location.replace(location.href)).catch(() => {});
    });
    await page.locator('zheli-login-button [part~="button"]').click();
    await page.waitForURL(`${site.url}/callback**`, { timeout: 20_000 });
    const name = page.locator('zheli-login-button [part~="name"]');
    await name.waitFor({ timeout: 20_000 });
    expect(await name.textContent()).toMatch(/已登录：\p{Script=Han}\*+\p{Script=Han}?/u);
    expect(new URL(page.url()).search).toBe('');
    await waitForContent(page);
    await page.screenshot({ path: new URL('signed-in.png', resultsDir).pathname, fullPage: true });
    expect(await violations(page)).toEqual([]);
    await page.close();
  }, 60_000);

  it('has no axe violations, in standard and in elder mode', async () => {
    for (const path of ['/', '/?_uiStyle=elder']) {
      const page = await openPage(path);
      await waitForContent(page);
      const before = await violations(page);
      expect(await axeViolations(page)).toEqual([]);
      expect(before).toEqual([]);
      await page.close();
    }
  }, 90_000);

  it('switches to elder mode (长辈版) and back from the top bar', async () => {
    const page = await openPage('/');
    await waitForContent(page);
    const standardSize = await page
      .locator(`${inspectionCard} [part~="name"]`)
      .evaluate((element) => Number.parseFloat(getComputedStyle(element).fontSize));
    await page.getByRole('link', { name: '长辈版', exact: true }).click();
    await page.waitForURL(/_uiStyle=elder/);
    await waitForContent(page);
    expect(await page.evaluate(() => document.documentElement.classList.contains('elder'))).toBe(
      true,
    );
    const elderSize = await page
      .locator(`${inspectionCard} [part~="name"]`)
      .evaluate((element) => Number.parseFloat(getComputedStyle(element).fontSize));
    expect(elderSize).toBeGreaterThanOrEqual(24);
    expect(elderSize).toBeGreaterThan(standardSize);
    const bodySize = await page.evaluate(() =>
      Number.parseFloat(getComputedStyle(document.body).fontSize),
    );
    expect(bodySize).toBeGreaterThanOrEqual(18);
    await page.screenshot({ path: new URL('elder.png', resultsDir).pathname, fullPage: true });
    expect(await violations(page)).toEqual([]);
    await page.getByRole('link', { name: '标准版', exact: true }).click();
    await page.waitForURL(`${site.url}/`);
    expect(await page.evaluate(() => document.documentElement.classList.contains('elder'))).toBe(
      false,
    );
    await page.close();
  }, 60_000);

  it('reaches the login button and then the catalog search with Tab alone', async () => {
    const page = await openPage('/');
    await waitForContent(page);
    const focused = () =>
      page.evaluate(() => {
        let active = document.activeElement;
        const path: string[] = [];
        while (active) {
          path.push(
            `${active.localName}${active.getAttribute('part') ? `[${active.getAttribute('part')}]` : ''}`,
          );
          active = active.shadowRoot?.activeElement ?? null;
        }
        return path.join(' > ');
      });
    const reached: string[] = [];
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      reached.push(await focused());
      if (reached.at(-1)?.includes('[search]')) break;
    }
    const login = reached.findIndex((path) => path.startsWith('zheli-login-button'));
    const search = reached.findIndex((path) =>
      path.includes('zheli-service-catalog > input[search]'),
    );
    expect(login).toBeGreaterThanOrEqual(0);
    expect(search).toBeGreaterThan(login);
    await page.close();
  }, 60_000);

  it('fits a phone screen', async () => {
    const page = await openPage('/', 390);
    await waitForContent(page);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBe(0);
    await page.screenshot({ path: new URL('phone.png', resultsDir).pathname, fullPage: true });
    await page.close();
  }, 60_000);
});

describe('the site server', () => {
  it('sends the strict CSP and the security headers, and serves only its own files', async () => {
    const response = await fetch(`${site.url}/`);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("require-trusted-types-for 'script'");
    expect(csp).toContain('trusted-types lit-html');
    expect(csp).toContain(`connect-src 'self' ${sandbox.url}`);
    expect(csp).not.toContain('unsafe');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    const html = await response.text();
    expect(html).toContain(`base-url="${sandbox.url}"`);
    expect(html).toContain(`redirect-uri="${site.url}/callback"`);
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).not.toMatch(/style=|<style/);
    expect((await fetch(`${site.url}/zheli/zheli-elements.js`)).status).toBe(200);
    expect((await fetch(`${site.url}/zheli/%2e%2e/package.json`)).status).toBe(404);
    expect((await fetch(`${site.url}/server.mjs`)).status).toBe(404);
    expect((await fetch(`${site.url}/`, { method: 'POST' })).status).toBe(405);
  });
});
