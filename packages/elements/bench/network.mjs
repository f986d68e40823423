// What a page fetches, as Chromium's network layer reports it (DevTools protocol): every request
// with its kind (document, script, API call, CORS preflight), the step of a scenario it belongs
// to, and its bytes on the wire (headers included, the body as sent: gzipped scripts, JSON as the
// platform sends it) and after decoding.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** @typedef {{ url: string, method: string, kind: string, step: string, status: number, wire: number, body: number, cached: boolean, done: boolean }} Request */

const kinds = {
  Document: 'doc',
  Script: 'js',
  Fetch: 'api',
  XHR: 'api',
};

/**
 * Starts recording `page`'s requests (before it navigates).
 * @param {import('playwright').BrowserContext} context
 * @param {import('playwright').Page} page
 */
export async function recordNetwork(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  /** @type {Request[]} */
  const log = [];
  const open = new Map();
  let step = 'load';
  let last = performance.now();
  cdp.on('Network.requestWillBeSent', (event) => {
    // The browser's own favicon request is not the page's.
    if (new URL(event.request.url).pathname === '/favicon.ico') return;
    last = performance.now();
    const before = open.get(event.requestId);
    if (before && event.redirectResponse) {
      before.status = event.redirectResponse.status;
      before.wire = event.redirectResponse.encodedDataLength ?? 0;
      before.done = true;
    }
    const request = {
      url: event.request.url,
      method: event.request.method,
      // A CORS preflight comes as type Other.
      kind: event.request.method === 'OPTIONS' ? 'preflight' : (kinds[event.type] ?? 'other'),
      step,
      status: 0,
      wire: 0,
      body: 0,
      cached: false,
      done: false,
    };
    open.set(event.requestId, request);
    log.push(request);
  });
  cdp.on('Network.responseReceived', (event) => {
    const request = open.get(event.requestId);
    if (!request) return;
    request.status = event.response.status;
    if (event.response.fromDiskCache || event.response.fromPrefetchCache) request.cached = true;
  });
  cdp.on('Network.requestServedFromCache', (event) => {
    const request = open.get(event.requestId);
    if (request) request.cached = true;
  });
  cdp.on('Network.dataReceived', (event) => {
    const request = open.get(event.requestId);
    if (request) request.body += event.dataLength;
  });
  const finish = (event, failed) => {
    last = performance.now();
    const request = open.get(event.requestId);
    if (!request) return;
    if (!failed) request.wire = event.encodedDataLength;
    request.done = true;
  };
  cdp.on('Network.loadingFinished', (event) => finish(event, false));
  cdp.on('Network.loadingFailed', (event) => finish(event, true));
  return {
    log,
    /** Requests from now on belong to `name`. */
    step(name) {
      step = name;
    },
    /** Waits until nothing is in flight and nothing started for `ms`. */
    async quiet(ms = 400, limit = 15_000) {
      const until = performance.now() + limit;
      while (performance.now() < until) {
        const busy = log.some((request) => !request.done);
        if (!busy && performance.now() - last >= ms) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}

/**
 * Sums the requests that went to the network by kind: count, bytes on the wire and decoded; and
 * counts those the HTTP cache answered.
 * @param {Request[]} all
 */
export function summarize(all) {
  const requests = all.filter((request) => !request.cached);
  const sum = { total: requests.length, cached: all.length - requests.length, wire: 0 };
  for (const kind of ['doc', 'js', 'api', 'preflight', 'other']) {
    const of = requests.filter((request) => request.kind === kind);
    sum[kind] = {
      count: of.length,
      wire: of.reduce((total, request) => total + request.wire, 0),
      body: of.reduce((total, request) => total + request.body, 0),
    };
  }
  sum.wire = requests.reduce((total, request) => total + request.wire, 0);
  return sum;
}

/**
 * What a drop-in chunk holds, from its source map: the packages and element folders in it, e.g.
 * `@floating-ui/dom, elements/qr-code, @zheli/client`.
 * @param {string} dropInDir
 * @param {string} url
 */
export async function chunkContents(dropInDir, url) {
  const name = url.split('/').at(-1) ?? '';
  try {
    const map = JSON.parse(await readFile(join(dropInDir, 'chunks', `${name}.map`), 'utf8'));
    const parts = new Set();
    for (const source of map.sources) {
      const module = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
      const own = /^(?:\.\.\/)+src\/([^/.]+)\//.exec(source);
      const sibling = /\/([a-z-]+)\/src\//.exec(source);
      if (module) parts.add(module[1]);
      else if (own) parts.add(`elements/${own[1]}`);
      else if (sibling) parts.add(`@zheli/${sibling[1]}`);
    }
    return [...parts];
  } catch {
    return [];
  }
}
