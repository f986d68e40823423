// The benchmark's pages: each element alone on a page, through the drop-in
// (dist/browser/zheli-elements.js, as a county site serves it) or through the npm build (the
// element's define entry, @zheli/client and configure(), bundled as an app would), fifty cards,
// and the catalog over 10,000 services. Scripts go out gzipped, as a CDN sends them; the API is
// the sandbox's own origin (it sends CORS headers), as on a county site.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { contentSecurityPolicy } from '../../../examples/county-site/server.mjs';
import { browserOptions, build, packageRoot } from '../scripts/bundle.mjs';

const dropInDir = join(packageRoot, 'dist/browser');

/**
 * The elements measured one by one: the markup, and when the element shows data. `ready` is a
 * chain of selectors, each looked up in the shadow root of what the one before found; `text`, when
 * set, is what the last one must contain.
 * `entry` is the npm define entry; `auth` means the npm page signs in with @zheli/auth (the login
 * button's purpose); `token` means the npm page sends an access token the sandbox minted for the
 * Anji car owner instead (the drop-in has no way to take one: there the element shows its
 * signed-out state, without asking the platform).
 */
export const elements = {
  card: {
    tag: 'zheli-service-card',
    markup:
      '<zheli-service-card service-id="svc-330523-vehicle-inspection-booking"></zheli-service-card>',
    ready: { chain: ['zheli-service-card', '[part~="name"]'], text: '机动车检验' },
    entry: 'service-card',
  },
  catalog: {
    tag: 'zheli-service-catalog',
    markup: '<zheli-service-catalog region="330523" page-size="20"></zheli-service-catalog>',
    ready: { chain: ['zheli-service-catalog', 'zheli-service-card', '[part~="name"]'], text: '' },
    entry: 'service-catalog',
  },
  region: {
    tag: 'zheli-region-picker',
    markup: '<zheli-region-picker value="330523"></zheli-region-picker>',
    ready: { chain: ['zheli-region-picker', '[part~="value"]'], text: '安吉县' },
    entry: 'region-picker',
  },
  login: {
    tag: 'zheli-login-button',
    markup: '<zheli-login-button></zheli-login-button>',
    ready: { chain: ['zheli-login-button', '[part~="button"]'], text: '' },
    entry: 'login-button',
    auth: true,
  },
  qr: {
    tag: 'zheli-qr-code',
    markup:
      '<zheli-qr-code kind="venue" site-id="site-anji-service-hall" label="安吉县政务服务中心场所码"></zheli-qr-code>',
    ready: { chain: ['zheli-qr-code', '[part~="code"]'] },
    entry: 'qr-code',
  },
  picker: {
    tag: 'zheli-appointment-picker',
    markup:
      '<zheli-appointment-picker service-id="svc-330523-vehicle-inspection-booking" region="330523"></zheli-appointment-picker>',
    ready: { chain: ['zheli-appointment-picker', '[part~="site"]'], text: '' },
    entry: 'appointment-picker',
    auth: true,
  },
  evaluation: {
    tag: 'zheli-evaluation',
    markup: '<zheli-evaluation case-number="330523-20261118-000123"></zheli-evaluation>',
    // Signed in (npm): the form for the matter; signed out (drop-in): the prompt to sign in.
    ready: { chain: ['zheli-evaluation', '[part~="form"], [part~="button"]'] },
    entry: 'evaluation',
    token: true,
  },
};

/** The npm page of one element, as an app writes it; bundled with code splitting. */
function npmSource(element) {
  return `import { createClient } from '@zheli/client';
import { configure } from '@zheli/elements';
import '@zheli/elements/${element.entry}/define.js';
${element.auth ? "import { createAuth } from '@zheli/auth';" : ''}
const { api, token } = document.documentElement.dataset;
${
  element.auth
    ? `const auth = createAuth({ authority: api, clientId: 'county-site', redirectUri: location.origin + '/callback', scope: 'openid profile appointments codes evaluations' });`
    : 'const auth = undefined;'
}
const getAccessToken = token ? async () => token : auth?.getAccessToken;
configure({ client: createClient({ baseUrl: api, ...(getAccessToken ? { getAccessToken } : {}) }), ...(auth ? { auth } : {}) });
`;
}

/** Bundles `build` into memory: path (from the output dir) → contents. */
async function bundle(options) {
  const result = await build(
    browserOptions({ outdir: 'bench-out', write: false, splitting: true, ...options }),
  );
  return new Map(
    result.outputFiles.map((file) => [file.path.split(`${sep}bench-out${sep}`)[1], file.contents]),
  );
}

