// The fifty row: fifty <zheli-service-card>s against the sandbox, added 5 ms apart and in one
// task, from the first card added to the frame where every card shows its service, with the
// batch requests they make.
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
