// The drop-in row: a county page with the drop-in's script tag and a `<zheli-service-catalog>`,
// from navigation to the catalog's first screen, over a network whose every request waits a
// fixed latency (Chromium's network emulation), over HTTP/1.1 and HTTP/2, with the drop-in's
// loader (which asks for every file the page needs at once) and without it (the same build's
// main module as the page's script, as the drop-in was before: each file found once the file
// importing it has arrived). Then the API on another origin behind a socket-level delay, with
// the loader's preconnect and without it (see `benchOtherOrigin`).
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright';
import { buildDropIn } from '../../packages/elements/scripts/build-browser.mjs';
import { chromiumArgs, findChromium } from '../chromium.mjs';
import { fixed, max, median, runs, smoke } from './measure.mjs';
import {
  delayedPort,
  recordCatalogPage,
  selfSigned,
  servePages,
  watchCatalogSource,
} from './pages.mjs';
import { report, say } from './report.mjs';

/** Milliseconds each request waits, as on a mobile network; 0 for the local machine. */
const latencies = [0, 100];

/** Round trip of the API on another origin, in milliseconds (see `benchOtherOrigin`). */
const roundTrip = 100;

const dropInPage = (
  script,
  baseUrl = '/',
) => `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>bench</title>
<script type="module" src="${script}"></script></head><body>
<zheli-config base-url="${baseUrl}"><zheli-service-catalog></zheli-service-catalog></zheli-config>
<script type="module">
${watchCatalogSource}
watchCatalog(document.querySelector('zheli-service-catalog'));
</script></body></html>`;

/**
 * One fresh page of `url` with every request waiting `latency` ms: when its first screen showed,
 * when the catalog asked for its data, and the scripts fetched.
 */
async function load(browser, url, latency) {
  const tab = await browser.newPage({
    viewport: { width: 1024, height: 768 },
    // The HTTP/2 server's certificate is its own.
    ignoreHTTPSErrors: true,
  });
  try {
    const cdp = await tab.context().newCDPSession(tab);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    let scripts = 0;
    tab.on('request', (request) => {
      if (request.resourceType() === 'script') scripts += 1;
    });
    await tab.goto(url);
    await tab.waitForFunction(() => window.benchShown !== undefined, null, { timeout: 60_000 });
    const result = await tab.evaluate(() => ({
      ms: window.benchShown,
      api: performance
        .getEntriesByType('resource')
        .find((entry) => entry.name.includes('/v1/services'))?.startTime,
    }));
    return { ...result, scripts };
  } finally {
    await tab.close();
  }
}