const gzipped = new Map();
function gzip(key, body) {
  let packed = gzipped.get(key);
  if (!packed) {
    packed = gzipSync(body, { level: 9 });
    gzipped.set(key, packed);
  }
  return packed;
}

/**
 * Starts the bench pages on a free port; bundles the npm pages of `names` (default: all).
 * @param {{ sandboxUrl: string, token: string, names?: string[] }} options
 * @returns {Promise<{ url: string, fifty: string[], stop: () => Promise<void> }>}
 */
export async function startBenchPages({ sandboxUrl, token, names = Object.keys(elements) }) {
  const npm = new Map();
  for (const name of names) {
    const element = elements[name];
    npm.set(
      name,
      await bundle({
        stdin: { contents: npmSource(element), resolveDir: packageRoot, loader: 'js' },
        entryNames: 'page',
        chunkNames: 'chunks/[name]-[hash]',
      }),
    );
  }
  const catalog = await bundle({
    entryPoints: { page: 'bench/pages/catalog.ts' },
    chunkNames: 'chunks/[name]-[hash]',
  });
  const { items: fifty } = await (
    await fetch(`${sandboxUrl}/v1/services?region=330523&limit=50`)
  ).json();
  const headers = {
    'content-security-policy': contentSecurityPolicy(sandboxUrl),
    'x-content-type-options': 'nosniff',
  };
  let origin = '';

  const html = (body, { script, data = '' }) =>
    `<!doctype html><html lang="zh-CN" data-api="${sandboxUrl}"${data}><head><meta charset="utf-8"><title>bench</title>
<script type="module" src="${script}"></script></head><body>${body}</body></html>`;
  const config = (body) =>
    `<zheli-config base-url="${sandboxUrl}" authority="${sandboxUrl}" client-id="county-site" redirect-uri="${origin}/callback" scope="openid profile appointments codes evaluations" locale="zh-CN">${body}</zheli-config>`;

  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const send = (type, body, key) => {
      const accepts = /\bgzip\b/.test(request.headers['accept-encoding'] ?? '');
      const compress = accepts && type.startsWith('text/javascript');
      response.writeHead(200, {
        ...headers,
        'content-type': type,
        'cache-control': 'no-cache',
        ...(compress ? { 'content-encoding': 'gzip', vary: 'accept-encoding' } : {}),
      });
      response.end(compress ? gzip(key, body) : body);
    };
    const page = /^\/(dropin|npm)\/(\w+)$/.exec(url.pathname);
    if (page) {
      const [, kind, name] = page;
      const element = elements[name];
      if (!element) return response.writeHead(404).end();
      if (kind === 'dropin') {
        return send(
          'text/html; charset=utf-8',
          html(config(element.markup), { script: '/zheli/zheli-elements.js' }),
        );
      }
      return send(
        'text/html; charset=utf-8',
        html(element.markup, {
          script: `/npm/${name}/page.js`,
          data: element.token ? ` data-token="${token}"` : '',
        }),
      );
    }
    if (url.pathname === '/fifty') {
      const cards = fifty
        .map((item) => `<zheli-service-card service-id="${item.id}"></zheli-service-card>`)
        .join('');
      return send(
        'text/html; charset=utf-8',
        html(config(cards), { script: '/zheli/zheli-elements.js' }),
      );
    }
    if (url.pathname === '/catalog') {
      return send(
        'text/html; charset=utf-8',
        html('<zheli-service-catalog page-size="100"></zheli-service-catalog>', {
          script: '/catalog/page.js',
        }),
      );
    }
    const npmFile = /^\/npm\/(\w+)\/(.+\.js)$/.exec(url.pathname);
    if (npmFile) {
      const body = npm.get(npmFile[1])?.get(npmFile[2]);
      if (!body) return response.writeHead(404).end();
      return send('text/javascript; charset=utf-8', body, url.pathname);
    }
    if (url.pathname.startsWith('/catalog/')) {
      const body = catalog.get(url.pathname.slice('/catalog/'.length));
      if (!body) return response.writeHead(404).end();
      return send('text/javascript; charset=utf-8', body, url.pathname);
    }
    if (url.pathname.startsWith('/zheli/') && extname(url.pathname) === '.js') {
      const file = normalize(join(dropInDir, url.pathname.slice('/zheli/'.length)));
      if (!file.startsWith(dropInDir + sep)) return response.writeHead(404).end();
      try {
        return send('text/javascript; charset=utf-8', await readFile(file), url.pathname);
      } catch {
        return response.writeHead(404).end();
      }
    }
    response.writeHead(404).end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  origin = `http://127.0.0.1:${server.address().port}`;
  return {
    url: origin,
    fifty: fifty.map((item) => item.id),
    stop: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
