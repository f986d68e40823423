// The county site's static server: the portal page, its stylesheet and the Zheli elements drop-in
// (with its lazy chunks), under a strict Content-Security-Policy with Trusted Types.
//
//   node server.mjs [--port 5173] [--host 127.0.0.1] [--sandbox http://127.0.0.1:4010] [--container]
//   (or SITE_PORT, SITE_HOST, SANDBOX_URL; ZHELI_CONTAINER=1)
//
// `--container` is for development only: the page includes the sandbox's container emulator
// bridge script and may be framed by the sandbox (docs/container.md), to try it inside the
// platform's app as the emulator shows it.
//
// The page is plain HTML written for the default ports; the server only replaces the sandbox's
// and its own origin in it when they differ, and turns on elder mode for `?_uiStyle=elder`.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const publicDir = fileURLToPath(new URL('./public/', import.meta.url));
const dropInDir = dirname(
  fileURLToPath(import.meta.resolve('@zheli/elements/browser/zheli-elements.js')),
);

/** The origins written in public/index.html, replaced at serve time. */
const pageSandboxOrigin = 'http://127.0.0.1:4010';
const pageSiteOrigin = 'http://127.0.0.1:5173';

const types = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/**
 * The page's Content-Security-Policy. The elements need no `'unsafe-inline'`, no nonce and one
 * Trusted Types policy, `lit-html` (the drop-in and its chunks create no other).
 * @param {string} sandboxOrigin
 */
export function contentSecurityPolicy(sandboxOrigin, container = false) {
  return [
    "default-src 'self'",
    `connect-src 'self' ${sandboxOrigin}`,
    "img-src 'self' data:",
    "style-src 'self'",
    // In the container emulator (development): its bridge script, and its page as the frame.
    container ? `script-src 'self' ${sandboxOrigin}` : "script-src 'self'",
    `frame-src ${sandboxOrigin}`,
    "object-src 'none'",
    container ? `frame-ancestors ${sandboxOrigin}` : "frame-ancestors 'none'",
    "require-trusted-types-for 'script'",
    'trusted-types lit-html',
    "base-uri 'none'",
    `form-action 'self' ${sandboxOrigin}`,
  ].join('; ');
}

/**
 * @param {string} sandboxOrigin
 * @param {boolean} container
 */
