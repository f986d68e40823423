// How fast the elements show data and what they fetch, in real Chromium against the real sandbox.
// Run after a build:
//   npm run bench -w @zheli/elements [-- --runs 10] [--only card,fifty,...] [--json]
// 1. Each element alone on a page (the drop-in, and the npm build as an app bundles it): time from
//    the script's request to the first frame whose shadow root shows data, median and p95 over
//    `--runs` cold loads (a new browser context each), and the requests and bytes per page.
// 2. Fifty <zheli-service-card> on one page (drop-in): requests, time until all show data.
// 3. The catalog over 10,000 services (in-page data, no network): DOM size and scrolling to the end
//    (frames, long tasks).
// 4. Booking a vehicle inspection on the county site with the keyboard alone as the Anji car
//    owner, signing in through the sandbox's own OIDC pages: key presses, wall time, requests and
//    lazy chunks per step (`--booking-runs`, default 3).
// Sections: card catalog region login qr picker evaluation (1), fifty (2), scroll (3), booking (4).
/* biome-ignore-all lint/suspicious/noConsole: a script that reports on stdout */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createClient } from '@zheli/client';
import { startSandbox } from '@zheli/sandbox';
import { chromium } from 'playwright';
import { startCountySite } from '../../../examples/county-site/server.mjs';
import { chromiumArgs, findChromium } from '../../../scripts/chromium.mjs';
import { focusPath, tabTo } from '../../../scripts/page-checks.ts';
import { packageRoot } from '../scripts/bundle.mjs';
import { chunkContents, recordNetwork, summarize } from './network.mjs';
import { elements, startBenchPages } from './server.mjs';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '10' },
    'booking-runs': { type: 'string', default: '3' },
    only: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});
const runs = Math.max(1, Number(values.runs));
const bookingRuns = Math.max(1, Number(values['booking-runs']));
const sections = ['card', 'catalog', 'region', 'login', 'qr', 'picker', 'evaluation'];
const only = new Set(
  values.only ? values.only.split(',') : [...sections, 'fifty', 'scroll', 'booking'],
);
const persona = 'p-anji-driver';
const dropInDir = join(packageRoot, 'dist/browser');

/** The value at quantile `q` of `numbers` (nearest rank). */
function at(numbers, q) {
  const sorted = [...numbers].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}
const median = (numbers) => at(numbers, 0.5);

/**
 * Runs in the page before its scripts: on every frame, looks for `spec` (a chain of selectors
 * through shadow roots, the text the last must contain, how many must match) and records when it
 * is first there, and when the page's script was requested.
 */
