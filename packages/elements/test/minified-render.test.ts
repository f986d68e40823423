// The build's template minifiers (css`…` minified, html`…` layout whitespace collapsed:
// scripts/minify-css.mjs) change no pixel and no word: every element, bundled once with them and
// once from the sources as written, renders the same text, accessibility tree and screenshot.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Browser, chromium, type Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumArgs, findChromium } from '../../../scripts/chromium.mjs';
import { browserOptions, build } from '../scripts/bundle.mjs';

const page = `<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="utf-8" />
    <title>Templates</title>
    <script type="module" src="./page.js"></script>
    <style>body { inline-size: 900px; } zheli-service-card { display: block; }</style>
  </head>
  <body>
    <zheli-login-button></zheli-login-button>
    <zheli-region-picker value="330523"></zheli-region-picker>
    <zheli-service-card service-id="svc-330523-vehicle-inspection-booking"></zheli-service-card>
    <zheli-service-card variant="compact" service-id="svc-2"></zheli-service-card>
    <zheli-service-card mode="elder" service-id="svc-3"></zheli-service-card>
    <zheli-service-card service-id="svc-missing"></zheli-service-card>
    <zheli-service-catalog region="330523"></zheli-service-catalog>
    <zheli-qr-code kind="venue" site-id="site-anji-inspection-1"></zheli-qr-code>
    <zheli-qr-code value="浙里办" status="yellow" mode="elder"></zheli-qr-code>
    <zheli-appointment-picker service-id="svc-330523-vehicle-inspection-booking"></zheli-appointment-picker>
    <zheli-evaluation case-number="ZJ2026112300001"></zheli-evaluation>
  </body>
</html>`;

/** Files by path, one set per build: `/minified/…` and `/as-written/…`. */
const files = new Map<string, Uint8Array>();
const bytes: Record<string, number> = {};
let server: Server;
let browser: Browser;
let origin: string;

beforeAll(async () => {
  const options = {
    entryPoints: { page: 'test/pages/templates-page.ts' },
    outdir: 'out',
    splitting: true,
    write: false,
  };
  const builds = {
    minified: browserOptions(options),
    'as-written': browserOptions({ ...options, plugins: [] }),
  };
  for (const [name, buildOptions] of Object.entries(builds)) {
    const result = await build(buildOptions);
    bytes[name] = 0;
    for (const file of result.outputFiles ?? []) {
      const path = file.path.split('/out/')[1];
      files.set(`/${name}/${path}`, file.contents);
      bytes[name] += file.contents.length;
    }
  }
  server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    const body = path.endsWith('/page.html') ? page : files.get(path);
    if (body === undefined) {
      response.writeHead(404).end();
      return;
    }
    const type = path.endsWith('.js') ? 'text/javascript' : 'text/html; charset=utf-8';
    response.writeHead(200, { 'content-type': type }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

interface Rendering {
  text: string[];
  accessibility: string[];
  screenshot: Buffer;
}

/** The page of one build in `locale`, the picker opened on a day with slots. */
async function render(build: string, locale: string): Promise<Rendering> {
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
  const tab: Page = await context.newPage();
  await tab.clock.setFixedTime(new Date('2026-11-23T10:00:00+08:00'));
  await tab.goto(`${origin}/${build}/page.html?locale=${locale}`);
  await tab.locator('zheli-service-catalog').scrollIntoViewIfNeeded();
  await tab.locator('zheli-service-catalog [part~="item"]').first().waitFor();
  await tab.locator('zheli-qr-code[kind="venue"] [part~="code"]').waitFor();
  const picker = tab.locator('zheli-appointment-picker');
  await picker.locator('[part~="site"]').first().click();
  await picker.locator('[part~="day"][data-date="2026-11-24"]').click();
  await picker.locator('[part~="slot"]').first().waitFor();
  await tab.evaluate(() => window.scrollTo(0, 0));
  // The text a person reads in each element's shadow root, as the browser lays it out.
  const text = await tab.evaluate(() =>
    [...document.body.children].map((element) =>
      [...(element.shadowRoot?.children ?? [])]
        // biome-ignore lint/performance/useDomNodeTextContent: the laid-out text is the point
        .map((child) => (child instanceof HTMLElement ? child.innerText : ''))
        .join('\n'),
    ),
  );
  const cdp = await context.newCDPSession(tab);
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
    nodes: { ignored: boolean; role?: { value: string }; name?: { value: string } }[];
  };
  const accessibility = nodes
    .filter((node) => !node.ignored)
    .map((node) => `${node.role?.value}: ${node.name?.value ?? ''}`);
  const screenshot = await tab.screenshot({ fullPage: true });
  await context.close();
  return { text, accessibility, screenshot };
}

describe('the template minifiers on real element output', () => {
  it('make the bundle smaller', () => {
    expect(bytes.minified).toBeLessThan((bytes['as-written'] ?? 0) - 5_000);
  });

  // The fact line is the one a minifier that drops whitespace between tags breaks ("Fee¥50.00").
  it.each([
    ['zh-CN', '承诺时限 3 个工作日'],
    ['en', 'Promised time 3 working days'],
  ])(
    'render every element as the sources do: same text, accessibility tree and pixels (%s)',
    async (locale, fact) => {
      const minified = await render('minified', locale);
      const written = await render('as-written', locale);
      expect(minified.text.join('\n')).toContain(fact);
      expect(minified.text).toEqual(written.text);
      expect(minified.accessibility.length).toBeGreaterThan(300);
      expect(minified.accessibility).toEqual(written.accessibility);
      expect(minified.screenshot.equals(written.screenshot)).toBe(true);
    },
    60_000,
  );
});
