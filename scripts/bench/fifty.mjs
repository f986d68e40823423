// The fifty row: fifty <zheli-service-card>s against the sandbox, added 5 ms apart and in one
// task, from the first card added to the frame where every card shows its service, with the
// batch requests they make. Adding fifty cards 5 ms apart takes at least 250 ms by itself (each
// timer waits its 5 ms after the previous card's task), longer than the whole one-task load, so
// the row also reports the adding's span and the tail from the last card added to every card
// shown: the tail is what the SDK adds to the adding, and is what is compared to the one task.
import { fixed, max, median, runs } from './measure.mjs';
import { bundle, page, servePages } from './pages.mjs';
import { report, say } from './report.mjs';

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
  let last = started;
  const watch = () => {
    if (added === all.length && shown(cards)) {
      const now = performance.now();
      return resolve({ ms: now - started, span: last - started, tail: now - last });
    }
    requestAnimationFrame(watch);
  };
  const add = () => {
    do {
      const card = document.createElement('zheli-service-card');
      card.serviceId = all[added++];
      document.body.append(card);
      cards.push(card);
    } while (gap === 0 && added < all.length);
    if (added === all.length) last = performance.now();
    if (added < all.length) setTimeout(add, gap);
  };
  add();
  requestAnimationFrame(watch);
});
`;

export async function benchFifty(browser) {
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
    const spans = { 0: [], 5: [] };
    const tails = { 0: [], 5: [] };
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
          spans[gap].push(result.span);
          tails[gap].push(result.tail);
          requests[gap].push(batch);
          await tab.close();
        }
      }
    } finally {
      await server.stop();
    }
    const row = (gap) => ({
      median: median(samples[gap]),
      max: max(samples[gap]),
      span: median(spans[gap]),
      tail: median(tails[gap]),
      tailMax: max(tails[gap]),
      requests: max(requests[gap]),
    });
    report.fifty = { cards: items.length, oneTask: row(0), apart: row(5) };
  } finally {
    await sandbox.stop();
  }
  const { oneTask, apart } = report.fifty;
  say(`### ${report.fifty.cards} cards against the sandbox`);
  say('');
  say(
    'Total: from the first card added to the frame where every card shows its service. Adding: from the first card added to the last (fifty timers 5 ms apart take at least 250 ms whatever the SDK does). Tail: from the last card added to every card shown, the part the SDK adds; it is what is compared to the one task. Requests are `GET /v1/services/batch` (the most in any run); times are medians, and the slowest tail.',
  );
  say('');
  say(
    '| added | requests | total ms | adding ms | tail ms | max tail ms | total × one task | tail × one task |',
  );
  say('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const [name, row] of [
    ['in one task', oneTask],
    ['5 ms apart', apart],
  ]) {
    say(
      `| ${name} | ${row.requests} | ${fixed(row.median)} | ${fixed(row.span)} | ${fixed(row.tail)} | ${fixed(row.tailMax)} | ${fixed(row.median / oneTask.median, 2)} | ${fixed(row.tail / oneTask.median, 2)} |`,
    );
  }
  say('');
}
