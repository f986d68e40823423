// A server render as Next.js' App Router does it for a `'use client'` module, in plain Node
// (no DOM globals, no bundler): the packages are imported by name, so Node resolves each through
// its `exports` to the built `dist`. Run by `test/server.test.ts`, which reads what this prints.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createAuth } from '@zheli/auth';
import { createClient } from '@zheli/client';
import { configure, setLocale } from '@zheli/elements';
import * as components from '@zheli/react';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';

const before = process.getActiveResourcesInfo();
const globals = ['window', 'document', 'HTMLElement', 'location', 'sessionStorage'].filter(
  (name) => name in globalThis,
);

// Every public entry of @zheli/elements, from its package.json. The drop-in (a script-tag build
// for browsers, `<script type="module" src=…>`) is not imported: it is not for Node.
const require = createRequire(import.meta.url);
const manifest = JSON.parse(
  await readFile(require.resolve('@zheli/elements/package.json'), 'utf8'),
);
const imported = [];
for (const subpath of Object.keys(manifest.exports)) {
  if (subpath.startsWith('./browser/')) continue;
  const specifier = `@zheli/elements${subpath.slice(1)}`;
  await (subpath.endsWith('.json')
    ? import(specifier, { with: { type: 'json' } })
    : import(specifier));
  imported.push(specifier);
}

// At the module's top, as docs/react.md and docs/elements.md write it.
const auth = createAuth({
  authority: 'https://auth.example.gov.cn',
  clientId: 'partner-app',
  redirectUri: 'https://partner.example.gov.cn/callback',
  storage: 'session',
});
configure({
  client: createClient({
    baseUrl: 'https://api.example.gov.cn',
    getAccessToken: auth.getAccessToken,
  }),
  auth,
  locale: 'en',
  mode: 'elder',
});
await setLocale('zh-TW');
const user = await auth.getUser();

// As a table, as an app that looks a component up by its name would hold them.
const react = { ...components };
const html = {};
for (const { tagName, component } of react.components) {
  html[tagName] = renderToString(
    createElement(react[component], { id: 'x', 'aria-label': '标签' }, 'text'),
  );
}
html.nested = renderToString(
  createElement(react.ZheliConfig, null, createElement(react.ZheliLoginButton, { popup: true })),
);

// What would keep the process running after the render (a server must be able to exit).
await new Promise((resolve) => setImmediate(resolve));
const left = process.getActiveResourcesInfo().filter((resource) => !before.includes(resource));
process.stdout.write(JSON.stringify({ globals, imported, user, html, left }));
