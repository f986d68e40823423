// The SDK's benchmark, as apps get it: the built packages through their exports, in Debian's
// Chromium and in Node, each row interleaved with its floors (A B C D A B C D …, never A A … B B),
// reported as medians, the slowest run (named the max), and ratios to the floor, with the
// machine's load average. Run after `npm run build`:
//   npm run bench [-- --runs 7] [--only cards,catalog,qr,fifty,client,sandbox] [--write] [--smoke]
// `--write` puts the report in docs/performance.md (with `--only`, only the sections of the rows
// run are replaced, each saying when it was measured); `--smoke` runs each row once on tiny inputs
// (the test that keeps the script working); `--profile` adds where the time of 1,000 cards goes
// (a CPU profile through the DevTools protocol, unminified, self time by function). Durations belong here, never in the tests.
//
// Rows:
// - cards: 1,000 and 5,000 service cards to the next frame: plain DOM with the card's CSS (the
//   floor), a bare Lit element with the card's template and CSS, <zheli-service-card>, and
//   Shoelace 2's <sl-card> with two <sl-badge> and an <sl-button> (the peer); DOM nodes per card.
// - catalog: <zheli-service-catalog>'s first screen over the sandbox's full catalog vs a plain
//   fetch + innerHTML list with the same CSS (the floor), and the longest long task before it.
// - qr: <zheli-qr-code> for a 100-char URL and a 500-char token vs lean-qr/nano + toSvg (the
//   floor), cold and warm, and the DOM nodes of each.
// - fifty: fifty cards added 5 ms apart against the sandbox (requests, time to show) vs in one task.
// - client: @zheli/client per call vs a bare fetch + json(), CPU per call, against a local server.
// - sandbox: the sandbox's search and booking at fixed request rates on PGlite and PostgreSQL.
/* biome-ignore-all lint/suspicious/noConsole: a script that reports on stdout */
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { chromium } from 'playwright';
import { browserOptions, build } from '../packages/elements/scripts/bundle.mjs';
import { chromiumArgs, findChromium } from './chromium.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '7' },
    only: { type: 'string' },
    write: { type: 'boolean', default: false },
    smoke: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
  },
});
const smoke = values.smoke;
const runs = smoke ? 1 : Math.max(1, Number(values.runs));
const only = new Set((values.only ?? 'cards,catalog,qr,fifty,client,sandbox').split(','));
const lines = [];
const say = (line = '') => {
  lines.push(line);
  console.log(line);
};

