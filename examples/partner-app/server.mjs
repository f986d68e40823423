// The backend of 安吉顺达汽车服务's app: a backend-for-frontend on Hono. It signs people in with
// the platform as a confidential OIDC client (`@zheli/auth/server`), keeps their tokens in its
// own memory behind an HttpOnly session cookie, proxies `/api/*` to the platform's Open API with
// the session's access token, and serves the React app's production build (`vite build` → dist/).
//
//   node server.mjs [--port 5174] [--host 127.0.0.1] [--sandbox http://127.0.0.1:4010]
//   (or PARTNER_PORT, PARTNER_HOST, SANDBOX_URL; ZHELI_CLIENT_ID and ZHELI_CLIENT_SECRET for the
//   client, `partner-server` / `sandbox-secret` in the sandbox)
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { serve } from '@hono/node-server';
import { createAuthHandler } from '@zheli/auth/server';
import { Hono } from 'hono';

const distDir = fileURLToPath(new URL('./dist/', import.meta.url));
const defaultSandbox = 'http://127.0.0.1:4010';

const types = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json; charset=utf-8',
};

/**
 * The app's Content-Security-Policy: everything from this origin (the API too, through the
 * proxy), no inline script or style, and Trusted Types with only Lit's policy (React creates no
 * HTML from strings here).
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "require-trusted-types-for 'script'",
  'trusted-types lit-html',
].join('; ');

const securityHeaders = {
  'content-security-policy': contentSecurityPolicy,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'cross-origin-opener-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
};

/**
 * Starts the partner app's backend.
 * @param {{ port?: number, host?: string, sandboxUrl?: string, clientId?: string,
 *   clientSecret?: string, publicUrl?: string,
 *   store?: import('@zheli/auth/server').SessionStore, instance?: string }} [options] `port` 0
 *   picks a free port; `sandboxUrl` is the platform (its issuer and its API). Behind a load
 *   balancer (`scaled.mjs`): `publicUrl` is the origin people use (the balancer's), `store` the
 *   sessions shared by every instance, and `instance` a name sent back in `X-Partner-Instance`
 *   on every response, to see which instance answered.
 * @returns {Promise<{ url: string, address: string, sandboxUrl: string,
 *   stop: () => Promise<void> }>} `url` is the app's origin, `address` where this instance listens
 *   (the same unless `publicUrl` is given).
 */
export async function startPartnerApp(options = {}) {
  const host = options.host ?? '127.0.0.1';
  const platform = new URL(options.sandboxUrl ?? defaultSandbox).origin;
  const index = await readFile(join(distDir, 'index.html'), 'utf8').catch(() => {
    throw new Error(
      `No build of the partner app in ${distDir}: run \`npm run build -w @zheli/example-partner-app\` first`,
    );
  });
  /** @type {import('@zheli/auth/server').AuthHandler | undefined} */
  let bff;
  let origin = '';

  const app = new Hono();
  app.use('*', async (c, next) => {
    // One origin only: the session cookie and the CSRF check are bound to it.
    const requested = new URL(c.req.url);
    if (origin && requested.origin !== origin) {
      return c.redirect(`${origin}${requested.pathname}${requested.search}`, 308);
    }
    await next();
    for (const [name, value] of Object.entries(securityHeaders)) c.res.headers.set(name, value);
    if (options.instance) c.res.headers.set('x-partner-instance', options.instance);
  });

  app.all('*', async (c, next) => {
    const { pathname } = new URL(c.req.url);
    if (!bff?.handles(pathname)) return next();
    const response = await bff.fetch(c.req.raw);
    if (pathname === '/auth/callback' && response.status >= 400) {
      // A failed sign-in (tampered or replayed state, an ID token that fails a check, the person
      // declined): no session was made. Send the person to the sign-in page, which says why.
      const problem = await response.json().catch(() => ({}));
      const to = new URL('/signin', origin);
      to.searchParams.set('error', typeof problem.code === 'string' ? problem.code : 'unknown');
      const headers = new Headers({
        location: to.pathname + to.search,
        'cache-control': 'no-store',
      });
      for (const cookie of response.headers.getSetCookie()) headers.append('set-cookie', cookie);
      return new Response(null, { status: 303, headers });
    }
    return response;
  });

  app.on(['GET', 'HEAD'], '*', async (c) => {
    const { pathname } = new URL(c.req.url);
    const file = resolveFile(pathname);
    if (file) {
      const found = await stat(file).catch(() => undefined);
      if (found?.isFile()) {
        const immutable = pathname.startsWith('/assets/');
        return new Response(c.req.method === 'HEAD' ? null : await readFile(file), {
          headers: {
            'content-type': types[extname(file)] ?? 'application/octet-stream',
            'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
          },
        });
      }
    }
    if (extname(pathname) !== '') return c.text('Not found', 404);
    // Every app route (/, /appointments, /book, /signin) is the single-page app.
    return c.html(index, 200, { 'cache-control': 'no-cache' });
  });
  app.all('*', (c) => c.text('Method not allowed', 405, { allow: 'GET, HEAD' }));

  const server = serve({ fetch: app.fetch, port: options.port ?? 5174, hostname: host });
  await new Promise((resolve, reject) => {
    if (server.listening) resolve(undefined);
    server.once('listening', () => resolve(undefined));
    server.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  origin = options.publicUrl ? new URL(options.publicUrl).origin : `http://${host}:${port}`;
  bff = createAuthHandler({
    authority: platform,
    clientId: options.clientId ?? process.env.ZHELI_CLIENT_ID ?? 'partner-server',
    clientAuth: {
      method: 'client_secret_basic',
      clientSecret: options.clientSecret ?? process.env.ZHELI_CLIENT_SECRET ?? 'sandbox-secret',
    },
    redirectUri: `${origin}/auth/callback`,
    postLogoutRedirectUri: `${origin}/`,
    // Sign-in, the masked name, and the person's appointments; a refresh token keeps the
    // session past the access token's 15 minutes.
    scope: 'openid profile offline_access appointments',
    // The platform's origin serves its sign-in pages and test hooks too: the proxy forwards only
    // its default allowlist, the Open API under /v1/.
    apiBaseUrl: platform,
    ...(options.store ? { store: options.store } : {}),
  });
  return {
    url: origin,
    address: `http://${host}:${port}`,
    sandboxUrl: platform,
    stop: () =>
      new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        if ('closeAllConnections' in server) server.closeAllConnections();
      }),
  };
}