function watchRender(spec) {
  const matches = () => {
    let scopes = [document];
    let found = [];
    for (const selector of spec.chain) {
      found = scopes.flatMap((scope) => [...scope.querySelectorAll(selector)]);
      scopes = found.map((element) => element.shadowRoot ?? element);
    }
    const shown = found.filter((element) =>
      spec.text === undefined
        ? true
        : spec.text === ''
          ? (element.textContent ?? '').trim() !== ''
          : (element.textContent ?? '').includes(spec.text),
    );
    return shown.length >= (spec.count ?? 1);
  };
  const frame = () => {
    if (matches()) {
      const script = performance
        .getEntriesByType('resource')
        .find((entry) => /\/(zheli-elements|page)\.js$/.test(entry.name));
      window.benchRendered = { at: performance.now(), scriptStart: script?.startTime ?? 0 };
      return;
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

/** A new context (a cold cache), a page recording its requests. */
async function coldPage(browser) {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  const network = await recordNetwork(context, page);
  return { context, page, network };
}

/** Loads `url` cold and waits for `spec`; then waits for the network to settle. */
async function loadOnce(browser, url, spec) {
  const { context, page, network } = await coldPage(browser);
  try {
    await page.addInitScript(watchRender, spec);
    await page.goto(url);
    await page.waitForFunction(() => window.benchRendered !== undefined, null, {
      timeout: 60_000,
    });
    await network.quiet();
    const rendered = await page.evaluate(() => window.benchRendered);
    return { ms: rendered.at - rendered.scriptStart, requests: network.log };
  } finally {
    await context.close();
  }
}

/** Loads `url` `runs` times; the times' median and p95, the requests' median per kind. */
async function measurePage(browser, url, spec) {
  const times = [];
  const sums = [];
  let requests = [];
  for (let run = 0; run < runs; run++) {
    const result = await loadOnce(browser, url, spec);
    times.push(result.ms);
    sums.push(summarize(result.requests));
    requests = result.requests;
  }
  const pick = (read) => median(sums.map(read));
  const kinds = Object.fromEntries(
    ['doc', 'js', 'api', 'preflight', 'other'].map((kind) => [
      kind,
      {
        count: pick((sum) => sum[kind].count),
        wire: pick((sum) => sum[kind].wire),
        body: pick((sum) => sum[kind].body),
      },
    ]),
  );
  return {
    p50: median(times),
    p95: at(times, 0.95),
    runs: times.length,
    requests: pick((sum) => sum.total),
    ...kinds,
    calls: requests
      .filter((request) => request.kind === 'api')
      .map((request) => `${request.method} ${new URL(request.url).pathname}`),
  };
}

/** Scrolls the 10,000-service catalog to its end, measuring in the page. */
async function scrollOnce(browser, url) {
  const { context, page } = await coldPage(browser);
  try {
    await page.goto(url);
    return await page.evaluate(async () => {
      const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));
      const countElements = (root) => {
        let count = 0;
        for (const element of root.querySelectorAll('*')) {
          count += 1;
          if (element.shadowRoot) count += countElements(element.shadowRoot);
        }
        return count;
      };
      const catalog = document.querySelector('zheli-service-catalog');
      const names = () =>
        [...(catalog?.shadowRoot?.querySelectorAll('zheli-service-card') ?? [])].map(
          (card) => card.shadowRoot?.querySelector('[part~="name"]')?.textContent ?? '',
        );
      while (names().filter((name) => name !== '').length === 0) await nextFrame();
      const list = catalog?.shadowRoot?.querySelector('[part~="list"]');
      if (!list) throw new Error('No [part~="list"] in the catalog');
      const before = countElements(document);
      const longTasks = [];
      const observer = new PerformanceObserver((entries) => {
        for (const entry of entries.getEntries()) longTasks.push(entry.duration);
      });
      observer.observe({ type: 'longtask' });
      const started = performance.now();
      let frames = 0;
      let most = before;
      let previous = started;
      let longestFrame = 0;
      while (!names().includes('服务09999')) {
        list.scrollTop = list.scrollHeight;
        await nextFrame();
        const now = performance.now();
        longestFrame = Math.max(longestFrame, now - previous);
        previous = now;
        frames += 1;
        most = Math.max(most, countElements(document));
        if (now - started > 120_000) throw new Error('The catalog did not reach 服务09999');
      }
      const ms = performance.now() - started;
      await nextFrame();
      observer.disconnect();
      return {
        ms,
        frames,
        fps: (frames * 1000) / ms,
        longestFrame,
        longTasks: longTasks.length,
        longTaskMs: longTasks.reduce((a, b) => a + b, 0),
        before,
        most,
        after: countElements(document),
        rows: catalog?.shadowRoot?.querySelectorAll('[part~="item"]').length ?? 0,
      };
    });
  } finally {
    await context.close();
  }
}

/**
 * Makes the sandbox's login page sign `persona` in: its interaction page signs in when fetched
 * with X-Zheli-Persona (see the county-site e2e fixtures). The header is added through the
 * DevTools protocol's Fetch domain, on the interaction URLs only and redirects included, because
 * Playwright's routing would turn the HTTP cache off for the whole page.
 */
async function signInAs(context, page, sandboxUrl) {
  const cdp = await context.newCDPSession(page);
  cdp.on('Fetch.requestPaused', (event) => {
    const headers = Object.entries(event.request.headers).map(([name, value]) => ({ name, value }));
    if (event.request.method === 'GET') headers.push({ name: 'X-Zheli-Persona', value: persona });
    cdp.send('Fetch.continueRequest', { requestId: event.requestId, headers }).catch(() => {});
  });
  await cdp.send('Fetch.enable', {
    patterns: [{ urlPattern: `${sandboxUrl}/interaction/*`, requestStage: 'Request' }],
  });
}

const picker = 'zheli-appointment-picker';

/** Tabs to `target` unless focus is already there (the picker moves focus as steps open). */
async function reach(page, target, options) {
  if (!target.test(await focusPath(page))) await tabTo(page, target, options);
}
const activeDisabled = (page) =>
  page.evaluate(() =>
    document
      .querySelector('zheli-appointment-picker')
      ?.shadowRoot?.activeElement?.getAttribute('aria-disabled'),
  );

/** The county site's booking path by keyboard, step by step (the newcomer e2e's keys). */
async function bookOnce(browser, siteUrl, sandboxUrl) {
  const { context, page, network } = await coldPage(browser);
  let keys = 0;
  const press = page.keyboard.press.bind(page.keyboard);
  page.keyboard.press = (key, options) => {
    keys += 1;
    return press(key, options);
  };
  const steps = [];
  const step = async (name, action) => {
    network.step(name);
    const pressed = keys;
    const started = performance.now();
    await action();
    steps.push({ name, keys: keys - pressed, ms: performance.now() - started });
    await network.quiet(300);
  };
  try {
    await signInAs(context, page, sandboxUrl);
    await step('page', async () => {
      await page.goto(siteUrl);
      await page.locator(`${picker} [part~="site"]`).first().waitFor();
    });
    await step('to picker', async () => {
      await page
        .getByRole('navigation', { name: '主导航' })
        .getByRole('link', { name: '机动车检验', exact: true })
        .focus();
      await page.keyboard.press('Enter');
      await page.waitForURL(/#inspection$/);
      await reach(page, /zheli-appointment-picker > button\[site\]/, { limit: 10 });
    });
    await step('station', async () => {
      await page.keyboard.press('Enter');
      await page.locator(`${picker} [part~="day"]`).first().waitFor();
    });
    await step('day', async () => {
      await reach(page, /zheli-appointment-picker > [a-z]+\[day\]/);
      for (let i = 0; i < 62 && (await activeDisabled(page)) !== 'false'; i++) {
        await page.keyboard.press('ArrowRight');
      }
      await page.keyboard.press('Enter');
      await page.locator(`${picker} [part~="slot"]`).first().waitFor();
    });
    await step('time', async () => {
      await reach(page, /zheli-appointment-picker > button\[slot\]/);
      while ((await activeDisabled(page)) === 'true') {
        await tabTo(page, /zheli-appointment-picker > button\[slot\]/);
      }
      await page.keyboard.press('Enter');
      await page.locator(`${picker} [part~="sign-in"]`).waitFor();
    });
    await step('sign-in', async () => {
      await reach(page, /zheli-appointment-picker > button\[button sign-in\]/);
      await page.keyboard.press('Enter');
      await page.waitForURL(`${siteUrl}/callback**`);
      await page.locator(`${picker} [part~="confirm"]`).waitFor();
      // Back from the platform, focus is where the person left (the step's heading).
      for (
        let i = 0;
        i < 200 && !/^zheli-appointment-picker > h2/.test(await focusPath(page));
        i++
      ) {
        await page.waitForTimeout(25);
      }
    });
    await step('confirm', async () => {
      await reach(page, /zheli-appointment-picker > button\[button confirm\]/, { limit: 5 });
      await page.keyboard.press('Enter');
      await page.locator(`${picker} [part~="ticket"] zheli-qr-code [part~="code"]`).waitFor();
    });
    const chunks = [];
    for (const request of network.log) {
      if (request.kind !== 'js' || !request.url.includes('/zheli/chunks/')) continue;
      chunks.push({
        step: request.step,
        chunk: request.url.split('/').at(-1),
        wire: request.wire,
        cached: request.cached,
        holds: await chunkContents(dropInDir, request.url),
      });
    }
    return {
      steps: steps.map((entry) => {
        const of = network.log.filter((request) => request.step === entry.name);
        const sum = summarize(of);
        return {
          ...entry,
          requests: sum.total,
          doc: sum.doc.count,
          js: sum.js.count,
          api: sum.api.count,
          preflight: sum.preflight.count,
          other: sum.other.count,
          cached: sum.cached,
          calls: of
            .filter((request) => request.kind === 'api')
            .map((request) => `${request.method} ${new URL(request.url).pathname}`),
        };
      }),
      chunks,
    };
  } finally {
    await context.close();
  }
}

/** Cancels what the Anji car owner booked, so that the next run finds the same free places. */
async function cancelBookings(sandbox) {
  const token = await sandbox.mintAccessToken({ sub: persona, scope: ['appointments'] });
  const client = createClient({ baseUrl: sandbox.url, getAccessToken: async () => token });
  for await (const appointment of client.appointments.listAll()) {
    if (appointment.status === 'booked') await client.appointments.cancel(appointment.id);
  }
}

// ---------------------------------------------------------------------------------------------

const kb = (bytes) => (bytes / 1024).toFixed(1);
const ms = (value) => value.toFixed(0);
const log = values.json ? () => {} : (line = '') => console.log(line);

const sandbox = await startSandbox({ port: 0, memory: true, rateLimit: false });
const token = await sandbox.mintAccessToken({
  sub: persona,
  scope: ['openid', 'evaluations'],
  clientId: 'county-site',
});
const pages = await startBenchPages({
  sandboxUrl: sandbox.url,
  token,
  names: sections.filter((name) => only.has(name)),
});
const site = only.has('booking')
  ? await startCountySite({ port: 0, sandboxUrl: sandbox.url })
  : null;
const browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
const report = {
  machine: {
    cores: availableParallelism(),
    node: process.version,
    chromium: browser.version(),
    date: new Date().toISOString(),
    runs,
  },
  elements: [],
  fifty: null,
  scroll: null,
  booking: null,
};

try {
  log(
    `Elements benchmark: ${runs} cold loads per row, Chromium ${report.machine.chromium}, Node ${process.version}, ${report.machine.cores} cores, ${report.machine.date.slice(0, 16)}Z`,
  );
  log('Render: from the request of the page’s script to the first frame showing data (ms).');
  log(
    'Bytes on the wire with headers: scripts gzipped (as a CDN sends them), JSON as the sandbox sends it.\n',
  );

  const chosen = sections.filter((name) => only.has(name));
  if (chosen.length > 0) {
    const header = `${'element'.padEnd(11)} ${'build'.padEnd(8)} ${'p50 ms'.padStart(7)} ${'p95 ms'.padStart(7)} ${'reqs'.padStart(5)} ${'doc'.padStart(4)} ${'js'.padStart(4)} ${'api'.padStart(4)} ${'pre'.padStart(4)} ${'JS KB'.padStart(7)} ${'JSON KB'.padStart(8)}`;
    log(header);
    log('-'.repeat(header.length));
    for (const name of chosen) {
      const element = elements[name];
      for (const build of ['drop-in', 'npm']) {
        const path = build === 'drop-in' ? 'dropin' : 'npm';
        const result = await measurePage(browser, `${pages.url}/${path}/${name}`, element.ready);
        report.elements.push({ element: element.tag, name, build, ...result });
        log(
          `${name.padEnd(11)} ${build.padEnd(8)} ${ms(result.p50).padStart(7)} ${ms(result.p95).padStart(7)} ${String(result.requests).padStart(5)} ${String(result.doc.count).padStart(4)} ${String(result.js.count).padStart(4)} ${String(result.api.count).padStart(4)} ${String(result.preflight.count).padStart(4)} ${kb(result.js.wire).padStart(7)} ${kb(result.api.wire + result.preflight.wire).padStart(8)}`,
        );
      }
    }
    log('\nAPI calls per page (last run):');
    for (const row of report.elements) {
      log(`  ${row.name.padEnd(11)} ${row.build.padEnd(8)} ${row.calls.join(', ') || '(none)'}`);
    }
    log('');
  }

  if (only.has('fifty')) {
    const spec = { chain: ['zheli-service-card', '[part~="name"]'], text: '', count: 50 };
    const result = await measurePage(browser, `${pages.url}/fifty`, spec);
    report.fifty = { cards: pages.fifty.length, ...result };
    log(
      `Fifty <zheli-service-card> (drop-in): all shown in p50 ${ms(result.p50)} ms, p95 ${ms(result.p95)} ms; ${result.requests} requests (${result.api.count} API, ${result.preflight.count} preflight), JSON ${kb(result.api.wire)} KB`,
    );
    log(`  API: ${result.calls.map((call) => call.split('?')[0]).join(', ')}\n`);
  }

  if (only.has('scroll')) {
    const results = [];
    for (let run = 0; run < runs; run++)
      results.push(await scrollOnce(browser, `${pages.url}/catalog`));
    const pick = (key) => median(results.map((result) => result[key]));
    report.scroll = {
      services: 10_000,
      pageSize: 100,
      p50: pick('ms'),
      p95: at(
        results.map((result) => result.ms),
        0.95,
      ),
      frames: pick('frames'),
      fps: pick('fps'),
      longestFrame: pick('longestFrame'),
      longTasks: pick('longTasks'),
      longTaskMs: pick('longTaskMs'),
      elementsBefore: pick('before'),
      elementsMost: pick('most'),
      elementsAfter: pick('after'),
      rows: pick('rows'),
    };
    const s = report.scroll;
    log('Catalog over 10,000 services (in-page data, 100 per page), scrolled to the end:');
    log(
      `  ${ms(s.p50)} ms p50 (p95 ${ms(s.p95)}), ${s.frames} frames (${s.fps.toFixed(0)} fps, longest ${ms(s.longestFrame)} ms), ${s.longTasks} long tasks (${ms(s.longTaskMs)} ms)`,
    );
    log(
      `  DOM elements (through shadow roots): ${s.elementsBefore} at the start, ${s.elementsMost} at most, ${s.elementsAfter} at the end; ${s.rows} rows rendered\n`,
    );
  }

  if (site) {
    const results = [];
    for (let run = 0; run < bookingRuns; run++) {
      results.push(await bookOnce(browser, site.url, sandbox.url));
      await cancelBookings(sandbox);
    }
    const last = results.at(-1);
    const names = last.steps.map((entry) => entry.name);
    const steps = names.map((name) => {
      const of = results.map((result) => result.steps.find((entry) => entry.name === name));
      const pick = (key) => median(of.map((entry) => entry[key]));
      const shown = last.steps.find((entry) => entry.name === name);
      return {
        name,
        keys: pick('keys'),
        ms: pick('ms'),
        requests: pick('requests'),
        doc: pick('doc'),
        js: pick('js'),
        api: pick('api'),
        preflight: pick('preflight'),
        cached: pick('cached'),
        calls: shown.calls,
        chunks: last.chunks.filter((chunk) => chunk.step === name),
      };
    });
    const inPicker = steps.filter((entry) => !['page', 'to picker'].includes(entry.name));
    const totals = results.map((result) =>
      result.steps.reduce((total, entry) => total + entry.ms, 0),
    );
    report.booking = {
      runs: bookingRuns,
      keysInPicker: inPicker.reduce((total, entry) => total + entry.keys, 0),
      keysToPicker: steps.find((entry) => entry.name === 'to picker')?.keys ?? 0,
      p50: median(totals),
      p95: at(totals, 0.95),
      steps,
    };
    const b = report.booking;
    log(
      `Booking by keyboard on the county site as ${persona} (${bookingRuns} runs, medians): ${b.keysInPicker} key presses from the first station to the ticket (+${b.keysToPicker} from the navigation link to the picker), ${ms(b.p50)} ms wall time (p95 ${ms(b.p95)})`,
    );
    const header = `${'step'.padEnd(10)} ${'keys'.padStart(5)} ${'ms'.padStart(6)} ${'reqs'.padStart(5)} ${'doc'.padStart(4)} ${'js'.padStart(4)} ${'api'.padStart(4)} ${'pre'.padStart(4)} ${'cache'.padStart(6)}  drop-in chunks fetched (what they hold)`;
    log(header);
    log('-'.repeat(header.length + 20));
    for (const entry of steps) {
      log(
        `${entry.name.padEnd(10)} ${String(entry.keys).padStart(5)} ${ms(entry.ms).padStart(6)} ${String(entry.requests).padStart(5)} ${String(entry.doc).padStart(4)} ${String(entry.js).padStart(4)} ${String(entry.api).padStart(4)} ${String(entry.preflight).padStart(4)} ${String(entry.cached).padStart(6)}  ${entry.chunks
          .filter((chunk) => !chunk.cached)
          .map((chunk) => `${chunk.chunk.replace(/\.js$/, '')} (${chunk.holds.join(', ') || '-'})`)
          .join('; ')}`,
      );
    }
    log(
      "(cache: answered by the HTTP cache; the county site serves the drop-in's chunks as immutable)",
    );
    log('\nAPI calls per step (last run):');
    for (const entry of steps)
      log(`  ${entry.name.padEnd(10)} ${entry.calls.join(', ') || '(none)'}`);
  }
} finally {
  await browser.close();
  await site?.stop();
  await pages.stop();
  await sandbox.stop();
}

if (values.json) console.log(JSON.stringify(report, null, 2));