const median = (numbers) => {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const max = (numbers) => Math.max(...numbers);
const fixed = (value, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '–');
const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

// ---------------------------------------------------------------------------------------------
// Pages, bundled from the packages' exports as an app bundles them.

const cardsPage = `
import { html, LitElement } from 'lit';
import '@zheli/elements/service-card/define.js';
import '@shoelace-style/shoelace/dist/components/card/card.js';
import '@shoelace-style/shoelace/dist/components/badge/badge.js';
import '@shoelace-style/shoelace/dist/components/button/button.js';

const Card = customElements.get('zheli-service-card');
const service = {
  id: 'svc-bench', name: '机动车检验预约', nameEn: 'Vehicle inspection booking',
  department: { id: 'd', name: '安吉县公安局', nameEn: 'Anji County Public Security Bureau' },
  onlineLevel: 'fully_online', maxVisits: 0, promisedDays: 3, bookable: true,
  fee: { amount: 5000, currency: 'CNY', note: null }, rating: { score: 4.9, count: 12873 },
};
const href = (action) => 'https://www.zjzwfw.gov.cn/' + action + '/svc-bench';

// The bare Lit element: the card's CSS and the card's full template, nothing else.
class BareCard extends LitElement {
  static styles = Card.styles;
  static properties = { service: { attribute: false } };
  render() {
    const s = this.service;
    return html\`<article part="base" class="base full" lang="zh-CN" aria-busy="false"><p part="name" class="name">\${s.name}</p><p part="department" class="department"><span class="visually-hidden">办理部门</span>\${s.department.name}</p><ul part="badges" class="badges"><li part="badge" class="badge">全程网办</li><li part="badge" class="badge">跑零次</li></ul><dl part="facts" class="facts"><div part="promised-days" class="fact"><dt>承诺时限</dt> <dd>3 个工作日</dd></div><div part="fee" class="fact"><dt>收费</dt> <dd>¥50.00</dd></div><div part="rating" class="fact"><dt>评价</dt> <dd>4.9 分（12,873 条评价）</dd></div></dl><div part="actions" class="actions"><a part="apply" class="button primary" href=\${href('apply')}>在线办理<span class="visually-hidden">: \${s.name}</span></a><a part="book" class="button" href=\${href('book')}>预约<span class="visually-hidden">: \${s.name}</span></a></div></article>\`;
  }
}
customElements.define('bare-card', BareCard);

// Plain DOM: the same markup cloned from a template into a shadow root, the same style sheets.
let sheets;
const template = document.createElement('template');
template.innerHTML = '<article part="base" class="base full" lang="zh-CN" aria-busy="false"><p part="name" class="name"></p><p part="department" class="department"><span class="visually-hidden">办理部门</span></p><ul part="badges" class="badges"><li part="badge" class="badge">全程网办</li><li part="badge" class="badge">跑零次</li></ul><dl part="facts" class="facts"><div part="promised-days" class="fact"><dt>承诺时限</dt> <dd>3 个工作日</dd></div><div part="fee" class="fact"><dt>收费</dt> <dd>¥50.00</dd></div><div part="rating" class="fact"><dt>评价</dt> <dd>4.9 分（12,873 条评价）</dd></div></dl><div part="actions" class="actions"><a part="apply" class="button primary">在线办理<span class="visually-hidden"></span></a><a part="book" class="button">预约<span class="visually-hidden"></span></a></div></article>';
function plainCard() {
  sheets ??= Card.elementStyles.map((style) => (style instanceof CSSStyleSheet ? style : style.styleSheet));
  const host = document.createElement('div');
  host.style.display = 'block';
  const shadow = host.attachShadow({ mode: 'open' });
  shadow.adoptedStyleSheets = sheets;
  const content = template.content.cloneNode(true);
  content.querySelector('.name').textContent = service.name;
  content.querySelector('.department').append(service.department.name);
  const links = content.querySelectorAll('a');
  links[0].href = href('apply');
  links[1].href = href('book');
  for (const hidden of content.querySelectorAll('a .visually-hidden')) hidden.textContent = ': ' + service.name;
  shadow.append(content);
  return host;
}

function shoelaceCard() {
  const card = document.createElement('sl-card');
  card.innerHTML = '<strong slot="header">' + service.name + '</strong>' + service.department.name +
    '<div><sl-badge variant="primary">全程网办</sl-badge><sl-badge variant="success">跑零次</sl-badge></div>' +
    '<sl-button slot="footer" variant="primary" href="' + href('apply') + '">在线办理</sl-button>';
  return card;
}

const makers = {
  plain: plainCard,
  lit: () => Object.assign(document.createElement('bare-card'), { service }),
  zheli: () => Object.assign(document.createElement('zheli-service-card'), { service }),
  shoelace: shoelaceCard,
};

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
const countNodes = (node) => {
  let count = 0;
  const walker = document.createTreeWalker(node, NodeFilter.SHOW_ALL);
  for (let at = walker.nextNode(); at; at = walker.nextNode()) {
    count += 1;
    if (at.shadowRoot) count += 1 + countNodes(at.shadowRoot);
  }
  return count;
};

// From the first card created to the frame after they are all in the page (styled, laid out).
window.benchCards = async (kind, count) => {
  await customElements.whenDefined('sl-card');
  await nextFrame();
  const list = document.createElement('div');
  const started = performance.now();
  for (let i = 0; i < count; i++) list.append(makers[kind]());
  document.body.append(list);
  await nextFrame();
  const ms = performance.now() - started;
  await Promise.all([...list.children].map((card) => card.updateComplete));
  const nodes = countNodes(list) / count - 1;
  list.remove();
  return { ms, nodes };
};
`;

const fiftyPage = `
import { createClient } from '@zheli/client';
import { configure } from '@zheli/elements';
import '@zheli/elements/service-card/define.js';
const { api, ids } = document.documentElement.dataset;
configure({ client: createClient({ baseUrl: api }) });
const all = ids.split(',');
const shown = (cards) => cards.every((card) => card.shadowRoot?.querySelector('[part~="name"]'));
window.benchFifty = (gap) => new Promise((resolve) => {
  const cards = [];
  const started = performance.now();
  let added = 0;
  const watch = () => {
    if (added === all.length && shown(cards)) return resolve({ ms: performance.now() - started });
    requestAnimationFrame(watch);
  };
  const add = () => {
    do {
      const card = document.createElement('zheli-service-card');
      card.serviceId = all[added++];
      document.body.append(card);
      cards.push(card);
    } while (gap === 0 && added < all.length);
    if (added < all.length) setTimeout(add, gap);
  };
  add();
  requestAnimationFrame(watch);
});
`;

const catalogPage = `
import { createClient } from '@zheli/client';
import { configure } from '@zheli/elements';
import '@zheli/elements/service-catalog/define.js';
configure({ client: createClient({ baseUrl: location.origin }) });
const catalog = document.createElement('zheli-service-catalog');
document.body.append(catalog);
window.benchStyles = () => [customElements.get('zheli-service-catalog'), customElements.get('zheli-service-card')]
  .flatMap((element) => element.elementStyles.map((style) => style.cssText));
// The first screen: every row the list's box shows holds a card that shows its service's name,
// and the rows fill the box (or the page has no more).
const shown = () => {
  const root = catalog.shadowRoot;
  const list = root?.querySelector('[part~="list"]');
  if (!list) return false;
  const box = list.getBoundingClientRect();
  const rows = [...root.querySelectorAll('[part~="item"]')];
  const seen = rows.filter((row) => {
    const at = row.getBoundingClientRect();
    return at.bottom > box.top && at.top < box.bottom;
  });
  if (seen.length === 0) return false;
  const filled = seen.at(-1).getBoundingClientRect().bottom >= box.bottom || seen.length === rows.length;
  return filled && seen.every((row) => row.querySelector('zheli-service-card')?.shadowRoot?.querySelector('[part~="name"]')?.textContent);
};
// Checked after each frame (a task queued from the frame's callbacks runs after its paint), as
// the floor is: the virtualizer adds its rows while the frame is rendered (in resize observers),
// so a check at the next frame's start would count one frame more than the page took.
const afterFrame = (then) => requestAnimationFrame(() => setTimeout(then));
const watch = () => {
  if (shown()) window.benchShown = performance.now();
  else afterFrame(watch);
};
afterFrame(watch);
`;

// The floor: a plain fetch of the same page and an innerHTML list of compact rows in one shadow
// root with the catalog's and the card's CSS (read from the element page, see benchCatalog).
const catalogFloorPage = `
const { css } = document.documentElement.dataset;
const escape = (text) => String(text).replace(/[&<>"]/g, (c) => '&#' + c.charCodeAt(0) + ';');
const host = document.createElement('div');
document.body.append(host);
const shadow = host.attachShadow({ mode: 'open' });
const sheet = new CSSStyleSheet();
sheet.replaceSync(JSON.parse(css).join('\\n'));
shadow.adoptedStyleSheets = [sheet];
const page = await (await fetch('/v1/services?sort=popularity&limit=20')).json();
shadow.innerHTML = '<section class="base"><p class="count">共 ' + page.total.toLocaleString('zh-CN') + ' 项服务</p><div class="list scroller" role="list">' +
  page.items.map((s, i) => '<div class="item" role="listitem" aria-posinset="' + (i + 1) + '"><article class="base compact"><p class="name">' + escape(s.name) +
    '</p><p class="department">' + escape(s.department.name) + '</p><ul class="badges"><li class="badge">' + escape(s.onlineLevel) +
    '</li></ul><div class="actions"><a class="button primary" href="#">在线办理</a></div></article></div>').join('') + '</div></section>';
requestAnimationFrame(() => setTimeout(() => { window.benchShown = performance.now(); }));
`;

const qrPage = `
import '@zheli/elements/qr-code/define.js';
import { correction, generate } from 'lean-qr/nano';
import { toSvg } from 'lean-qr/extras/svg';

const countNodes = (node) => {
  let count = 0;
  const walker = document.createTreeWalker(node, NodeFilter.SHOW_ALL);
  for (let at = walker.nextNode(); at; at = walker.nextNode()) {
    count += 1;
    if (at.shadowRoot) count += 1 + countNodes(at.shadowRoot);
  }
  return count;
};
const makers = {
  async lean(value) {
    const code = generate(value, { minCorrectionLevel: correction.M });
    const svg = toSvg(code, document, { on: '#000', off: '#fff', width: 200, height: 200 });
    document.body.append(svg);
    svg.getBoundingClientRect();
    return svg;
  },
  async zheli(value) {
    const element = document.createElement('zheli-qr-code');
    element.value = value;
    document.body.append(element);
    await element.updateComplete;
    element.shadowRoot.querySelector('[part~="code"]').getBoundingClientRect();
    return element;
  },
};
// One code in a fresh page, from the call to its layout (script, style and layout; no frame, whose
// timing would hide the work), then 20 more in the same page (warm), the median of those.
window.benchQr = async (kind, value) => {
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
  let started = performance.now();
  const first = await makers[kind](value);
  const cold = performance.now() - started;
  const nodes = 1 + (first.shadowRoot ? 1 + countNodes(first.shadowRoot) : 0) + countNodes(first);
  const warm = [];
  for (let i = 0; i < 20; i++) {
    started = performance.now();
    await makers[kind](value);
    warm.push(performance.now() - started);
  }
  warm.sort((a, b) => a - b);
  return { cold, warm: warm[10], nodes };
};
`;

async function bundle(source, minify = true) {
  const result = await build(
    browserOptions({
      minify,
      stdin: { contents: source, resolveDir: join(root, 'packages/elements'), loader: 'js' },
      write: false,
      outdir: 'out',
    }),
  );
  return result.outputFiles[0].text;
}

/**
 * Bundles `source` as `name.js` with code splitting, as an app's bundler does (what loads later
 * stays in chunks a page fetches when it needs them); path (`/name.js`, `/chunk-….js`) → code.
 */
async function bundleSplit(name, source) {
  const result = await build(
    browserOptions({
      entryPoints: { [name]: 'bench-entry' },
      splitting: true,
      write: false,
      outdir: 'out',
      plugins: [
        ...browserOptions().plugins,
        {
          name: 'bench-entry',
          setup(builder) {
            builder.onResolve({ filter: /^bench-entry$/ }, () => ({
              path: name,
              namespace: 'bench',
            }));
            builder.onLoad({ filter: /.*/, namespace: 'bench' }, () => ({
              contents: source,
              resolveDir: join(root, 'packages/elements'),
              loader: 'js',
            }));
          },
        },
      ],
    }),
  );
  return Object.fromEntries(
    result.outputFiles.map((file) => [`/${file.path.split('/').at(-1)}`, file.text]),
  );
}

/**
 * Serves `pages` (path → { html, js }) on 127.0.0.1 at a port chosen now, and `api` (path → JSON
 * text) for GET requests of those paths whatever their query, and `files` (path → script).
 */
async function servePages(pages, api = {}, files = {}) {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (Object.hasOwn(files, url.pathname)) {
      response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      return response.end(files[url.pathname]);
    }
    if (Object.hasOwn(api, url.pathname)) {
      response.writeHead(200, { 'content-type': 'application/json' });
      return response.end(api[url.pathname]);
    }
    for (const [path, page] of Object.entries(pages)) {
      if (url.pathname === path) {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        return response.end(page.html);
      }
      if (url.pathname === `${path}.js`) {
        response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
        return response.end(page.js);
      }
    }
    response.writeHead(404).end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        server.close(() => resolve(undefined));
        server.closeAllConnections();
      }),
  };
}

