// The county snippets of docs/elements.md, pasted, each as its own page under the Content Security
// Policy the docs give, all read from the docs at run time. What changes is what points at the
// released package and the real platform: the CDN becomes a server of the installed
// @zheli/elements package (sending CORS headers, as unpkg does), the script's integrity that
// file's hash (the docs pin the released file's), the API and the sign-in the sandbox. The
// county snippet's <style> block moves into a stylesheet of the page's origin, as the docs say
// to do under `style-src 'self'`.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
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
  violations,
} from './fixtures.ts';

const docs = () => readFile(new URL('../../../docs/elements.md', import.meta.url), 'utf8');

/** The first fenced block of `language` after `heading` in docs/elements.md. */
async function fenced(heading: string, language: string): Promise<string> {
  const text = await docs();
  const at = text.indexOf(heading);
  const found =
    at < 0 ? undefined : new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``).exec(text.slice(at));
  if (found?.[1] === undefined) {
    throw new Error(`No ${language || 'plain'} block under ${heading} in docs/elements.md`);
  }
  return found[1];
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const packageRoot = () => join(consumersDir, 'county/node_modules/@zheli/elements');

/** Serves the installed package at /@zheli/elements@<version>/… with CORS, as unpkg does. */
async function startCdn(): Promise<{ url: string; server: Server }> {
  const server = createServer(async (request, response) => {
    const path = normalize(new URL(request.url ?? '/', 'http://x').pathname);
    const file = /^\/@zheli\/elements@[^/]+\/(dist\/.+\.js)$/.exec(path)?.[1];
    const body = file
      ? await readFile(join(packageRoot(), file)).catch(() => undefined)
      : undefined;
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

/**
 * Serves `page` at every path (the page is its own redirect URI by default) under `csp`, and
 * `stylesheet` at /site.css.
 */
async function startSite(
  page: string,
  csp: string,
  stylesheet: string,
): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    if (new URL(request.url ?? '/', 'http://x').pathname === '/site.css') {
      response.writeHead(200, { 'content-type': 'text/css; charset=utf-8' });
      response.end(stylesheet);
      return;
    }
    response.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': csp,
    });
    response.end(page);
  });
  return { url: await listen(server), server };
}

/** The docs' addresses of the released package and the platform, pointed at this run's servers. */
async function swapOrigins(text: string, cdn: string): Promise<string> {
  const integrity = `sha384-${createHash('sha384')
    .update(await readFile(join(packageRoot(), 'dist/browser/zheli-elements.js')))
    .digest('base64')}`;
  return text
    .replace(/integrity="sha384-[^"]*"/g, `integrity="${integrity}"`)
    .replaceAll('https://unpkg.com', cdn)
    .replaceAll('https://api.zheli.example.gov.cn', sandboxUrl)
    .replaceAll('https://id.zjzwfw.gov.cn', sandboxUrl)
    .replaceAll('http://127.0.0.1:4010', sandboxUrl);
}

let stopped: Server[] = [];

/** Serves the snippet under `heading` on a site of its own, and the CDN; returns the site. */
async function start(heading: string): Promise<string> {
  const cdn = await startCdn();
  stopped = [cdn.server];
  let page = await swapOrigins(await fenced(heading, 'html'), cdn.url);
  const csp = await swapOrigins(
    (await fenced('### Content Security Policy', ''))
      .replace(/^Content-Security-Policy:\s*/, '')
      .replace(/\s+/g, ' ')
      .trim(),
    cdn.url,
  );
  // `style-src 'self'`: the snippet's <style> block moves into the site's own stylesheet.
  const style = /<style>([\s\S]*?)<\/style>/.exec(page)?.[1] ?? '';
  page = page.replace(/<style>[\s\S]*?<\/style>/, '<link rel="stylesheet" href="/site.css" />');
  const site = await startSite(page, csp, style);
  stopped.push(site.server);
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
    const site = await start('## County site: copy and paste');
    try {
      await page.goto(site);
      await expectCardName(page);
      await expect(page.locator('zheli-region-picker [part~="value"]')).toContainText('安吉县');
      await expect(page.locator('zheli-service-catalog [part~="item"]').first()).toBeVisible();
      expect(await violations(page)).toEqual([]);
      expect(errors(page)).toEqual([]);
    } finally {
      await stop();
    }
  },
);

check(
  'county: the booking snippet signs in by redirect, books a slot and reads the ticket',
  async ({ page }) => {
    const site = await start('## Booking: `<zheli-appointment-picker>`');
    try {
      await page.goto(site);
      await chooseSlot(page);
      await page.locator('zheli-appointment-picker [part~="sign-in"]').first().click();
      await signInOnPlatform(page, site);
      await bookAndReadTicket(page);
      expect(await violations(page)).toEqual([]);
      expect(errors(page)).toEqual([]);
    } finally {
      await stop();
    }
  },
);

