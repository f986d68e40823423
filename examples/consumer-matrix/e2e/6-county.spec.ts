// The county snippets of docs/elements.md, pasted: the "County site: copy and paste" page with
// the booking snippet's <zheli-config> added to its body, read from the docs at run time. Only
// the origins change: the drop-in's CDN becomes a server of the installed @zheli/elements package
// (sending CORS headers, as a CDN does), the API and the sign-in the sandbox.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';
import {
  bookAndReadTicket,
  check,
  chooseSlot,
  consumersDir,
  errors,
  expect,
  expectCardName,
  sandboxUrl,
  signInOnPlatform,
} from './fixtures.ts';

/** The first ```html block after `heading` in docs/elements.md. */
async function snippet(heading: string): Promise<string> {
  const docs = await readFile(new URL('../../../docs/elements.md', import.meta.url), 'utf8');
  const at = docs.indexOf(heading);
  const found = at < 0 ? undefined : /```html\n([\s\S]*?)```/.exec(docs.slice(at))?.[1];
  if (found === undefined) throw new Error(`No html snippet under ${heading} in docs/elements.md`);
  return found;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Serves the installed package at /@zheli/elements@<range>/… with CORS, as unpkg does. */
async function startCdn(): Promise<{ url: string; server: Server }> {
  const root = join(consumersDir, 'county/node_modules/@zheli/elements');
  const server = createServer(async (request, response) => {
    const path = normalize(new URL(request.url ?? '/', 'http://x').pathname);
    const file = /^\/@zheli\/elements@[^/]+\/(dist\/.+\.js)$/.exec(path)?.[1];
    const body = file ? await readFile(join(root, file)).catch(() => undefined) : undefined;
    if (!body) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, {
      'content-type': 'text/javascript; charset=utf-8',
      'access-control-allow-origin': '*',
    });
    response.end(body);
  });
  return { url: await listen(server), server };
}

/** Serves the pasted page at every path (the page is its own redirect URI by default). */
async function startSite(page: string): Promise<{ url: string; server: Server }> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(page);
  });
  return { url: await listen(server), server };
}

async function pastedPage(cdn: string): Promise<string> {
  const county = await snippet('## County site: copy and paste');
  const booking = await snippet('## Booking: `<zheli-appointment-picker>`');
  return county
    .replace('</body>', `${booking}</body>`)
    .replaceAll('https://unpkg.com', cdn)
    .replaceAll('https://api.zheli.example.gov.cn', sandboxUrl)
    .replaceAll('https://id.zjzwfw.gov.cn', sandboxUrl);
}

let stopped: Server[] = [];
async function start(): Promise<string> {
  const cdn = await startCdn();
  const site = await startSite(await pastedPage(cdn.url));
  stopped = [cdn.server, site.server];
  return site.url;
}

async function stop(): Promise<void> {
  for (const server of stopped) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  stopped = [];
}

check(
  'county: the county snippet renders data with the drop-in from the package',
  async ({ page }) => {
    const site = await start();
    try {
      await page.goto(site);
      await expectCardName(page);
      await expect(page.locator('zheli-region-picker [part~="value"]')).toContainText('安吉县');
      await expect(page.locator('zheli-service-catalog [part~="item"]').first()).toBeVisible();
      expect(errors(page)).toEqual([]);
    } finally {
      await stop();
    }
  },
);

check(
  'county: the booking snippet signs in by redirect, books a slot and reads the ticket',
  async ({ page }) => {
    const site = await start();
    try {
      await page.goto(site);
      await chooseSlot(page);
      await page.locator('zheli-appointment-picker [part~="sign-in"]').first().click();
      await signInOnPlatform(page, site);
      await bookAndReadTicket(page);
      expect(errors(page)).toEqual([]);
    } finally {
      await stop();
    }
  },
);