const page = (path, data = '') =>
  `<!doctype html><html lang="zh-CN"${data}><head><meta charset="utf-8"><title>bench</title><script type="module" src="${path}.js"></script></head><body></body></html>`;

// ---------------------------------------------------------------------------------------------

const report = { cards: [], catalog: [], qr: [], fifty: null, client: null, sandbox: null };
let browser;

async function benchCards() {
  const server = await servePages({
    '/cards': { html: page('/cards'), js: await bundle(cardsPage) },
  });
  const kinds = ['plain', 'lit', 'zheli', 'shoelace'];
  const counts = smoke ? [20] : [1_000, 5_000];
  try {
    for (const count of counts) {
      const samples = Object.fromEntries(kinds.map((kind) => [kind, []]));
      const nodes = {};
      // Run 0 warms up and is not counted. Interleaved: each run measures every kind once, each
      // in a fresh page, the order turned by one each run (A B C D, B C D A, …) so that no kind
      // is always the first after a pause.
      for (let run = smoke ? 1 : 0; run <= runs; run++) {
        for (const kind of [...kinds.slice(run % 4), ...kinds.slice(0, run % 4)]) {
          const tab = await browser.newPage();
          await tab.goto(`${server.url}/cards`);
          await tab.waitForFunction(() => 'benchCards' in window);
          const result = await tab.evaluate(([k, n]) => window.benchCards(k, n), [kind, count]);
          if (run > 0) samples[kind].push(result.ms);
          nodes[kind] = result.nodes;
          await tab.close();
        }
      }
      const floor = median(samples.plain);
      const lit = median(samples.lit);
      for (const kind of kinds) {
        report.cards.push({
          count,
          kind,
          median: median(samples[kind]),
          max: max(samples[kind]),
          toPlain: median(samples[kind]) / floor,
          toLit: median(samples[kind]) / lit,
          nodes: nodes[kind],
        });
      }
    }
  } finally {
    await server.stop();
  }
  say('### Cards to the next frame');
  say('');
  say(
    `Each card built and appended in one task, timed to the frame after; ${runs} runs per row after one to warm up, interleaved (plain, Lit, zheli, Shoelace, then Lit, zheli, Shoelace, plain, …), each in a fresh page.`,
  );
  say('');
  say('| cards | kind | median ms | max ms | × plain DOM | × bare Lit | DOM nodes a card |');
  say('|---:|---|---:|---:|---:|---:|---:|');
  const names = {
    plain: 'plain DOM, same CSS (floor)',
    lit: 'bare Lit, same template',
    zheli: '`<zheli-service-card>`',
    shoelace: 'Shoelace 2.20 `<sl-card>` + 2 badges + button',
  };
  for (const row of report.cards) {
    say(
      `| ${row.count.toLocaleString('en')} | ${names[row.kind]} | ${fixed(row.median)} | ${fixed(row.max)} | ${fixed(row.toPlain, 2)} | ${fixed(row.toLit, 2)} | ${fixed(row.nodes, 0)} |`,
    );
  }
  say('');
}

