// The built site (`npm run docs:build`) in Chromium: the live examples render from the stories'
// mocked platform, and the zh-CN guides and the generated reference are served. Runs after the
// build (turbo: the docs' `test` depends on `docs:build`).
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright';
import { chromiumArgs, findChromium } from '../../scripts/chromium.mjs';

const site = fileURLToPath(new URL('../.vitepress/dist/', import.meta.url));
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
};

let server;
let browser;
let origin;

before(async () => {
  server = createServer(async (request, response) => {
    let path = normalize(new URL(request.url ?? '/', 'http://x').pathname);
    if (path.endsWith('/')) path += 'index.html';
    try {
      const body = await readFile(join(site, path));
      response.writeHead(200, {
        'content-type': types[extname(path)] ?? 'application/octet-stream',
      });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

test('the live examples render from the mocked platform', async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${origin}/examples.html`);
  const shadowText = (selector) =>
    page.waitForFunction(
      ([css, text]) =>
        [...document.querySelectorAll(css)].every((element) =>
          element.shadowRoot?.textContent?.includes(text),
        ) && document.querySelectorAll(css).length > 0,
      selector,
      { timeout: 30_000 },
    );
  // The service by id (batched GET), twice, one of them in elder mode.
  await shadowText(['.zheli-example zheli-service-card', '机动车检验预约']);
  assert.equal(
    await page.evaluate(
      () => document.querySelectorAll('.zheli-example zheli-service-card').length,
    ),
    2,
  );
  // The catalogue of Anji, and the picker's calendar at the inspection site.
  await page.waitForFunction(
    () =>
      document
        .querySelector('.zheli-example zheli-service-catalog')
        ?.shadowRoot?.querySelector('[part~="item"]'),
    null,
    { timeout: 30_000 },
  );
  await shadowText(['.zheli-example zheli-appointment-picker', '安吉县机动车检测站']);
  assert.deepEqual(
    await page.evaluate(() =>
      [...document.querySelectorAll('.zheli-example p')].map((p) => p.textContent),
    ),
    [],
    'no example says it could not start',
  );
  assert.deepEqual(errors, []);
  await page.close();
});

test('the zh-CN guides and the generated reference are pages of the site', async () => {
  const page = await browser.newPage();
  for (const [path, title] of [
    ['/zh-CN/', '浙里办 SDK：县级网站团队从这里开始'],
    ['/zh-CN/county-site.html', '县级网站：复制粘贴'],
    ['/api/reference/client.html', '@zheli/client'],
    ['/api/elements/zheli-service-card.html', '<zheli-service-card>'],
  ]) {
    const response = await page.goto(`${origin}${path}`);
    assert.equal(response?.status(), 200, path);
    assert.equal(
      await page
        .locator('h1')
        .first()
        .textContent()
        .then((t) => t?.trim().replace(/\s*​$/, '')),
      title,
    );
  }
  await page.close();
});
