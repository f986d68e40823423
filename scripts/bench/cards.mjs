// The cards row: 1,000 and 5,000 service cards to the next frame (plain DOM with the card's CSS,
// the floor; a bare Lit element; <zheli-service-card>; Shoelace 2's <sl-card>, the peer) with
// their DOM nodes, and with `--profile` where the time of 1,000 cards goes (a CPU profile).
import { fixed, max, median, runs, smoke } from './measure.mjs';
import { bundle, countNodesSource, page, servePages } from './pages.mjs';
import { report, say } from './report.mjs';

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
${countNodesSource}

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

export async function benchCards(browser) {
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
export async function profileCards(browser) {
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