/** Self time by function while `kind` builds 1,000 cards, from a CPU profile of an unminified page. */
async function profileCards() {
  const server = await servePages({
    '/cards': { html: page('/cards'), js: await bundle(cardsPage, false) },
  });
  say('### Where the time of 1,000 cards goes');
  say('');
  say(
    'Self time by function in a CPU profile (DevTools protocol, sampling every 100 µs) of an unminified build, one run each; the top functions.',
  );
  say('');
  try {
    for (const kind of ['lit', 'zheli']) {
      const tab = await browser.newPage();
      await tab.goto(`${server.url}/cards`);
      await tab.waitForFunction(() => 'benchCards' in window);
      const cdp = await tab.context().newCDPSession(tab);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      await cdp.send('Profiler.start');
      await tab.evaluate((k) => window.benchCards(k, 1_000), kind);
      const { profile } = await cdp.send('Profiler.stop');
      await tab.close();
      const interval = (profile.endTime - profile.startTime) / 1000 / profile.samples.length;
      const self = new Map();
      for (const node of profile.nodes) {
        const { functionName, url, lineNumber } = node.callFrame;
        const name = `${functionName || '(anonymous)'} ${url.split('/').at(-1) ?? ''}:${lineNumber + 1}`;
        self.set(name, (self.get(name) ?? 0) + (node.hitCount ?? 0) * interval);
      }
      const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 12);
      say(`${kind === 'lit' ? 'Bare Lit' : '`<zheli-service-card>`'}:`);
      say('');
      say('| function | self ms |');
      say('|---|---:|');
      for (const [name, ms] of top) say(`| \`${name}\` | ${fixed(ms)} |`);
      say('');
    }
  } finally {
    await server.stop();
  }
}