// --- Every HTML block of docs/ that is meant to be pasted, pasted. ---
//
// A block that starts with `<!doctype html>` is a whole page and is served as it is. Any other
// block says on the line before its fence where it goes (the marker is required; a block without
// one fails the check that lists them):
//   <!-- fragment: body -->    into the <body> of a page that loads the drop-in;
//   <!-- fragment: config -->  inside a configured <zheli-config> in that body;
//   <!-- fragment: head -->    into that page's <head>;
//   <!-- not pasted: why -->   not a block to paste (a template with placeholders).
// Each page is served under the docs' CSP (its `script-src` also names the sandbox, for the
// container emulator's script) with the origins swapped as above; every element of the block
// must be defined and rendered, with no CSP violation and no uncaught error.

interface HtmlBlock {
  where: string;
  code: string;
  marker: string | null;
}

/** The HTML blocks of every guide in docs/ (not the generated reference in docs/api/). */
function htmlBlocks(): HtmlBlock[] {
  const root = fileURLToPath(new URL('../../../docs/', import.meta.url));
  const found: HtmlBlock[] = [];
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter(
    (file) => file.endsWith('.md') && !/^(api|node_modules)[/\\]/.test(file),
  );
  for (const file of files.sort()) {
    const lines = readFileSync(join(root, file), 'utf8').split('\n');
    for (let i = 0; i < lines.length; i += 1) {
      if (lines[i]?.trim() !== '```html') continue;
      const end = lines.findIndex((line, j) => j > i && line.trim() === '```');
      const marker = /^<!--\s*((?:fragment|not pasted):[^>]*?)\s*-->$/.exec(
        lines[i - 1]?.trim() ?? '',
      );
      found.push({
        where: `docs/${file}:${i + 1}`,
        code: lines.slice(i + 1, end).join('\n'),
        marker: marker?.[1] ?? null,
      });
      i = end;
    }
  }
  return found;
}

/** The page a block is pasted into: itself, or a host page that loads the drop-in. */
async function hostPage(block: HtmlBlock): Promise<string> {
  if (/^<!doctype html>/i.test(block.code.trimStart())) return block.code;
  const dropIn = /<script type="module" src="https:\/\/unpkg\.com[^>]*><\/script>/.exec(
    await fenced('## County site: copy and paste', 'html'),
  )?.[0];
  const kind = /^fragment:\s*(\w+)/.exec(block.marker ?? '')?.[1];
  const head = kind === 'head' ? block.code : '';
  const body =
    kind === 'config'
      ? `<zheli-config base-url="https://api.zheli.example.gov.cn" authority="https://id.zjzwfw.gov.cn" client-id="county-site" locale="zh-CN">\n${block.code}\n</zheli-config>`
      : kind === 'body'
        ? block.code
        : '';
  return `<!doctype html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8" />\n<title>pasted</title>\n${dropIn}\n${head}\n</head>\n<body>\n${body}\n</body>\n</html>\n`;
}

const blocks = htmlBlocks();

check('docs: every HTML block is a whole page or says where it is pasted', async () => {
  const unmarked = blocks
    .filter((block) => block.marker === null && !/^<!doctype html>/i.test(block.code.trimStart()))
    .map((block) => block.where);
  expect(unmarked).toEqual([]);
  expect(blocks.length).toBeGreaterThan(5);
});

for (const block of blocks.filter((b) => !b.marker?.startsWith('not pasted'))) {
  check(`docs: the HTML block at ${block.where} works when pasted`, async ({ page }) => {
    const cdn = await startCdn();
    stopped = [cdn.server];
    try {
      const csp = (
        await swapOrigins(
          (
            await fenced('### Content Security Policy', '')
          )
            .replace(/^Content-Security-Policy:\s*/, '')
            .replace(/\s+/g, ' ')
            .trim(),
          cdn.url,
        )
      ).replace('script-src ', `script-src ${sandboxUrl} `);
      let html = await swapOrigins(await hostPage(block), cdn.url);
      const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
      html = html.replace(/<style>[\s\S]*?<\/style>/, '<link rel="stylesheet" href="/site.css" />');
      const site = await startSite(html, csp, style);
      stopped.push(site.server);
      await page.goto(site.url);
      const tags = [...new Set(block.code.match(/<zheli-[a-z-]+/g) ?? [])].map((tag) =>
        tag.slice(1),
      );
      for (const tag of tags) {
        await page.waitForFunction((name) => customElements.get(name) !== undefined, tag);
        await expect(page.locator(tag).first()).toBeAttached();
        expect(
          await page
            .locator(tag)
            .first()
            .evaluate((element) => element.shadowRoot !== null),
          `<${tag}> rendered`,
        ).toBe(true);
      }
      expect(await violations(page)).toEqual([]);
      expect(errors(page)).toEqual([]);
    } finally {
      await stop();
    }
  });
}