/** Maps a URL path to a file of the build, or null. */
function resolveFile(pathname) {
  if (!/^\/[\w./-]*$/.test(pathname) || pathname.includes('..') || pathname === '/') return null;
  const file = normalize(join(distDir, pathname.slice(1)));
  return file.startsWith(distDir.endsWith(sep) ? distDir : distDir + sep) ? file : null;
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === normalize(process.argv[1]);
if (isMain) {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: process.env.PARTNER_PORT ?? '5174' },
      host: { type: 'string', default: process.env.PARTNER_HOST ?? '127.0.0.1' },
      sandbox: { type: 'string', default: process.env.SANDBOX_URL ?? defaultSandbox },
      // Behind a load balancer (scaled.mjs starts each instance so): the balancer's origin, this
      // instance's name, and the Redis server the instances share their sessions in.
      'public-url': { type: 'string' },
      instance: { type: 'string' },
      redis: { type: 'string' },
    },
  });
  /** @type {import('@zheli/auth/server/redis').RedisSessionStore | undefined} */
  let store;
  if (values.redis) {
    const { createRedisSessionStore } = await import('@zheli/auth/server/redis');
    // The keys come from the environment, not the command line, where `ps` would show them.
    const keys = (process.env.ZHELI_SESSION_KEYS ?? '').split(',').filter(Boolean);
    if (keys.length === 0) {
      process.stderr.write('--redis needs ZHELI_SESSION_KEYS (base64 of 32 bytes, newest first)\n');
      process.exit(2);
    }
    store = createRedisSessionStore({ url: values.redis, encryptionKeys: keys });
  }
  const partner = await startPartnerApp({
    port: Number(values.port),
    host: values.host,
    sandboxUrl: values.sandbox,
    ...(values['public-url'] ? { publicUrl: values['public-url'] } : {}),
    ...(values.instance ? { instance: values.instance } : {}),
    ...(store ? { store } : {}),
  });
  const stop = () =>
    partner
      .stop()
      .then(() => store?.close())
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  process.stdout.write(
    values.instance
      ? `partner app instance ${values.instance} (pid ${process.pid})  ${partner.address}   behind ${partner.url}\n`
      : `安吉顺达汽车服务 partner app  ${partner.url}   (platform: ${partner.sandboxUrl})\n`,
  );
  // Started by scaled.mjs (an IPC channel): say where this instance listens, and stop with it.
  if (process.send) {
    process.send({ instance: values.instance, pid: process.pid, address: partner.address });
    process.once('disconnect', stop);
  }
  for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, stop);
}
