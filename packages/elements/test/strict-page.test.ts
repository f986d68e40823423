// The built drop-in on real pages in Chromium: a page served with a strict CSP and Trusted Types
// records no violation, a page whose cards load late records no layout shift, the loader asks for
// every file at once, it runs no file that fails its integrity check, and it connects to the
// platform's API while the code loads.
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chromiumArgs, findChromium } from '../../../scripts/chromium.mjs';
import { dropInManifest } from '../scripts/size.mjs';
import { buildDropIn, type DropIn } from './drop-in.js';
import { service } from './fake-data.js';

const csp =
  "default-src 'self'; style-src 'self'; require-trusted-types-for 'script'; trusted-types lit-html";
const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

let server: Server;
let browser: Browser;
let dropIn: DropIn;
let origin: string;
/** Pages made by a test: path → HTML and the CSP it is served with. */
const madePages = new Map<string, { html: string; csp: string }>();
/**
 * Called before a file under `/held/` (the drop-in served again under another path) is served:
 * a test holds a file there until what it waits for has happened.
 */
let hold: (path: string) => Promise<void> = async () => {};
/** What a file of the drop-in is served as: a test may change a file, as a tampered CDN would. */
let served: (path: string, body: Buffer) => Buffer = (_, body) => body;

beforeAll(async () => {
  dropIn = await buildDropIn();
  server = createServer(async (request, response) => {
    let path = normalize(new URL(request.url ?? '/', 'http://x').pathname);
    const made = madePages.get(path);
    if (made !== undefined) {
      response.writeHead(200, {
        'content-type': types['.html'],
        'content-security-policy': made.csp,
      });
      response.end(made.html);
      return;
    }
    if (path.startsWith('/held/')) {
      path = path.slice('/held'.length);
      await hold(path);
    }
    if (!path.startsWith('/test/pages/') && !path.startsWith('/dist/browser/')) {
      response.writeHead(404).end();
      return;
    }
    try {
      const body = await readFile(dropIn.file(path));
      response.writeHead(200, {
        'content-type': types[extname(path)] ?? 'application/octet-stream',
        'content-security-policy': csp,
      });
      response.end(served(path, body));
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
}, 60_000);

afterAll(async () => {
  await dropIn?.remove();
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

/** Runs in a page before its scripts: keeps every CSP violation (see `violations`). */
function recordViolations() {
  const seen: string[] = [];
  Object.assign(window, { violations: seen });
  document.addEventListener('securitypolicyviolation', (event) => {
    seen.push(`${event.violatedDirective} ${event.blockedURI} ${event.sample}`);
  });
}

async function open(path: string): Promise<Page> {
  const page = await browser.newPage();
  await page.addInitScript(recordViolations);
  await page.addInitScript(() => {
    const shifts: number[] = [];
    Object.assign(window, { shifts });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & {
        value: number;
        hadRecentInput: boolean;
      })[]) {
        if (!entry.hadRecentInput) shifts.push(entry.value);
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto(`${origin}${path}`);
  return page;
}

const violations = (page: Page) =>
  page.evaluate(() => (window as unknown as { violations: string[] }).violations);

describe('the drop-in on a page with a strict CSP and Trusted Types', () => {
  it.each(['zh-CN', 'zh-TW', 'en'])(
    'records no violation with every element rendered and used (%s)',
    async (locale) => {
      const page = await open(`/test/pages/csp.html?locale=${locale}`);
      const dialogs: string[] = [];
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      await page.locator('zheli-service-catalog').scrollIntoViewIfNeeded();
      await page.locator('zheli-service-catalog [part~="item"]').first().waitFor({ timeout: 5000 });
      await page
        .locator('zheli-service-card[service-id="svc-hostile"] [part~="name"]')
        .waitFor({ timeout: 5000 });
      await page.locator('zheli-login-button [part~="name"]').waitFor({ timeout: 5000 });
      await page.locator('zheli-region-picker [part~="combobox"]').click();
      await page.locator('zheli-region-picker [part~="option"]').first().waitFor({ timeout: 5000 });
      await page.keyboard.press('Escape');
      await page.locator('zheli-service-catalog [part~="search"]').fill('服务1');
      await page.locator('zheli-service-catalog [part~="list"]').evaluate((list) => {
        list.scrollTop = list.scrollHeight;
      });
      await page.locator('zheli-qr-code[kind="venue"] [part~="code"]').waitFor({ timeout: 5000 });
      await page.locator('zheli-qr-code[logo] [part~="copy-button"]').click();
      await page.locator('zheli-qr-code[logo] [part~="payload"] summary').click();
      await page.waitForTimeout(500);
      expect(await violations(page)).toEqual([]);
      expect(dialogs).toEqual([]);
      const hostile = await page
        .locator('zheli-service-card[service-id="svc-hostile"]')
        .evaluate((card) => ({
          name: card.shadowRoot?.querySelector('[part~="name"]')?.textContent,
          images: card.shadowRoot?.querySelectorAll('img').length,
        }));
      expect(hostile).toEqual({ name: '<img src=x onerror=alert(1)>', images: 0 });
      await page.close();
    },
    30_000,
  );

  it('does record a violation when something breaks the policy (the check can fail)', async () => {
    const page = await open('/test/pages/csp.html');
    await page
      .locator('zheli-service-card[service-id="svc-1"] [part~="name"]')
      .waitFor({ timeout: 5000 });
    await page.evaluate(() => {
      document.body.setAttribute('style', 'color: red');
    });
    await page.waitForTimeout(100);
    expect((await violations(page)).join()).toContain('style-src');
    await page.close();
  }, 30_000);
});

describe('layout stability', () => {
  it('shifts nothing while the elements are defined and their cards load (CLS = 0)', async () => {
    const page = await open('/test/pages/cls.html?delay=400');
    await page
      .locator('zheli-service-card[service-id="svc-8"] [part~="name"]')
      .waitFor({ timeout: 5000 });
    await page.waitForTimeout(300);
    const shifts = await page.evaluate(() => (window as unknown as { shifts: number[] }).shifts);
    expect(shifts.reduce((sum, value) => sum + value, 0)).toBe(0);
    expect(await violations(page)).toEqual([]);
    await page.close();
  }, 30_000);

  it('does measure shifts: without the :not(:defined) guidance the same page shifts (the check can fail)', async () => {
    const page = await open('/test/pages/cls-unsized.html?delay=400');
    await page
      .locator('zheli-service-card[service-id="svc-8"] [part~="name"]')
      .waitFor({ timeout: 5000 });
    await page.waitForTimeout(300);
    const shifts = await page.evaluate(() => (window as unknown as { shifts: number[] }).shifts);
    expect(shifts.reduce((sum, value) => sum + value, 0)).toBeGreaterThan(0);
    await page.close();
  }, 30_000);
});

describe('the drop-in’s sign-in chunk', () => {
  it('is fetched only when someone presses sign in', async () => {
    const loader = await readFile(join(dropIn.dir, 'zheli-elements.js'), 'utf8');
    const main = dropInManifest(loader).main;
    const code = await Promise.all(main.map((path) => readFile(join(dropIn.dir, path), 'utf8')));
    const lazy = code.flatMap((text) =>
      [...text.matchAll(/import\("\.\/([^"]+\.js)"\)/g)].map((match) => `chunks/${match[1]}`),
    );
    const texts = await Promise.all(lazy.map((path) => readFile(join(dropIn.dir, path), 'utf8')));
    const authChunk = lazy.find((_, index) =>
      texts[index]?.includes('The sign-in popup was blocked'),
    );
    expect(authChunk).toBeDefined();
    const page = await browser.newPage();
    const requested: string[] = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    await page.goto(`${origin}/test/pages/signin.html`);
    await page.locator('zheli-login-button [part~="button"]').waitFor({ timeout: 5000 });
    await page.waitForTimeout(300);
    expect(requested).not.toContain(`/dist/browser/${authChunk}`);
    await page.locator('zheli-login-button [part~="button"]').click();
    await expect.poll(() => requested, { timeout: 5000 }).toContain(`/dist/browser/${authChunk}`);
    await page.close();
  }, 30_000);
});

describe('the drop-in’s loading', () => {
  it('asks for every file the page’s elements need at once, in the loader’s first step', async () => {
    const page = await browser.newPage();
    // The modulepreload links added, one list per MutationObserver delivery: a script's
    // synchronous run is delivered as one list.
    await page.addInitScript(() => {
      const deliveries: string[][] = [];
      Object.assign(window, { deliveries });
      new MutationObserver((records) => {
        const links = records
          .flatMap((record) => [...record.addedNodes])
          .filter(
            (node): node is HTMLLinkElement =>
              node instanceof HTMLLinkElement && node.rel === 'modulepreload',
          );
        if (links.length > 0) deliveries.push(links.map((link) => new URL(link.href).pathname));
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(`${origin}/test/pages/csp.html`);
    await page.locator('zheli-service-catalog [part~="item"]').first().waitFor({ timeout: 5000 });
    await page
      .locator('zheli-service-card[service-id="svc-1"] [part~="name"]')
      .waitFor({ timeout: 5000 });
    await page.locator('zheli-qr-code[kind="venue"] [part~="code"]').waitFor({ timeout: 5000 });
    await page.locator('zheli-region-picker [part~="combobox"]').waitFor({ timeout: 5000 });
    await page.locator('zheli-login-button [part~="button"]').first().waitFor({ timeout: 5000 });
    const { deliveries, fetched } = await page.evaluate(() => ({
      deliveries: (window as unknown as { deliveries: string[][] }).deliveries,
      fetched: (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
        .filter((entry) => new URL(entry.name).pathname.startsWith('/dist/browser/'))
        .map((entry) => new URL(entry.name).pathname),
    }));
    await page.close();
    const first = new Set(deliveries[0]);
    // The loader itself, then every file through the links of its first step: none found late
    // by an import (without the loader, the files arrived in up to seven rounds).
    expect(fetched[0]).toBe('/dist/browser/zheli-elements.js');
    expect(fetched.slice(1).filter((path) => !first.has(path))).toEqual([]);
    // The page's elements and the client need many files (the check is not vacuous): 13 with
    // the loader since Rollup merges esbuild's small chunks (the bound was 20 before).
    expect(fetched.length).toBeGreaterThan(10);
  }, 30_000);
});

describe('the drop-in’s integrity checks', () => {
  afterEach(() => {
    served = (_, body) => body;
  });
  // A page that loads the drop-in and keeps what it reports: the loader's own failure, and the
  // warnings the elements log through `setLogger`.
  madePages.set('/test/integrity.html', {
    csp: '',
    html: `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>integrity</title>
<script type="module">
window.warnings = [];
try {
  window.dropIn = await import('/dist/browser/zheli-elements.js');
  window.dropIn.setLogger({ warn: (...args) => window.warnings.push(args.map(String).join(' ')), error() {} });
} catch (error) {
  window.loaderError = String(error);
}
window.ready = true;
</script></head><body><zheli-service-card variant="compact"></zheli-service-card></body></html>`,
  });
  /** Serves the files whose path matches `pattern` changed (`times` times, then as built). */
  const tamper = (
    pattern: RegExp,
    /** Whether to change this one, given those changed so far (default: every one). */
    more: (path: string, changed: string[]) => boolean = () => true,
  ) => {
    const changed: string[] = [];
    served = (path, body) => {
      if (!pattern.test(path) || !more(path, changed)) return body;
      changed.push(path);
      return Buffer.concat([body, Buffer.from('\n;globalThis.tampered = true;\n')]);
    };
    return changed;
  };
  const state = (page: Page) =>
    page.evaluate(() => {
      const page = window as unknown as Record<string, unknown>;
      return {
        warnings: page.warnings as string[],
        loaderError: page.loaderError as string | undefined,
        tampered: page.tampered === true,
        card: customElements.get('zheli-service-card') !== undefined,
        config: customElements.get('zheli-config') !== undefined,
      };
    });
  const opened = async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/test/integrity.html`);
    await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true);
    return page;
  };

  it('wraps every import() of every chunk in the loader’s check, of the file it imports', async () => {
    const loader = await readFile(join(dropIn.dir, 'zheli-elements.js'), 'utf8');
    const { integrity } = dropInManifest(loader);
    const chunks = Object.keys(integrity);
    expect(chunks.length).toBeGreaterThan(20);
    let imports = 0;
    for (const path of chunks) {
      const code = await readFile(join(dropIn.dir, path), 'utf8');
      expect(integrity[path], path).toBe(
        `sha256-${createHash('sha256').update(code).digest('base64')}`,
      );
      const all = [...code.matchAll(/import\("\.\/([^"]+)"\)/g)].map((match) => match[1]);
      const checked = [
        ...code.matchAll(/(\w+)\("([^"]+)"\)\.then\(\(\)=>import\("\.\/([^"]+)"\)/g),
      ];
      expect(
        checked.map((match) => match[3]),
        path,
      ).toEqual(all);
      for (const match of checked) {
        expect(match[2], path).toBe(match[3]);
        expect(chunks, path).toContain(`chunks/${match[3]}`);
      }
      if (all.length > 0) expect(code, path).toContain('Symbol.for("zheli.drop-in")');
      imports += all.length;
    }
    // The elements on sight, the locales, the client, the sign-in code, the picker's views, …
    expect(imports).toBeGreaterThan(20);
  });

  it('defines an element whose files pass (the checks below can fail)', async () => {
    const page = await opened();
    await page.waitForFunction(() => customElements.get('zheli-service-card') !== undefined);
    expect(await state(page)).toMatchObject({ tampered: false, card: true, config: true });
    await page.close();
  }, 30_000);

  it('still loads the elements, unchecked, in a browser without modulepreload (Safari before 17)', async () => {
    const page = await browser.newPage();
    // As such a browser: it says it lacks the link type, and a link of that type fetches
    // nothing and fires no event (a loader that waited for one would wait for ever).
    await page.addInitScript(() => {
      const supports = DOMTokenList.prototype.supports;
      DOMTokenList.prototype.supports = function (token: string) {
        return token === 'modulepreload' ? false : supports.call(this, token);
      };
      const rel = Object.getOwnPropertyDescriptor(HTMLLinkElement.prototype, 'rel');
      Object.defineProperty(HTMLLinkElement.prototype, 'rel', {
        ...rel,
        set(value: string) {
          rel?.set?.call(this, value === 'modulepreload' ? 'x-unknown' : value);
        },
      });
    });
    await page.goto(`${origin}/test/integrity.html`);
    await page.waitForFunction(
      () => customElements.get('zheli-service-card') !== undefined,
      undefined,
      { timeout: 10_000 },
    );
    expect(
      await page.evaluate(() => document.querySelectorAll('link[rel="x-unknown"]').length),
    ).toBe(0);
    expect(await state(page)).toMatchObject({ tampered: false, card: true, config: true });
    await page.close();
  }, 30_000);

  it('does not run a changed element chunk: the element stays undefined and says why', async () => {
    const changed = tamper(/^\/dist\/browser\/chunks\/service-card-[^/]+\.js$/);
    const page = await opened();
    await expect
      .poll(async () => (await state(page)).warnings.join('\n'), { timeout: 10_000 })
      .toMatch(
        /<zheli-service-card> could not be loaded .*service-card-.*failed its integrity check/,
      );
    expect(changed.length).toBeGreaterThan(0);
    expect(await state(page)).toMatchObject({ tampered: false, card: false, config: true });
    await page.close();
  }, 30_000);

  it('asks again for an element’s own files that failed: the element is defined on a later try', async () => {
    // The card's files (its chunk and one it shares) each served changed twice: the loader's
    // first step and the element's own check may each fetch a file (a failure of the first
    // alone goes unseen), or share one fetch, and then the first retry fails too.
    const changed = tamper(
      /^\/dist\/browser\/chunks\/service-card-[^/]+\.js$/,
      (path, done) => done.filter((each) => each === path).length < 2,
    );
    const page = await opened();
    await expect
      .poll(async () => (await state(page)).warnings.join('\n'), { timeout: 10_000 })
      .toMatch(/<zheli-service-card> could not be loaded .*failed its integrity check/);
    // Asked for again 2 s later (and 4 s after that), served as built: it passes and runs.
    await expect.poll(async () => (await state(page)).card, { timeout: 20_000 }).toBe(true);
    expect(changed).toHaveLength(4);
    expect(new Set(changed).size).toBe(2);
    expect(await state(page)).toMatchObject({ tampered: false, config: true });
    await page.close();
  }, 40_000);

  it('does not run a changed main chunk: the loader fails and defines nothing', async () => {
    const changed = tamper(/^\/dist\/browser\/chunks\/browser-[^/]+\.js$/);
    const page = await opened();
    expect(changed.length).toBeGreaterThan(0);
    expect(await state(page)).toMatchObject({ tampered: false, card: false, config: false });
    expect((await state(page)).loaderError).toMatch(/browser-.*failed its integrity check/);
    await page.close();
  }, 30_000);

  it('does not run a changed lazy chunk (another locale), and asks for it again on the next switch', async () => {
    const changed = tamper(/^\/dist\/browser\/chunks\/en-[^/]+\.js$/, (_, done) => done.length < 1);
    const page = await opened();
    const cardText = () =>
      page.evaluate(
        () => document.querySelector('zheli-service-card')?.shadowRoot?.textContent ?? '',
      );
    const switched = () =>
      page.evaluate(() =>
        (window as unknown as { dropIn: { setLocale(locale: string): Promise<void> } }).dropIn
          .setLocale('en')
          .then(
            () => 'switched',
            (error: unknown) => String(error),
          ),
      );
    await expect.poll(cardText).toContain('未配置数据来源');
    expect(await switched()).toMatch(/en-.*failed its integrity check/);
    expect(changed).toHaveLength(1);
    expect(await state(page)).toMatchObject({ tampered: false });
    expect(await cardText()).toContain('未配置数据来源');
    // The file as built, asked for again by the next switch: it passes, runs, and the
    // elements speak English.
    expect(await switched()).toBe('switched');
    await expect.poll(cardText).toContain('This element has no data source yet');
    expect(await state(page)).toMatchObject({ tampered: false });
    await page.close();
  }, 30_000);

  it('asks again for the client that did not arrive: a card’s retry then shows its service', async () => {
    // Changed until the card shows its error: the loader's first step and the card's request
    // may each fetch the file (a failure of the first alone goes unseen: the request asks for
    // it again) or share one fetch, as a busy machine's timing has it.
    let changing = true;
    const changed = tamper(/^\/dist\/browser\/chunks\/client-[^/]+\.js$/, () => changing);
    // The platform's batch of services, on another origin.
    const api = createServer((request, response) => {
      const cors = {
        'access-control-allow-origin': '*',
        'access-control-allow-headers': '*',
      };
      if (request.method === 'OPTIONS') {
        response.writeHead(204, cors).end();
        return;
      }
      const ids = (new URL(request.url ?? '/', 'http://x').searchParams.get('ids') ?? '')
        .split(',')
        .filter(Boolean);
      response.writeHead(200, { ...cors, 'content-type': 'application/json' });
      response.end(
        JSON.stringify({ items: ids.map((id) => service({ id, name: '测试服务' })), missing: [] }),
      );
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    const apiOrigin = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
    madePages.set('/test/integrity-client.html', {
      csp: '',
      html: `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>integrity</title>
<script type="module" src="/dist/browser/zheli-elements.js"></script></head><body>
<zheli-config base-url="${apiOrigin}"><zheli-service-card service-id="svc-1"></zheli-service-card></zheli-config></body></html>`,
    });
    try {
      const page = await browser.newPage();
      await page.goto(`${origin}/test/integrity-client.html`);
      const retry = page.locator('zheli-service-card [part~="retry"]');
      await retry.waitFor({ timeout: 10_000 });
      // The card's request got the changed file; from now on it is served as built.
      expect(changed.length).toBeGreaterThan(0);
      changing = false;
      const fetched = changed.length;
      await retry.click();
      await expect
        .poll(() =>
          page.evaluate(
            () =>
              document
                .querySelector('zheli-service-card')
                ?.shadowRoot?.querySelector('[part~="name"]')?.textContent ?? '',
          ),
        )
        .toBe('测试服务');
      expect(changed).toHaveLength(fetched);
      expect(await state(page)).toMatchObject({ tampered: false });
      await page.close();
    } finally {
      await new Promise((resolve) => api.close(resolve));
    }
  }, 30_000);
});

describe('the drop-in’s connection to the platform', () => {
  it('opens the connection to the API’s origin while its code loads, and the first request uses it', async () => {
    // The platform's API on another origin: which connections it has, in the order they opened,
    // and which of them each request came on.
    const sockets: Socket[] = [];
    const requests: { path: string; socket: number }[] = [];
    let connected: () => void = () => {};
    const firstConnection = new Promise<void>((resolve) => {
      connected = resolve;
    });
    const api = createServer((request, response) => {
      requests.push({ path: request.url ?? '', socket: sockets.indexOf(request.socket) });
      response.writeHead(404, {
        'content-type': 'application/problem+json',
        'access-control-allow-origin': '*',
      });
      response.end('{"type":"about:blank","title":"Not Found","status":404}');
    });
    api.on('connection', (socket) => {
      sockets.push(socket);
      connected();
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    const apiOrigin = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
    // The drop-in's main module is held until the API has a connection (or 5 s have passed): the
    // elements' code, and so every request of theirs, comes after it.
    let connectionsAtMain: number | undefined;
    hold = async (path) => {
      if (!/^\/dist\/browser\/chunks\/browser-[^/]+\.js$/.test(path)) return;
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([
        firstConnection,
        new Promise((resolve) => {
          timer = setTimeout(resolve, 5000);
        }),
      ]);
      clearTimeout(timer);
      connectionsAtMain ??= sockets.length;
    };
    madePages.set('/test/preconnect.html', {
      csp: `${csp}; connect-src 'self' ${apiOrigin}`,
      html: `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>preconnect</title>
<script type="module" src="/held/dist/browser/zheli-elements.js"></script></head><body>
<zheli-config base-url="${apiOrigin}/"><zheli-service-card service-id="svc-1"></zheli-service-card></zheli-config>
<zheli-config base-url="${apiOrigin}/v2/"></zheli-config>
<zheli-config base-url="/"></zheli-config>
</body></html>`,
    });
    // A profile of its own: Chromium opens no connection ahead in an incognito profile (a new
    // context's), only in a person's.
    const profile = await mkdtemp(join(tmpdir(), 'zheli-preconnect-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: findChromium(),
      args: chromiumArgs,
    });
    const page = await context.newPage();
    await page.addInitScript(recordViolations);
    try {
      await page.goto(`${origin}/test/preconnect.html`);
      await expect
        .poll(() => requests.some((request) => request.path.startsWith('/v1/')), {
          timeout: 10_000,
        })
        .toBe(true);
      const links = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLLinkElement>('link[rel="preconnect"]')].map((link) => ({
          href: link.href,
          crossOrigin: link.crossOrigin,
        })),
      );
      // One link for the API's origin (named by two configurations), none for the page's own.
      expect(links).toEqual([{ href: `${apiOrigin}/`, crossOrigin: 'anonymous' }]);
      // The API had its connection before the elements' code was served…
      expect(connectionsAtMain).toBe(1);
      // …and the elements' requests came on it: a connection for requests without cookies.
      const used = requests.filter((request) => request.path.startsWith('/v1/'));
      expect(used.map((request) => request.socket)).toEqual(used.map(() => 0));
      expect(await violations(page)).toEqual([]);
    } finally {
      hold = async () => {};
      madePages.delete('/test/preconnect.html');
      await context.close();
      await rm(profile, { recursive: true, force: true });
      api.closeAllConnections();
      await new Promise((resolve) => api.close(resolve));
    }
  }, 30_000);
});