function securityHeaders(sandboxOrigin, container) {
  return {
    'content-security-policy': contentSecurityPolicy(sandboxOrigin, container),
    'x-content-type-options': 'nosniff',
    // The CSP's frame-ancestors says who may frame the page; X-Frame-Options has no allowlist.
    ...(container ? {} : { 'x-frame-options': 'DENY' }),
    'referrer-policy': 'strict-origin-when-cross-origin',
    'cross-origin-opener-policy': 'same-origin-allow-popups',
    'cross-origin-resource-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  };
}

/**
 * Starts the county site.
 * @param {{ port?: number, host?: string, sandboxUrl?: string, container?: boolean }} [options]
 *   `port` 0 picks a free port; `sandboxUrl` is where the platform (the sandbox) runs;
 *   `container` (development only) includes the sandbox's container emulator bridge script and
 *   lets the sandbox frame the page.
 * @returns {Promise<{ url: string, sandboxUrl: string, stop: () => Promise<void> }>}
 */
export async function startCountySite(options = {}) {
  const host = options.host ?? '127.0.0.1';
  const sandboxOrigin = new URL(options.sandboxUrl ?? pageSandboxOrigin).origin;
  const container = options.container === true;
  const headers = securityHeaders(sandboxOrigin, container);
  const templates = {
    portal: await readFile(join(publicDir, 'index.html'), 'utf8'),
    // The village page of 高家堂村: its points (信治积分); also its own redirect URI.
    village: await readFile(join(publicDir, 'gaojiatang.html'), 'utf8'),
    // 我的服务: what the platform recommends to the signed-in person, and their data consents.
    services: await readFile(join(publicDir, 'my-services.html'), 'utf8'),
    // 新生儿出生一件事: the one-matter application, from the guide to its evaluation.
    birth: await readFile(join(publicDir, 'birth.html'), 'utf8'),
  };
  /** The pages besides the portal, by path; each is also its own redirect URI. */
  const pages = new Map([
    ['/villages/gaojiatang', 'village'],
    ['/my/services', 'services'],
    ['/matters/birth', 'birth'],
  ]);
  let siteOrigin = '';

  /**
   * @param {boolean} elder
   * @param {'portal' | 'village' | 'services' | 'birth'} which
   */
  const page = (elder, which = 'portal') => {
    let html = templates[which].replaceAll(pageSandboxOrigin, sandboxOrigin);
    html = html.replaceAll(pageSiteOrigin, siteOrigin);
    if (container) {
      // Before the drop-in: the emulator's bridge script installs `window.ZWJSBridge` only
      // inside the emulator's frame, and nothing in a plain browser.
      html = html.replace(
        '<script type="module"',
        `<script src="${sandboxOrigin}/__sandbox/container/bridge.js"></script>\n    <script type="module"`,
      );
    }
    if (elder) {
      html = html
        .replace('<html lang="zh-CN">', '<html lang="zh-CN" class="elder">')
        .replace('<zheli-config\n', '<zheli-config\n      mode="elder"\n');
    }
    return html;
  };

  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { ...headers, allow: 'GET, HEAD' }).end();
      return;
    }
    const send = (status, type, body, cache) => {
      response.writeHead(status, { ...headers, 'content-type': type, 'cache-control': cache });
      response.end(request.method === 'HEAD' ? undefined : body);
    };
    // `/callback` is the registered redirect URI: the same page, whose login button completes
    // the sign-in and shows who is signed in.
    const which = pages.get(url.pathname) ?? 'portal';
    if (
      which !== 'portal' ||
      url.pathname === '/' ||
      url.pathname === '/index.html' ||
      url.pathname === '/callback'
    ) {
      // Elder mode is the visitor's choice (`?_uiStyle=elder`, `?_uiStyle=standard`), kept in a
      // cookie so that it survives the way back from sign-in and every later page.
      const asked = url.searchParams.get('_uiStyle');
      const kept = /(?:^|;\s*)ui_style=elder(?:;|$)/.test(request.headers.cookie ?? '');
      const elder = asked === 'elder' || (asked !== 'standard' && kept);
      if (asked === 'elder' || asked === 'standard') {
        response.setHeader(
          'set-cookie',
          `ui_style=${asked}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly`,
        );
      }
      send(200, types['.html'], page(elder, which), 'no-cache');
      return;
    }
    const file = resolveFile(url.pathname);
    if (!file) {
      send(404, 'text/plain; charset=utf-8', 'Not found', 'no-cache');
      return;
    }
    try {
      const body = await readFile(file);
      const immutable = file.startsWith(join(dropInDir, 'chunks'));
      send(200, types[extname(file)], body, immutable ? 'max-age=31536000, immutable' : 'no-cache');
    } catch {
      send(404, 'text/plain; charset=utf-8', 'Not found', 'no-cache');
    }
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 5173, host, () => resolve(undefined));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  siteOrigin = `http://${host}:${port}`;
  return {
    url: siteOrigin,
    sandboxUrl: sandboxOrigin,
    stop: () =>
      new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** Maps a URL path to a file the site may serve, or null. */
function resolveFile(pathname) {
  if (!/^\/[\w./-]*$/.test(pathname) || pathname.includes('..')) return null;
  if (pathname === '/site.css') return join(publicDir, 'site.css');
  if (!pathname.startsWith('/zheli/')) return null;
  const ext = extname(pathname);
  if (ext !== '.js' && ext !== '.map') return null;
  const file = normalize(join(dropInDir, pathname.slice('/zheli/'.length)));
  return file.startsWith(dropInDir + sep) ? file : null;
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === normalize(process.argv[1]);
if (isMain) {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: process.env.SITE_PORT ?? '5173' },
      host: { type: 'string', default: process.env.SITE_HOST ?? '127.0.0.1' },
      sandbox: { type: 'string', default: process.env.SANDBOX_URL ?? pageSandboxOrigin },
      container: { type: 'boolean', default: process.env.ZHELI_CONTAINER === '1' },
    },
  });
  const site = await startCountySite({
    port: Number(values.port),
    host: values.host,
    sandboxUrl: values.sandbox,
    container: values.container,
  });
  process.stdout.write(`安吉县 county site  ${site.url}   (platform: ${site.sandboxUrl})\n`);
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      site.stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
}
