// The qr row: <zheli-qr-code> for a 100-char URL and a 500-char token against lean-qr/nano +
// toSvg (the floor), cold (the first code in a fresh page) and warm (20 more in the same page),
// and the DOM nodes of each.
import { fixed, max, median, orderOf, paired, pairedText, runs, smoke } from './measure.mjs';
import { bundle, countNodesSource, page, servePages } from './pages.mjs';
import { report, say } from './report.mjs';

const qrPage = `
import '@zheli/elements/qr-code/define.js';
import { correction, generate } from 'lean-qr/nano';
import { toSvg } from 'lean-qr/extras/svg';

// The floor with the text the element shows beside the code, in the elements' font stack: set
// here, before any timing, as a page's style sheet would be.
const style = document.createElement('style');
style.textContent =
  ".text-floor{font:14px/1.5 system-ui,'PingFang SC','Hiragino Sans GB','Microsoft YaHei',sans-serif}";
document.head.append(style);

${countNodesSource}
const makers = {
  async lean(value) {
    const code = generate(value, { minCorrectionLevel: correction.M });
    const svg = toSvg(code, document, { on: '#000', off: '#fff', width: 200, height: 200 });
    document.body.append(svg);
    svg.getBoundingClientRect();
    return svg;
  },
  // The floor and what a person reads beside the code: the copy button and the closed disclosure
  // of the content as text (the element's zh-CN words), the first text laid out in the page.
  async text(value) {
    const code = generate(value, { minCorrectionLevel: correction.M });
    const svg = toSvg(code, document, { on: '#000', off: '#fff', width: 200, height: 200 });
    const box = document.createElement('div');
    box.className = 'text-floor';
    const button = document.createElement('button');
    button.textContent = '复制二维码内容';
    const details = document.createElement('details');
    const summary = document.createElement('summary');
    summary.textContent = '查看二维码内容';
    const payload = document.createElement('code');
    payload.textContent = value;
    details.append(summary, payload);
    box.append(svg, button, details);
    document.body.append(box);
    svg.getBoundingClientRect();
    return box;
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

export async function benchQr(browser) {
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
  const kinds = ['lean', 'text', 'zheli'];
  const count = smoke ? 1 : runs * 3;
  try {
    for (const [name, value] of Object.entries(values)) {
      const samples = Object.fromEntries(kinds.map((kind) => [kind, { cold: [], warm: [] }]));
      const nodes = {};
      for (let run = smoke ? 1 : 0; run <= count; run++) {
        for (const kind of orderOf(kinds, run)) {
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
          coldPaired: paired(samples[kind].cold, samples.lean.cold),
          warm: median(samples[kind].warm),
          warmRatio: median(samples[kind].warm) / median(samples.lean.warm),
          warmPaired: paired(samples[kind].warm, samples.lean.warm),
          // Against the floor that also lays out the element's text (see the table's text).
          coldToText: paired(samples[kind].cold, samples.text.cold),
          warmToText: paired(samples[kind].warm, samples.text.warm),
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
    `One code of 200 × 200 px at level M, from the call to its layout (script, style and layout, forced; no frame wait, whose timing would hide the work): the first in a fresh page (cold, ${count} pages a row, interleaved, each kind taking each place in turn), and the median of 20 more in the same page (warm). The floor is lean-qr's \`generate\` from \`lean-qr/nano\` and \`toSvg\` with a background, the same size, quiet zone (4 modules) and colours; it draws the code only, with no accessible name, frame or text. The element also lays out what a person reads beside the code, its copy button and the closed disclosure of the content as text, and the first text in a page costs its fonts: the row between, the floor with those two texts in the elements' font stack, shows that share (its ratio is to the floor too). × lean-qr is the ratio of the medians; run by run, the median of each run's ratio to lean-qr's page of the same run, with the middle half of the runs in brackets. DOM nodes count the code's element, its shadow root and everything in them.`,
  );
  say('');
  say(
    '| content | kind | median ms | max ms | × lean-qr | × lean-qr, run by run | warm ms | warm × lean-qr | warm × lean-qr, run by run | DOM nodes |',
  );
  say('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  const spread = (kind, result) => (kind === 'lean' ? '–' : pairedText(result));
  const names = {
    lean: 'lean-qr/nano + `toSvg` (floor)',
    text: 'floor + copy button and disclosure text',
    zheli: '`<zheli-qr-code>`',
  };
  for (const row of report.qr) {
    say(
      `| ${row.value} | ${names[row.kind]} | ${fixed(row.cold, 2)} | ${fixed(row.coldMax, 2)} | ${fixed(row.coldRatio, 2)} | ${spread(row.kind, row.coldPaired)} | ${fixed(row.warm, 2)} | ${fixed(row.warmRatio, 2)} | ${spread(row.kind, row.warmPaired)} | ${row.nodes} |`,
    );
  }
  const against = report.qr
    .filter((row) => row.kind === 'zheli')
    .map(
      (row) =>
        `${row.value} ${pairedText(row.coldToText)} cold, ${pairedText(row.warmToText)} warm`,
    )
    .join('; ');
  say('');
  say(
    `\`<zheli-qr-code>\` against the floor with the same copy button and disclosure text, × that floor run by run: ${against}.`,
  );
  say('');
}