export async function benchDropIn(browser) {
  const recorded = await recordCatalogPage();
  const dir = await mkdtemp(join(tmpdir(), 'zheli-bench-drop-in-'));
  const samples = {};
  const files = {};
  let otherOrigin;
  try {
    const manifest = await buildDropIn(dir);
    const read = async (path) => (await readFile(join(dir, path))).toString();
    files['/zheli/zheli-elements.js'] = await read('zheli-elements.js');
    for (const name of await readdir(join(dir, 'chunks'))) {
      files[`/zheli/chunks/${name}`] = await read(`chunks/${name}`);
    }
    // The main module: the first of the files the loader lists.
    const main = `/zheli/chunks/${manifest.files[0]}.js`;
    // One certificate for every HTTP/2 server of the row.
    const tls = await selfSigned(dir);
    otherOrigin = await benchOtherOrigin({ recorded, files, tls });
    const kinds = {
      loader: { name: 'with the loader', script: '/zheli/zheli-elements.js' },
      direct: { name: 'without it (the main module as the script)', script: main },
    };
    const pages = Object.fromEntries(
      Object.entries(kinds).map(([kind, { script }]) => [
        `/${kind}`,
        { html: dropInPage(script), js: '' },
      ]),
    );
    const servers = {
      'HTTP/1.1': await servePages(pages, { '/v1/services': recorded }, files),
      'HTTP/2': await servePages(pages, { '/v1/services': recorded }, files, {
        tls,
      }),
    };
    // Each protocol at each latency, the two pages interleaved within it.
    const conditions = Object.entries(servers).flatMap(([protocol, server]) =>
      latencies.map((latency) => ({ protocol, server, latency })),
    );
    try {
      for (let run = smoke ? 1 : 0; run <= runs; run++) {
        for (const { protocol, server, latency } of conditions) {
          for (const kind of run % 2 ? Object.keys(kinds) : Object.keys(kinds).reverse()) {
            const result = await load(browser, `${server.url}/${kind}`, latency);
            if (run === 0) continue;
            const key = `${protocol} ${latency} ${kind}`;
            samples[key] ??= { ms: [], api: [], scripts: 0 };
            samples[key].ms.push(result.ms);
            samples[key].api.push(result.api);
            samples[key].scripts = Math.max(samples[key].scripts, result.scripts);
          }
        }
      }
    } finally {
      for (const server of Object.values(servers)) await server.stop();
    }
    report.dropIn = conditions.flatMap(({ protocol, latency }) =>
      Object.entries(kinds).map(([kind, { name }]) => {
        const { ms, api, scripts } = samples[`${protocol} ${latency} ${kind}`];
        return {
          protocol,
          latency,
          kind: name,
          scripts,
          api: median(api),
          median: median(ms),
          max: max(ms),
          ratio: median(ms) / median(samples[`${protocol} ${latency} direct`].ms),
        };
      }),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  say('### The drop-in over a slow network');
  say('');
  say(
    `A county page with the drop-in's script tag and a \`<zheli-service-catalog>\` (the first page of the sandbox's catalog, recorded and served locally), from navigation to the catalog's first screen (the list's box full of rows showing their services, as in the catalog's row), each run in a fresh page, the two interleaved, ${runs} runs after one to warm up; every request waits the latency first (Chromium's network emulation). With the loader, \`zheli-elements.js\` asks for every file the page's elements need at once; without it, the same build's main module is the page's script, as the drop-in was before, and each file is found only once the file importing it has arrived. Scripts are the files fetched; "API asked at" is when the catalog asked for its first page (medians). Over HTTP/1.1 (a site's own server, often) Chromium fetches six files a host at a time, so the loader's files arrive in waves of six; over HTTP/2 (a CDN; here TLS with the bench's own certificate) all at once.`,
  );
  say('');
  say(
    '| protocol | latency ms | drop-in | scripts | API asked at ms | median ms | max ms | × without |',
  );
  say('|---|---:|---|---:|---:|---:|---:|---:|');
  for (const row of report.dropIn) {
    say(
      `| ${row.protocol} | ${row.latency} | ${row.kind} | ${row.scripts} | ${fixed(row.api)} | ${fixed(row.median)} | ${fixed(row.max)} | ${fixed(row.ratio, 2)} |`,
    );
  }
  say('');
  say('#### The API on another origin');
  say('');
  say(
    `The same page with the loader, its scripts from one origin (a CDN) and the platform's API on another, as on a county's site; both over HTTP/2 behind a proxy that gives every connection a round trip of ${roundTrip} ms at the level of the socket (the TCP handshake, TLS's, then each request: what Chromium's emulation leaves out). The loader opens a connection to the API's origin while the code loads (\`<link rel="preconnect">\`); the page without it drops that link (a script of the bench's). Each run in a fresh browser with a profile of its own (Chromium opens no connection ahead in an incognito one), the two interleaved, ${runs} runs after one to warm up. "API request" is from when the catalog asked for its first page to its last byte (medians).`,
  );
  say('');
  say('| API connection | API asked at ms | API request ms | median ms | max ms | × without |');
  say('|---|---:|---:|---:|---:|---:|');
  for (const row of otherOrigin) {
    say(
      `| ${row.kind} | ${fixed(row.api)} | ${fixed(row.request)} | ${fixed(row.median)} | ${fixed(row.max)} | ${fixed(row.ratio, 2)} |`,
    );
  }
  say('');
}

/**
 * The drop-in's page with the API on another origin, with the loader's preconnect and without
 * it, each run in a fresh browser (so that no connection is left from the run before): when the
 * first screen showed, when the catalog asked for its data, and how long that request took.
 */
async function benchOtherOrigin({ recorded, files, tls }) {
  const api = await servePages({}, { '/v1/services': recorded }, {}, { tls, cors: true });
  const apiProxy = await delayedPort(Number(new URL(api.url).port), roundTrip);
  const apiOrigin = `https://127.0.0.1:${apiProxy.port}`;
  const site = await servePages(
    { '/page': { html: dropInPage('/zheli/zheli-elements.js', `${apiOrigin}/`), js: '' } },
    {},
    files,
    { tls },
  );
  const siteProxy = await delayedPort(Number(new URL(site.url).port), roundTrip);
  const kinds = {
    preconnect: 'opened while the code loads (the loader’s preconnect)',
    none: 'opened by the first request (the preconnect link dropped)',
  };
  const samples = { preconnect: [], none: [] };
  try {
    for (let run = smoke ? 1 : 0; run <= runs; run++) {
      for (const kind of run % 2 ? Object.keys(kinds) : Object.keys(kinds).reverse()) {
        const profile = await mkdtemp(join(tmpdir(), 'zheli-bench-profile-'));
        const context = await chromium.launchPersistentContext(profile, {
          executablePath: findChromium(),
          // The servers' certificate is the bench's own: accepted for every connection, the ones
          // opened ahead included (Playwright's `ignoreHTTPSErrors` covers only a page's requests).
          args: [...chromiumArgs, '--ignore-certificate-errors'],
          viewport: { width: 1024, height: 768 },
        });
        try {
          const tab = await context.newPage();
          if (kind === 'none') {
            // The link keeps every other attribute; a rel the browser does not know does nothing.
            await tab.addInitScript(() => {
              const rel = Object.getOwnPropertyDescriptor(HTMLLinkElement.prototype, 'rel');
              Object.defineProperty(HTMLLinkElement.prototype, 'rel', {
                ...rel,
                set(value) {
                  rel.set.call(this, value === 'preconnect' ? 'bench-dropped' : value);
                },
              });
            });
          }
          await tab.goto(`https://127.0.0.1:${siteProxy.port}/page`);
          await tab.waitForFunction(() => window.benchShown !== undefined, null, {
            timeout: 60_000,
          });
          const result = await tab.evaluate(() => {
            const entry = performance
              .getEntriesByType('resource')
              .find((each) => each.name.includes('/v1/services'));
            return {
              ms: window.benchShown,
              api: entry.startTime,
              request: entry.responseEnd - entry.startTime,
              preconnects: document.querySelectorAll('link[rel="preconnect"]').length,
            };
          });
          if (result.preconnects !== (kind === 'preconnect' ? 1 : 0))
            throw new Error(`the ${kind} page has ${result.preconnects} preconnect links`);
          if (run > 0) samples[kind].push(result);
        } finally {
          await context.close();
          await rm(profile, { recursive: true, force: true });
        }
      }
    }
  } finally {
    await siteProxy.stop();
    await site.stop();
    await apiProxy.stop();
    await api.stop();
  }
  const of = (kind, key) => samples[kind].map((sample) => sample[key]);
  return Object.entries(kinds).map(([kind, name]) => ({
    kind: name,
    api: median(of(kind, 'api')),
    request: median(of(kind, 'request')),
    median: median(of(kind, 'ms')),
    max: max(of(kind, 'ms')),
    ratio: median(of(kind, 'ms')) / median(of('none', 'ms')),
  }));
}
