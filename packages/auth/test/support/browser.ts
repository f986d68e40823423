import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Browser, BrowserContext, LaunchOptions, Page } from 'playwright';
import { chromium } from 'playwright';
import { afterAll, beforeAll } from 'vitest';
import { chromiumArgs, findChromium } from '../../../../scripts/chromium.mjs';
import { startOp, type TestOp } from './op.ts';

/** What the test app's `settle()` hands back: the value, or the error's wire fields. */
type Settled<T> =
  | { ok: true; value: T }
  | { ok: false; error: { code?: string; reason?: string; message: string } };

/** The test app's `window.zheli` (test/e2e/app.ts), as the tests reach it in `page.evaluate`. */
export interface TestAppApi {
  auth: import('../../src/index.ts').Auth;
  events: string[];
  callback: Settled<{ user: { sub: string }; returnTo?: string } | null>;
  settle<T>(task: () => Promise<T>): Promise<Settled<T>>;
  me(): Promise<{ status: number; body: { sub?: string } | null }>;
  user(): Promise<{ sub: string } | null>;
}

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

/**
 * Chromium and the provider for a test file: started (together) before its tests, handed to
 * `use`, and stopped after them.
 */
export function withBrowserAndOp(use: (started: { browser: Browser; op: TestOp }) => void): void {
  let started: { browser: Browser; op: TestOp } | undefined;
  beforeAll(async () => {
    const [browser, op] = await Promise.all([launchChromium(), startOp()]);
    started = { browser, op };
    use(started);
  });
  afterAll(async () => {
    await started?.browser.close();
    await started?.op.stop();
  });
}
