// The catalog row: <zheli-service-catalog>'s first screen over the sandbox's full catalog (its
// first page recorded and served locally) against a plain fetch + innerHTML list with the same CSS
// (the floor): time, API requests, the longest long task before it, and main-thread task time; with
// `--trace`, where each page's main-thread time goes (a Chrome trace, by kind of work).
import { bundleGraph } from '../../packages/elements/scripts/size.mjs';
import {
  fixed,
  max,
  median,
  orderOf,
  paired,
  pairedText,
  runs,
  smoke,
  values,
} from './measure.mjs';
import {
  bundle,
  bundleSplit,
  page,
  recordCatalogPage,
  servePages,
  watchCatalogSource,
} from './pages.mjs';
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
${watchCatalogSource}
watchCatalog(catalog);
`;

// The floor: a plain fetch of the same page and an innerHTML list of compact rows in one shadow
// root with the catalog's and the card's CSS (read from the element page, see benchCatalog). With
// `data-toolbar`, the same list under the catalog's toolbar (its search box, filters and sort, as
// the element renders them, also read from the element page): what the floor does not show.
const catalogFloorPage = `
const { css, toolbar = '' } = document.documentElement.dataset;
const escape = (text) => String(text).replace(/[&<>"]/g, (c) => '&#' + c.charCodeAt(0) + ';');
const host = document.createElement('div');
document.body.append(host);
const shadow = host.attachShadow({ mode: 'open' });
const sheet = new CSSStyleSheet();
sheet.replaceSync(JSON.parse(css).join('\\n'));
shadow.adoptedStyleSheets = [sheet];
const page = await (await fetch('/v1/services?sort=popularity&limit=20')).json();
shadow.innerHTML = '<section class="base">' + toolbar + '<p class="count">共 ' + page.total.toLocaleString('zh-CN') + ' 项服务</p><div class="list scroller" role="list">' +
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

/** Runs in the page before its scripts: marks the first screen in a trace (a user timing mark). */
function stampShown() {
  let shown;
  Object.defineProperty(window, 'benchShown', {
    get: () => shown,
    set: (value) => {
      shown = value;
      performance.mark('benchShown');
    },
  });
}

/** The kind of work a trace event's own time is (the first pattern its name matches). */
const traceKinds = [
  [/^v8\.evaluateModule/, 'script: module evaluation'],
  [
    /^(v8\.compile|v8\.parse|V8\.Compile|V8\.BytecodeBudgetInterrupt|v8\.produce)/,
    'script: compile, tier-up',
  ],
  [/^EvaluateScript$/, 'script: the harness (Playwright’s injected script)'],
  [
    /^(FunctionCall|RunMicrotasks|v8\.|EventDispatch|TimerFire|FireAnimationFrame|CustomElementReaction|AsyncTask Run)/,
    'script: functions, microtasks',
  ],
  [/GC|Scavenge/, 'garbage collection'],
  [/ShapeText|Font/, 'layout: text shaping, fonts'],
  [/recalcStyle|updateStyle|UpdateLayoutTree|rebuildLayoutTree|CSSParser/, 'style'],
  [/[Ll]ayout/, 'layout'],
  [/Paint|Layerize|Composit|Commit/, 'paint, layerize, commit'],
  [/ParseHTML|HTMLDocumentParser|HTMLParser/, 'HTML parsing (the page, templates)'],
  [/Resource|Loader|Response|[Mm]ojo|Watcher/, 'loading, IPC'],
];
const traceKindOf = (name) =>
  traceKinds.find(([pattern]) => pattern.test(name))?.[1] ?? 'other (navigation, scheduling)';

/**
 * The renderer main thread's own time by kind of work, from navigation to the first screen, on
 * the thread that marked it: each complete event's time less its children's, as CPU time (the
 * thread's time, `tdur`, or the wall time where the trace has none) and as wall time (`dur`, which
 * also counts the time the thread waited: for another process, such as a font lookup or the
 * compositor's commit, or for a core on a busy machine).
 */
function traceTotals(trace) {
  const events = trace.traceEvents ?? trace;
  const shown = events.find(
    (event) => event.name === 'benchShown' && event.cat.includes('blink.user_timing'),
  );
  const main = events
    .filter(
      (event) =>
        event.ph === 'X' &&
        event.pid === shown.pid &&
        event.tid === shown.tid &&
        event.ts <= shown.ts,
    )
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const clocks = {
    cpu: (event) => event.tdur ?? event.dur ?? 0,
    wall: (event) => event.dur ?? 0,
  };
  const totals = { cpu: { all: 0 }, wall: { all: 0 } };
  for (const [clock, time] of Object.entries(clocks)) {
    const open = [];
    const own = new Map();
    for (const event of main) {
      while (open.length > 0 && open.at(-1).end <= event.ts) open.pop();
      const parent = open.at(-1);
      if (parent) own.set(parent.event, own.get(parent.event) - time(event));
      else totals[clock].all += time(event) / 1000;
      own.set(event, time(event));
      open.push({ event, end: event.ts + (event.dur ?? 0) });
    }
    for (const [event, ms] of own) {
      const kind = traceKindOf(event.name);
      totals[clock][kind] = (totals[clock][kind] ?? 0) + Math.max(0, ms) / 1000;
    }
  }
  return totals;
}

/**
 * `--trace`: each page traced `runs` times (interleaved); returns what prints its main thread's
 * time by kind (after the row's table).
 */
async function traceCatalog(browser, urls) {
  const totals = { floor: [], zheli: [] };
  for (let run = 0; run < runs; run++) {
    for (const kind of run % 2 ? ['zheli', 'floor'] : ['floor', 'zheli']) {
      const tab = await browser.newPage({ viewport: { width: 1024, height: 768 } });
      await tab.addInitScript(stampShown);
      await browser.startTracing(tab, {
        categories: [
          'devtools.timeline',
          'disabled-by-default-devtools.timeline',
          'v8',
          'v8.execute',
          'blink',
          'loading',
          'toplevel',
          'blink.user_timing',
        ],
      });
      await tab.goto(urls[kind]);
      await tab.waitForFunction(() => window.benchShown !== undefined, null, { timeout: 60_000 });
      totals[kind].push(traceTotals(JSON.parse((await browser.stopTracing()).toString())));
      await tab.close();
    }
  }
  const kinds = [
    ...new Set([...traceKinds.map(([, kind]) => kind), 'other (navigation, scheduling)']),
  ];
  const of = (kind, clock, name) => median(totals[kind].map((total) => total[clock][name] ?? 0));
  return () => {
    say('#### Where the main thread’s time goes');
    say('');
    say(
      `The renderer main thread's own time by kind of work from navigation to the first screen, in a Chrome trace (\`devtools.timeline\`, \`v8\`, \`blink\`, \`loading\`), ${runs} runs of each page interleaved, the median of each kind (so the kinds need not add up to the median of all): CPU time (the thread's), and wall time, which also counts the time the thread waited (for the browser's font lookups, the compositor's commit, the network process, or a core on a busy machine). Tracing slows both pages.`,
    );
    say('');
    say(
      '| kind of work | floor CPU ms | `<zheli-service-catalog>` CPU ms | CPU difference | floor wall ms | `<zheli-service-catalog>` wall ms | wall difference |',
    );
    say('|---|---:|---:|---:|---:|---:|---:|');
    for (const name of [...kinds, 'all']) {
      const cells = ['cpu', 'wall'].flatMap((clock) => {
        const floor = of('floor', clock, name);
        const zheli = of('zheli', clock, name);
        return [fixed(floor), fixed(zheli), fixed(zheli - floor)];
      });
      if (name !== 'all' && of('floor', 'wall', name) + of('zheli', 'wall', name) < 0.1) continue;
      say(`| ${name === 'all' ? '**all tasks**' : name} | ${cells.join(' | ')} |`);
    }
    say('');
  };
}

/** Pages of each kind: see the loop in benchCatalog. */
const pages = smoke ? runs : runs * 3;

export async function benchCatalog(browser) {
  const recorded = await recordCatalogPage();
  // The same page as an app's bundler builds it: esbuild with code splitting (what the elements'
  // own browser options give), Rollup 4 and Vite; the two last put what the page loads at once in
  // one file (they keep the modules a lazy chunk shares with the entry in the entry), esbuild in
  // several, found only once the entry has arrived.
  const served = { '/catalog': { html: page('/catalog'), js: '' } };
  const files = await bundleSplit('catalog', catalogPage);
  for (const bundler of ['rollup', 'vite']) {
    const graph = await bundleGraph(catalogPage, { bundler });
    for (const [name, contents] of graph.files)
      files[`/${bundler}/${name}`] = Buffer.from(contents).toString();
    served[`/catalog-${bundler}`] = {
      html: page(`/${bundler}/${graph.entry.replace(/\.js$/, '')}`),
      js: '',
    };
  }
  const server = await servePages(served, { '/v1/services': recorded }, files);
  const kinds = ['floor', 'toolbar', 'zheli', 'rollup', 'vite'];
  const each = (value) => Object.fromEntries(kinds.map((kind) => [kind, value()]));
  const samples = each(() => []);
  const longest = each(() => []);
  const mainThread = each(() => []);
  const requests = each(() => 0);
  const scriptFiles = each(() => 0);
  let sayTrace;
  try {
    const styles = await browser.newPage();
    await styles.goto(`${server.url}/catalog`);
    await styles.waitForFunction(() => window.benchShown !== undefined);
    const css = await styles.evaluate(() => JSON.stringify(window.benchStyles()));
    // The toolbar as the catalog renders it, without Lit's comment markers.
    const toolbar = (
      await styles.evaluate(
        () =>
          document.querySelector('zheli-service-catalog').shadowRoot.querySelector('form')
            .outerHTML,
      )
    ).replace(/<!--[\s\S]*?-->/g, '');
    if (!/<select[^>]*part="category"/.test(toolbar) || !/<input[^>]*type="search"/.test(toolbar))
      throw new Error('the catalog page rendered no toolbar to copy into the floor');
    await styles.close();
    const floorJs = await bundle(catalogFloorPage);
    const attribute = (name, value) =>
      ` data-${name}="${value.replaceAll('&', '&amp;').replaceAll('"', '&quot;')}"`;
    const floorServer = await servePages(
      {
        '/floor': { html: page('/floor', attribute('css', css)), js: floorJs },
        // The floor's script (/floor.js) under the toolbar's markup.
        '/toolbar': {
          html: page('/floor', attribute('css', css) + attribute('toolbar', toolbar)),
          js: '',
        },
      },
      { '/v1/services': recorded },
    );
    const urls = {
      floor: `${floorServer.url}/floor`,
      toolbar: `${floorServer.url}/toolbar`,
      zheli: `${server.url}/catalog`,
      rollup: `${server.url}/catalog-rollup`,
      vite: `${server.url}/catalog-vite`,
    };
    try {
      // Three times the runs: a fresh page's first screen varies much from one page to the next
      // (with 9 pages a kind, the catalog's ratio ranged 1.20-1.65x between runs of the bench on
      // a quiet machine; with 27, 1.39-1.47x).
      for (let run = smoke ? 1 : 0; run <= pages; run++) {
        for (const kind of orderOf(kinds, run)) {
          const tab = await browser.newPage({ viewport: { width: 1024, height: 768 } });
          let api = 0;
          let scripts = 0;
          tab.on('request', (request) => {
            if (request.url().includes('/v1/')) api += 1;
            if (request.resourceType() === 'script') scripts += 1;
          });
          await tab.addInitScript(watchLongTasks);
          // The renderer's main-thread task time until the bench has read that the first screen
          // shows (CPU the page used, less swayed than wall time by other processes on a busy
          // machine); it also holds the page's work in the frames the read takes (see the text).
          const cdp = await tab.context().newCDPSession(tab);
          await cdp.send('Performance.enable');
          const busy = async () =>
            (await cdp.send('Performance.getMetrics')).metrics.find(
              (metric) => metric.name === 'TaskDuration',
            )?.value ?? Number.NaN;
          const busyBefore = await busy();
          await tab.goto(urls[kind]);
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
          scriptFiles[kind] = Math.max(scriptFiles[kind], scripts);
          await tab.close();
        }
      }
      if (values.trace) {
        sayTrace = await traceCatalog(browser, urls);
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
    paired: paired(samples[kind], samples.floor),
    longTask: max(longest[kind]),
    requests: requests[kind],
    scripts: scriptFiles[kind],
    busy: median(mainThread[kind]),
    busyRatio: median(mainThread[kind]) / median(mainThread.floor),
    busyPaired: paired(mainThread[kind], mainThread.floor),
    // Against the floor that also shows the catalog's toolbar.
    toToolbar: paired(samples[kind], samples.toolbar),
  }));
  const total = JSON.parse(recorded).total;
  say('### The catalog’s first screen');
  say('');
  say(
    `From navigation to the frame after the list's box is full of rows showing their services (the first page of the sandbox's full catalog, ${total.toLocaleString('en')} services, 20 a page, recorded and served locally); each run in a fresh page, the five interleaved (floor, toolbar, the catalog built by esbuild, Rollup and Vite, each taking each place in turn), ${pages} runs after one to warm up. × floor is the ratio of the medians; run by run, the median of each run's ratio to the floor page of the same run, with the middle half of the runs in brackets (steadier when the machine's speed drifts). The catalog's page is what an app writes (\`createClient\`, \`configure\` from \`@zheli/elements\`, the catalog's define entry) bundled by each of three bundlers: esbuild with code splitting makes it several files, the entry and the chunks it imports, found once the entry has arrived (it splits out whatever the entry shares with a chunk loaded later); Rollup and Vite keep that in the entry. Scripts are the files the page fetched before its first screen. Long tasks are the page's (\`PerformanceObserver\` \`longtask\`) before the first screen, the longest in any run. The floor shows the list alone; the row between adds the catalog's toolbar (its labelled search box, category and audience filters and sort, the same markup the element renders) above the same list, the part of the catalog's first screen the floor leaves out (its ratio is to the floor too). Main thread is the renderer's task time (DevTools \`Performance.getMetrics\` \`TaskDuration\`, median) from navigation until the bench has read that the first screen shows: the page's own work, which other processes on a busy machine sway less than the wall time. It also holds what a page does in the few frames the bench takes to read it: for the catalog, the rows below the view, which it renders once the first screen shows (about 30 ms); the floor has nothing left to do. \`npm run bench -- --only catalog --trace\` cuts each page's time at the first screen, by kind of work.`,
  );
  say('');
  say(
    '| page | scripts | API requests | median ms | max ms | × floor | × floor, run by run | longest long task ms | main thread ms | main thread × floor | main thread × floor, run by run |',
  );
  say('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  const bundlers = { zheli: 'esbuild (code splitting)', rollup: 'Rollup', vite: 'Vite' };
  const names = {
    floor: 'plain `fetch` + `innerHTML` list, same CSS (floor)',
    toolbar: 'floor + the catalog’s toolbar',
    ...Object.fromEntries(
      Object.entries(bundlers).map(([kind, bundler]) => [
        kind,
        `\`<zheli-service-catalog>\`, ${bundler}`,
      ]),
    ),
  };
  const spread = (kind, result) => (kind === 'floor' ? '–' : pairedText(result));
  for (const row of report.catalog) {
    say(
      `| ${names[row.kind]} | ${row.scripts} | ${row.requests} | ${fixed(row.median)} | ${fixed(row.max)} | ${fixed(row.ratio, 2)} | ${spread(row.kind, row.paired)} | ${row.longTask ? fixed(row.longTask) : 'none'} | ${fixed(row.busy)} | ${fixed(row.busyRatio, 2)} | ${spread(row.kind, row.busyPaired)} |`,
    );
  }
  say('');
  const against = report.catalog
    .filter((row) => row.kind in bundlers)
    .map((row) => `${bundlers[row.kind]} ${pairedText(row.toToolbar)}`)
    .join(', ');
  say(
    `The catalog against the floor with its toolbar (the same first screen in plain DOM), × that floor run by run: ${against}.`,
  );
  say('');
  sayTrace?.();
}
