// The catalog row: <zheli-service-catalog>'s first screen over the sandbox's full catalog (its
// first page recorded and served locally) against a plain fetch + innerHTML list with the same CSS
// (the floor): time, API requests, the longest long task before it, and main-thread task time.
import { fixed, max, median, runs, smoke } from './measure.mjs';
import { bundle, bundleSplit, page, servePages } from './pages.mjs';
import { report, say } from './report.mjs';

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

/** Runs in the page before its scripts: keeps the page's long tasks. */
function watchLongTasks() {
  window.benchLongTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      window.benchLongTasks.push({ start: entry.startTime, ms: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
}

export async function benchCatalog(browser) {
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