/** Runs in the page before its scripts: keeps the page's long tasks. */
function watchLongTasks() {
  window.benchLongTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      window.benchLongTasks.push({ start: entry.startTime, ms: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
}

async function benchCatalog() {
  // The first page the catalog asks for, recorded from the sandbox's full seeded catalog and
  // served to both pages from the bench's own server, so the sandbox's search time is not in it.
  const { startSandbox } = await import('@zheli/sandbox');
  const sandbox = await startSandbox({ port: 0, memory: true, rateLimit: false });
  let recorded;
  try {
    recorded = await (await fetch(`${sandbox.url}/v1/services?sort=popularity&limit=20`)).text();
  } finally {
    await sandbox.stop();
  }
  const server = await servePages(
    { '/catalog': { html: page('/catalog'), js: '' } },
    { '/v1/services': recorded },
    await bundleSplit('catalog', catalogPage),
  );
  const kinds = ['floor', 'zheli'];
  const samples = { floor: [], zheli: [] };
  const longest = { floor: [], zheli: [] };
  const mainThread = { floor: [], zheli: [] };
  const requests = { floor: 0, zheli: 0 };
  try {
    const styles = await browser.newPage();
    await styles.goto(`${server.url}/catalog`);
    await styles.waitForFunction(() => window.benchShown !== undefined);
    const css = await styles.evaluate(() => JSON.stringify(window.benchStyles()));
    await styles.close();
    const floorJs = await bundle(catalogFloorPage);
    const floorServer = await servePages(
      {
        '/floor': {
          html: page(
            '/floor',
            ` data-css="${css.replaceAll('&', '&amp;').replaceAll('"', '&quot;')}"`,
          ),
          js: floorJs,
        },
      },
      { '/v1/services': recorded },
    );
    try {
      for (let run = smoke ? 1 : 0; run <= runs; run++) {
        for (const kind of run % 2 ? kinds : [...kinds].reverse()) {
          const tab = await browser.newPage({ viewport: { width: 1024, height: 768 } });
          let api = 0;
          tab.on('request', (request) => {
            if (request.url().includes('/v1/')) api += 1;
          });
          await tab.addInitScript(watchLongTasks);
          // The renderer's main-thread task time until the first screen shows (CPU the page
          // used, less swayed than wall time by other processes on a busy machine).
          const cdp = await tab.context().newCDPSession(tab);
          await cdp.send('Performance.enable');
          const busy = async () =>
            (await cdp.send('Performance.getMetrics')).metrics.find(
              (metric) => metric.name === 'TaskDuration',
            )?.value ?? Number.NaN;
          const busyBefore = await busy();
          await tab.goto(kind === 'floor' ? `${floorServer.url}/floor` : `${server.url}/catalog`);
          await tab.waitForFunction(() => window.benchShown !== undefined, null, {
            timeout: 60_000,
          });
          const busyMs = ((await busy()) - busyBefore) * 1000;
          const result = await tab.evaluate(() => ({
            ms: window.benchShown,
            longest: Math.max(
              0,
              ...window.benchLongTasks
                .filter((task) => task.start < window.benchShown)
                .map((task) => task.ms),
            ),
          }));
          if (run > 0) {
            samples[kind].push(result.ms);
            longest[kind].push(result.longest);
            mainThread[kind].push(busyMs);
          }
          requests[kind] = Math.max(requests[kind], api);
          await tab.close();
        }
      }
    } finally {
      await floorServer.stop();
    }
  } finally {
    await server.stop();
  }
  const floor = median(samples.floor);
  report.catalog = kinds.map((kind) => ({
    kind,
    median: median(samples[kind]),
    max: max(samples[kind]),
    ratio: median(samples[kind]) / floor,
    longTask: max(longest[kind]),
    requests: requests[kind],
    busy: median(mainThread[kind]),
    busyRatio: median(mainThread[kind]) / median(mainThread.floor),
  }));
  const total = JSON.parse(recorded).total;
  say('### The catalog’s first screen');
  say('');
  say(
    `From navigation to the frame after the list's box is full of rows showing their services (the first page of the sandbox's full catalog, ${total.toLocaleString('en')} services, 20 a page, recorded and served locally); each run in a fresh page, the two interleaved (floor, zheli, zheli, floor, …), ${runs} runs after one to warm up. Long tasks are the page's (\`PerformanceObserver\` \`longtask\`) before the first screen, the longest in any run. Main thread is the renderer's task time until then (DevTools \`Performance.getMetrics\` \`TaskDuration\`, median): the page's own work, which other processes on a busy machine sway less than the wall time.`,
  );
  say('');
  say(
    '| page | API requests | median ms | max ms | × floor | longest long task ms | main thread ms | main thread × floor |',
  );
  say('|---|---:|---:|---:|---:|---:|---:|---:|');
  const names = {
    floor: 'plain `fetch` + `innerHTML` list, same CSS (floor)',
    zheli: '`<zheli-service-catalog>`',
  };
  for (const row of report.catalog) {
    say(
      `| ${names[row.kind]} | ${row.requests} | ${fixed(row.median)} | ${fixed(row.max)} | ${fixed(row.ratio, 2)} | ${row.longTask ? fixed(row.longTask) : 'none'} | ${fixed(row.busy)} | ${fixed(row.busyRatio, 2)} |`,
    );
  }
  say('');
}

async function benchQr() {
  const server = await servePages({ '/qr': { html: page('/qr'), js: await bundle(qrPage) } });
  const url = `https://www.zjzwfw.gov.cn/bench/${'a'.repeat(100 - 35)}`.slice(0, 100);
  // A compact JWS of 500 characters: base64url header, payload and signature.
  const token =
    `eyJhbGciOiJFUzI1NiIsImtpZCI6ImJlbmNoIn0.${'eyJzdWIiOiJwLWJlbmNoIn0'.repeat(20)}`.slice(
      0,
      414,
    ) +
    '.' +
    'S'.repeat(85);
  const values = { '100-char URL': url, '500-char token': token };
  const kinds = ['lean', 'zheli'];
  const count = smoke ? 1 : runs * 3;
  try {
    for (const [name, value] of Object.entries(values)) {
      const samples = { lean: { cold: [], warm: [] }, zheli: { cold: [], warm: [] } };
      const nodes = {};
      for (let run = smoke ? 1 : 0; run <= count; run++) {
        for (const kind of run % 2 ? kinds : [...kinds].reverse()) {
          const tab = await browser.newPage();
          await tab.goto(`${server.url}/qr`);
          await tab.waitForFunction(() => 'benchQr' in window);
          const result = await tab.evaluate(([k, v]) => window.benchQr(k, v), [kind, value]);
          if (run > 0) {
            samples[kind].cold.push(result.cold);
            samples[kind].warm.push(result.warm);
          }
          nodes[kind] = result.nodes;
          await tab.close();
        }
      }
      for (const kind of kinds) {
        report.qr.push({
          value: name,
          length: value.length,
          kind,
          cold: median(samples[kind].cold),
          coldMax: max(samples[kind].cold),
          coldRatio: median(samples[kind].cold) / median(samples.lean.cold),
          warm: median(samples[kind].warm),
          warmRatio: median(samples[kind].warm) / median(samples.lean.warm),
          nodes: nodes[kind],
        });
      }
    }
  } finally {
    await server.stop();
  }
  say('### `<zheli-qr-code>` against lean-qr');
  say('');
  say(
    `One code of 200 × 200 px at level M, from the call to its layout (script, style and layout, forced; no frame wait, whose timing would hide the work): the first in a fresh page (cold, ${count} pages a row, interleaved lean-qr, zheli, zheli, lean-qr, …), and the median of 20 more in the same page (warm). The floor is lean-qr's \`generate\` from \`lean-qr/nano\` and \`toSvg\` with a background; DOM nodes count the code's element, its shadow root and everything in them.`,
  );
  say('');
  say('| content | kind | median ms | max ms | × lean-qr | warm ms | warm × lean-qr | DOM nodes |');
  say('|---|---|---:|---:|---:|---:|---:|---:|');
  const names = { lean: 'lean-qr/nano + `toSvg` (floor)', zheli: '`<zheli-qr-code>`' };
  for (const row of report.qr) {
    say(
      `| ${row.value} | ${names[row.kind]} | ${fixed(row.cold, 2)} | ${fixed(row.coldMax, 2)} | ${fixed(row.coldRatio, 2)} | ${fixed(row.warm, 2)} | ${fixed(row.warmRatio, 2)} | ${row.nodes} |`,
    );
  }
  say('');
}

async function benchFifty() {
  const { startSandbox } = await import('@zheli/sandbox');
  const sandbox = await startSandbox({ port: 0, memory: true, rateLimit: false });
  try {
    const { items } = await (
      await fetch(`${sandbox.url}/v1/services?region=330523&limit=50`)
    ).json();
    const ids = items.map((item) => item.id).join(',');
    const server = await servePages({
      '/fifty': {
        html: page('/fifty', ` data-api="${sandbox.url}" data-ids="${ids}"`),
        js: await bundle(fiftyPage),
      },
    });
    const samples = { 0: [], 5: [] };
    const requests = { 0: [], 5: [] };
    try {
      for (let run = 0; run < runs; run++) {
        for (const gap of [0, 5]) {
          const tab = await browser.newPage();
          let batch = 0;
          tab.on('request', (request) => {
            if (request.url().includes('/v1/services/batch')) batch += 1;
          });
          await tab.goto(`${server.url}/fifty`);
          await tab.waitForFunction(() => 'benchFifty' in window);
          const result = await tab.evaluate((g) => window.benchFifty(g), gap);
          samples[gap].push(result.ms);
          requests[gap].push(batch);
          await tab.close();
        }
      }
    } finally {
      await server.stop();
    }
    report.fifty = {
      cards: items.length,
      oneTask: { median: median(samples[0]), max: max(samples[0]), requests: max(requests[0]) },
      apart: { median: median(samples[5]), max: max(samples[5]), requests: max(requests[5]) },
    };
  } finally {
    await sandbox.stop();
  }
  const { oneTask, apart } = report.fifty;
  say(`### ${report.fifty.cards} cards against the sandbox`);
  say('');
  say(
    'From the first card added to the frame where every card shows its service; requests are `GET /v1/services/batch` (the most in any run).',
  );
  say('');
  say('| added | requests | median ms | max ms | × one task |');
  say('|---|---:|---:|---:|---:|');
  say(
    `| in one task | ${oneTask.requests} | ${fixed(oneTask.median)} | ${fixed(oneTask.max)} | 1.00 |`,
  );
  say(
    `| 5 ms apart | ${apart.requests} | ${fixed(apart.median)} | ${fixed(apart.max)} | ${fixed(apart.median / oneTask.median, 2)} |`,
  );
  say('');
}

async function benchClient() {
  const { createClient } = await import('@zheli/client');
  const body = JSON.stringify({
    code: '330523',
    name: '安吉县',
    nameEn: 'Anji County',
    nameTw: '安吉縣',
    level: 'county',
    parentCode: '330500',
    hasChildren: true,
    path: [],
    children: [],
  });
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}`;
  const client = createClient({ baseUrl: base, retry: { limit: 0 } });
  const calls = smoke ? 20 : 300;
  const kinds = {
    fetch: async () => (await fetch(`${base}/v1/regions/330523`)).json(),
    client: () => client.regions.get('330523'),
  };
  const samples = { fetch: [], client: [] };
  try {
    for (let run = 0; run < (smoke ? 1 : runs * 3); run++) {
      for (const [kind, call] of Object.entries(kinds)) {
        const before = process.cpuUsage();
        for (let n = 0; n < calls; n++) await call();
        const used = process.cpuUsage(before);
        samples[kind].push((used.user + used.system) / 1000 / calls);
      }
    }
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
  const bare = median(samples.fetch);
  const ours = median(samples.client);
  report.client = { bare, client: ours, extra: ours - bare, ratio: ours / bare };
  say('### `@zheli/client` per call');
  say('');
  say(
    `CPU time of this process per call (\`regions.get\` against a local server, ${calls} calls a block, blocks interleaved), median of the blocks.`,
  );
  say('');
  say('| call | CPU ms a call | max ms | × bare fetch |');
  say('|---|---:|---:|---:|');
  say(
    `| bare \`fetch\` + \`json()\` | ${fixed(bare, 3)} | ${fixed(max(samples.fetch), 3)} | 1.00 |`,
  );
  say(
    `| \`client.regions.get()\` | ${fixed(ours, 3)} | ${fixed(max(samples.client), 3)} | ${fixed(ours / bare, 2)} (${ours >= bare ? '+' : '−'}${fixed(Math.abs(ours - bare), 3)} ms) |`,
  );
  say('');
}

async function benchSandbox() {
  const rates = smoke ? '5' : '25,100';
  const { stdout } = await promisify(execFile)('node', ['bench/bench.mjs'], {
    cwd: join(root, 'packages/sandbox'),
    env: {
      ...process.env,
      BENCH_SECONDS: smoke ? '1' : '5',
      BENCH_RATES: rates,
      BENCH_JSON: '1',
      ...(smoke ? { BENCH_SKIP_POSTGRES: '1' } : {}),
    },
    maxBuffer: 16 * 1024 * 1024,
    timeout: 15 * 60_000,
  });
  const json = stdout.split('\n').find((line) => line.startsWith('JSON '));
  report.sandbox = json ? JSON.parse(json.slice(5)).figures : [];
  const skipped = stdout.split('\n').find((line) => line.includes('PostgreSQL: skipped'));
  say('### The sandbox over HTTP');
  say('');
  say(
    'Search and booking on loopback, at fixed request rates (open loop: each request leaves on schedule; latency from its scheduled start), and closed loop with 16 clients.',
  );
  say('');
  say('| database | scenario | load | requests | p50 ms | p99 ms | errors |');
  say('|---|---|---|---:|---:|---:|---:|');
  for (const row of report.sandbox) {
    const mode =
      row.mode === 'rate' ? `${row.rate}/s` : `16 clients (${fixed(row.perSecond, 0)}/s)`;
    say(
      `| ${row.database} | ${row.scenario} | ${mode} | ${row.requests} | ${fixed(row.p50)} | ${fixed(row.p99)} | ${row.failures} |`,
    );
  }
  say('');
  if (skipped) say(`${skipped.trim()}\n`);
}

// ---------------------------------------------------------------------------------------------

const started = new Date();
const loadBefore = load();
browser =
  ['cards', 'catalog', 'qr', 'fifty'].some((row) => only.has(row)) || values.profile
    ? await chromium.launch({ executablePath: findChromium(), args: chromiumArgs })
    : undefined;
say('# Performance');
say('');
say(
  `Measured ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC by \`npm run bench\` (scripts/bench.mjs), which writes this page with \`--write\`. Ratios, not absolute times, are what to compare across machines.`,
);
say('');
say(
  `Machine: ${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}${browser ? `, Chromium ${browser.version()}` : ''}; load average (1, 5, 15 min) ${loadBefore} at the start.`,
);
say('');
try {
  if (only.has('cards')) await benchCards();
  if (values.profile) await profileCards();
  if (only.has('catalog')) await benchCatalog();
  if (only.has('qr')) await benchQr();
  if (only.has('fifty')) await benchFifty();
  if (only.has('client')) await benchClient();
  if (only.has('sandbox')) await benchSandbox();
} finally {
  await browser?.close();
}
const loadAfter = load();
say(`Load average at the end: ${loadAfter}.`);

/**
 * With `--only`, the rows run replace their sections of the page (or join it before the end),
 * each saying when it was measured and under what load; the other sections are kept as they are.
 */
async function merge() {
  const file = join(root, 'docs/performance.md');
  const page = (await readFile(file, 'utf8')).trimEnd().split('\n');
  const sectionsOf = (all) => {
    const found = new Map();
    let name;
    for (const line of all) {
      if (line.startsWith('### ')) name = line;
      else if (line.startsWith('Load average at the end')) name = undefined;
      if (name !== undefined) found.set(name, [...(found.get(name) ?? []), line]);
    }
    return found;
  };
  const fresh = sectionsOf(lines);
  const when = `Measured ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC with \`--only ${[...only].join(',')}\`; load average ${loadBefore} at the start, ${loadAfter} at the end.`;
  const out = [];
  let skipping = false;
  const add = (name) => {
    const section = [...(fresh.get(name) ?? [])];
    while (section.at(-1) === '') section.pop();
    out.push(...section, '', when, '');
    fresh.delete(name);
  };
  const note = ' A section measured on its own (`--only`) says when, and under what load.';
  for (const line of page) {
    // The old page's list of rows not built yet: every row is now.
    if (line.startsWith('Not measured here yet')) continue;
    if (
      line.startsWith('Measured ') &&
      line.includes('by `npm run bench`') &&
      !line.endsWith(note)
    ) {
      out.push(line + note);
      continue;
    }
    if (line.startsWith('### ') || line.startsWith('Load average at the end')) {
      skipping = false;
      if (line.startsWith('Load average at the end'))
        for (const name of [...fresh.keys()]) add(name);
      else if (fresh.has(line)) {
        add(line);
        skipping = true;
        continue;
      }
    }
    if (!skipping) out.push(line);
  }
  for (const name of [...fresh.keys()]) add(name);
  await writeFile(file, `${out.join('\n')}\n`);
}

if (values.write && !smoke) {
  if (values.only === undefined)
    await writeFile(join(root, 'docs/performance.md'), `${lines.join('\n')}\n`);
  else await merge();
}
