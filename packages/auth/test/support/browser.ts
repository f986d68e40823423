import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Browser, BrowserContext, LaunchOptions, Page } from 'playwright';
import { chromium } from 'playwright';
import { chromiumArgs, findChromium } from '../../../../scripts/chromium.mjs';

let bundle: Promise<string> | undefined;

/** The test app bundled for the browser once per test file. */
function appBundle(): Promise<string> {
  bundle ??= build({
    entryPoints: [fileURLToPath(new URL('../e2e/app.ts', import.meta.url))],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2023',
    write: false,
    logLevel: 'silent',
  }).then((result) => result.outputFiles[0]?.text ?? '');
  return bundle;
}

export interface TestApp {
  /** The app's origin on `localhost` (another site than the provider on 127.0.0.1). */
  url: string;
  config: Record<string, unknown>;
  stop(): Promise<void>;
}

/** Serves the test app (`/`, `/callback`, `/other`) with a config the test can change. */
export async function startApp(config: Record<string, unknown>): Promise<TestApp> {
  const js = await appBundle();
  const app: TestApp = { url: '', config, stop: async () => {} };
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/app.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(js);
    } else if (path === '/config.json') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(app.config));
    } else if (path === '/favicon.ico') {
      res.writeHead(404).end();
    } else {
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(
          '<!doctype html><html><head><title>partner app</title></head><body><script type="module" src="/app.js"></script></body></html>',
        );
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  app.url = `http://localhost:${(server.address() as AddressInfo).port}`;
  app.stop = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return app;
}

export function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: findChromium(),
    args: chromiumArgs,
    ...options,
  });
}

/**
 * Signs in at the provider as `persona`: the interaction page, loaded with the sandbox's
 * `X-Zheli-Persona` header, signs in and consents at once. Playwright does not route requests
 * reached through a redirect, so a page landing on the interaction page reloads it (a
 * direct request, which the route below gives the header).
 */
export async function actAs(context: BrowserContext, persona: string): Promise<void> {
  await context.route('**/interaction/**', async (route) => {
    if (route.request().method() !== 'GET') return route.continue();
    await route.continue({ headers: { ...route.request().headers(), 'x-zheli-persona': persona } });
  });
  const reloaded = new Set<string>();
  const watch = (page: Page) => {
    page.on('framenavigated', (frame) => {
      if (frame !== page.mainFrame() || !/\/interaction\/[^/?#]+$/.test(frame.url())) return;
      if (reloaded.has(frame.url())) return;
      reloaded.add(frame.url());
      // Reloaded from the page itself: a browser-initiated navigation would cut a popup off
      // from its opener.
      frame.evaluate(() => location.replace(location.href)).catch(() => {});
    });
  };
  for (const page of context.pages()) watch(page);
  context.on('page', watch);
}

/** Counts the requests a context sends to URLs matching `pattern`, by method. */
export function countRequests(
  context: BrowserContext,
  pattern: RegExp,
): { count: () => number; bodies: () => string[] } {
  const seen: string[] = [];
  context.on('request', (request) => {
    if (pattern.test(request.url()) && request.method() !== 'OPTIONS')
      seen.push(request.postData() ?? '');
  });
  return { count: () => seen.length, bodies: () => [...seen] };
}

export async function appReady(page: Page): Promise<void> {
  await page.waitForFunction(
    () => (window as unknown as { zheli?: { ready: boolean } }).zheli?.ready === true,
  );
}

/** Everything the origin keeps in the browser: Web Storage, cookies, IndexedDB databases. */
export async function browserStorage(page: Page) {
  const inPage = await page.evaluate(async () => ({
    localStorage: Object.keys(localStorage),
    sessionStorage: Object.keys(sessionStorage),
    documentCookie: document.cookie,
    indexedDb: (await indexedDB.databases()).map((d) => d.name),
  }));
  const cookies = (await page.context().cookies(page.url())).map((c) => c.name);
  return { ...inPage, cookies };
}
