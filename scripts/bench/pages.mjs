// The benchmark's pages, bundled from the packages' exports as an app bundles them (esbuild, with
// the elements' browser options; or split into chunks as an app's bundler does), served on
// 127.0.0.1 at a port chosen at run time, with the HTML shell that loads each page's script.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createSecureServer } from 'node:http2';
import { connect, createServer as createNetServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { browserOptions, build } from '../../packages/elements/scripts/bundle.mjs';
import { root } from './measure.mjs';

const run = promisify(execFile);

export async function bundle(source, minify = true) {
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
export async function bundleSplit(name, source) {
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
 * text) for GET requests of those paths whatever their query (to pages of any origin with
 * `cors`), and `files` (path → script); over HTTP/2 with `tls` (see `selfSigned`).
 */
export async function servePages(pages, api = {}, files = {}, { tls, cors = false } = {}) {
  const handler = (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (Object.hasOwn(files, url.pathname)) {
      response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      return response.end(files[url.pathname]);
    }
    if (Object.hasOwn(api, url.pathname)) {
      response.writeHead(200, {
        'content-type': 'application/json',
        ...(cors && { 'access-control-allow-origin': '*' }),
      });
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
    response.writeHead(404);
    response.end();
  };
  // With `tls` (a key and certificate), HTTP/2 as a CDN serves: every file of a page at once on
  // one connection, where HTTP/1.1 fetches six a host at a time.
  const server = tls ? createSecureServer(tls, handler) : createServer(handler);
  const sessions = new Set();
  server.on('session', (session) => sessions.add(session));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        server.close(() => resolve(undefined));
        if (tls) for (const session of sessions) session.destroy();
        else server.closeAllConnections();
      }),
  };
}

/**
 * A TCP proxy on 127.0.0.1 (a port chosen now) in front of `port`, whose every byte takes `rtt / 2`
 * ms each way and whose every connection waits `rtt` ms before anything flows (TCP's handshake):
 * the round trips of a distant server, at the level of the socket, where Chromium's network
 * emulation adds latency to each request only (so a connection opened ahead saves nothing there).
 */
export async function delayedPort(port, rtt) {
  const sockets = new Set();
  const server = createNetServer((near) => {
    near.pause();
    const far = connect(port, '127.0.0.1');
    for (const socket of [near, far]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {
        near.destroy();
        far.destroy();
      });
    }
    // Timers of one duration run in the order they were set: the bytes keep their order.
    const forward = (from, to) => {
      from.on('data', (chunk) => setTimeout(() => to.write(chunk), rtt / 2));
      from.on('end', () => setTimeout(() => to.end(), rtt / 2));
    };
    setTimeout(() => {
      forward(near, far);
      forward(far, near);
      near.resume();
    }, rtt);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: /** @type {import('node:net').AddressInfo} */ (server.address()).port,
    stop: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve(undefined));
      }),
  };
}

/** A key and self-signed certificate for 127.0.0.1 (by the machine's `openssl`), in `dir`. */
export async function selfSigned(dir) {
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-days',
    '1',
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    'subjectAltName=IP:127.0.0.1',
    '-keyout',
    key,
    '-out',
    cert,
  ]);
  return { key: await readFile(key), cert: await readFile(cert) };
}

export const page = (path, data = '') =>
  `<!doctype html><html lang="zh-CN"${data}><head><meta charset="utf-8"><title>bench</title><script type="module" src="${path}.js"></script></head><body></body></html>`;

/**
 * In a page's script: `watchCatalog(catalog)` sets `window.benchShown` when the catalog's first
 * screen shows: every row the list's box shows holds a card that shows its service's name, and
 * the rows fill the box (or the page has no more). Checked after each frame (a task queued from
 * the frame's callbacks runs after its paint): the virtualizer adds its rows while the frame is
 * rendered (in resize observers), so a check at the next frame's start would count one frame
 * more than the page took.
 */
export const watchCatalogSource = `
const watchCatalog = (catalog) => {
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
  const watch = () => {
    if (shown()) window.benchShown = performance.now();
    else requestAnimationFrame(() => setTimeout(watch));
  };
  requestAnimationFrame(() => setTimeout(watch));
};
`;

/** In a page's script: the nodes under `node`, with every shadow root and the nodes in it. */
export const countNodesSource = `
const countNodes = (node) => {
  let count = 0;
  const walker = document.createTreeWalker(node, NodeFilter.SHOW_ALL);
  for (let at = walker.nextNode(); at; at = walker.nextNode()) {
    count += 1;
    if (at.shadowRoot) count += 1 + countNodes(at.shadowRoot);
  }
  return count;
};
`;

/**
 * The first page the catalog asks for (popularity, 20 a page), recorded from the sandbox's full
 * seeded catalog, for the bench's own server to serve: the sandbox's search time is in no row.
 */
export async function recordCatalogPage() {
  const { startSandbox } = await import('@zheli/sandbox');
  const sandbox = await startSandbox({ port: 0, memory: true, rateLimit: false });
  try {
    return await (await fetch(`${sandbox.url}/v1/services?sort=popularity&limit=20`)).text();
  } finally {
    await sandbox.stop();
  }
}
