// The container emulator: a phone-sized frame that loads a partner page and answers its
// `ZWJSBridge` calls as the platform's app would, with controls for the persona, the client,
// the elder style, the app's language and the code a scan returns. The partner page includes `bridge.js` from the
// sandbox in development; the script talks to this page by postMessage and installs
// `window.ZWJSBridge` only when this page answers its greeting (so outside the emulator the
// page runs as in a plain browser). Tickets come from the ticket control (same origin here).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Persona, RegisteredClient } from '../personas.js';
import { sendProblem } from './http.js';
import { escapeHtml } from './pages.js';

/** The emulator page; `bridge.js`, `emulator.js` and `emulator.css` live under it. */
export const containerPath = '/__sandbox/container';

export interface ContainerOptions {
  issuer: string;
  personas: ReadonlyMap<string, Persona>;
  clients: ReadonlyMap<string, RegisteredClient>;
}

/** Runs in the partner page: greets the emulator, then installs `window.ZWJSBridge`. */
const bridgeScript = `(() => {
  const script = document.currentScript;
  const emulator = script ? new URL(script.src).origin : '';
  if (!emulator || window.parent === window) return;
  const methods = ['getUiStyle', 'getLocale', 'getTicket', 'scan', 'setTitle', 'openLink', 'close', 'share', 'getLocation'];
  const pending = new Map();
  let next = 0;
  const call = (method, params) =>
    new Promise((resolve, reject) => {
      next += 1;
      pending.set(next, { resolve, reject });
      window.parent.postMessage({ type: 'zwjsbridge:call', id: next, method, params }, emulator);
    });
  window.addEventListener('message', (event) => {
    if (event.source !== window.parent || event.origin !== emulator) return;
    const data = event.data;
    if (!data || typeof data !== 'object') return;
    if (data.type === 'zwjsbridge:ready' && !window.ZWJSBridge) {
      const bridge = { onReady: (callback) => setTimeout(callback, 0) };
      for (const method of methods) bridge[method] = (params) => call(method, params);
      window.ZWJSBridge = bridge;
      document.dispatchEvent(new Event('ZWJSBridgeReady'));
    } else if (data.type === 'zwjsbridge:uistyle') {
      document.dispatchEvent(new CustomEvent('ZWJSBridgeUiStyleChange', { detail: { uiStyle: data.uiStyle } }));
    } else if (data.type === 'zwjsbridge:locale') {
      document.dispatchEvent(new CustomEvent('ZWJSBridgeLocaleChange', { detail: { locale: data.locale } }));
    } else if (data.type === 'zwjsbridge:answer' && pending.has(data.id)) {
      const { resolve, reject } = pending.get(data.id);
      pending.delete(data.id);
      if (data.error) reject(data.error);
      else resolve(data.result);
    }
  });
  window.parent.postMessage({ type: 'zwjsbridge:hello' }, emulator);
})();
`;

/** Runs in the emulator page: answers the framed page's calls from the controls' state. */
const emulatorScript = `(() => {
  const frame = document.getElementById('app');
  const log = document.getElementById('calls');
  const title = document.getElementById('title');
  if (!frame || !frame.src) return;
  const state = frame.dataset;
  const target = new URL(frame.src).origin;
  const note = (text) => {
    const item = document.createElement('li');
    item.textContent = text;
    log.append(item);
  };
  const failure = (errorCode, errorMessage) => Object.assign(new Error(errorMessage), { errorCode });
  const handlers = {
    getUiStyle: () => ({ uiStyle: state.uiStyle }),
    getLocale: () => ({ locale: state.locale }),
    async getTicket(params) {
      const response = await fetch('${containerPath.replace(/\/container$/, '/tickets')}', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-zheli-sandbox': '1' },
        body: JSON.stringify({
          persona: state.persona,
          client_id: params.clientId || state.client,
          ...(params.codeChallenge ? { code_challenge: params.codeChallenge } : {}),
        }),
      });
      const body = await response.json();
      if (response.status !== 201) throw failure('TICKET_REFUSED', body.detail || body.title);
      return { ticket: body.ticket };
    },
    scan() {
      if (!state.scan) throw failure('USER_CANCEL', 'no code chosen in the emulator (cancelled)');
      return { text: state.scan };
    },
    setTitle(params) {
      title.textContent = String(params.title ?? '');
      return {};
    },
    openLink(params) {
      const url = new URL(String(params.url), frame.src);
      if (url.origin === target) frame.src = url.href;
      else window.open(url.href, '_blank', 'noopener');
      return {};
    },
    close() {
      frame.removeAttribute('src');
      title.textContent = '';
      return {};
    },
    share: () => ({}),
    getLocation: () => ({ latitude: 30.6383, longitude: 119.6808, accuracy: 30 }),
  };
  // Switching the elder style tells the open page (as the app does), without reopening it.
  const elder = document.querySelector('input[name="uiStyle"]');
  elder?.addEventListener('change', () => {
    state.uiStyle = elder.checked ? 'elder' : 'normal';
    note('uiStyle → ' + state.uiStyle);
    frame.contentWindow?.postMessage({ type: 'zwjsbridge:uistyle', uiStyle: state.uiStyle }, target);
  });
  // Switching the app's language tells the open page too (the app's own switch reloads nothing).
  const language = document.querySelector('select[name="locale"]');
  language?.addEventListener('change', () => {
    state.locale = language.value;
    note('locale → ' + state.locale);
    frame.contentWindow?.postMessage({ type: 'zwjsbridge:locale', locale: state.locale }, target);
  });
  window.addEventListener('message', async (event) => {
    if (event.source !== frame.contentWindow || event.origin !== target) return;
    const data = event.data;
    if (!data || typeof data !== 'object') return;
    const reply = (message) => frame.contentWindow.postMessage(message, target);
    if (data.type === 'zwjsbridge:hello') {
      reply({ type: 'zwjsbridge:ready' });
      return;
    }
    if (data.type !== 'zwjsbridge:call') return;
    const handler = Object.hasOwn(handlers, data.method) ? handlers[data.method] : undefined;
    try {
      if (!handler) throw failure('NOT_SUPPORTED', 'no such bridge method: ' + data.method);
      const result = await handler(data.params || {});
      note(data.method + ' ✓');
      reply({ type: 'zwjsbridge:answer', id: data.id, result });
    } catch (error) {
      note(data.method + ' ✗ ' + (error.errorCode || 'FAILED'));
      reply({
        type: 'zwjsbridge:answer',
        id: data.id,
        error: { errorCode: error.errorCode || 'FAILED', errorMessage: String(error.message) },
      });
    }
  });
  // The framed page greets this page as soon as its bridge.js runs, which on a busy machine can
  // be before this deferred script listens: that greeting is lost. So this page also says it is
  // ready once it listens, and after each load of the frame; the page's bridge takes the first
  // word and ignores the rest. To any origin: the word carries nothing, the frame may still hold
  // a page of another origin (a naming 'target' would log an error there), and the page's
  // bridge takes it only from this origin.
  const ready = () => frame.contentWindow?.postMessage({ type: 'zwjsbridge:ready' }, '*');
  frame.addEventListener('load', ready);
  ready();
})();
`;

const stylesheet = `body{margin:0;font:16px/1.5 system-ui,sans-serif;color:#1a1a1a;background:#f3f6fb;display:flex;flex-wrap:wrap;gap:24px;padding:24px}
form{display:grid;gap:12px;align-content:start;max-width:320px}label{display:grid;gap:4px}
input,select,button{font:inherit;padding:6px}button{background:#0b57d0;color:#fff;border:0;border-radius:6px;padding:8px 16px}
.phone{width:375px;height:812px;border:12px solid #1a1a1a;border-radius:36px;background:#fff;display:flex;flex-direction:column;overflow:hidden}
.titlebar{height:44px;display:flex;align-items:center;justify-content:center;border-bottom:1px solid #767676;font-weight:600;margin:0}
iframe{flex:1;border:0;width:100%}ol{font:13px/1.4 ui-monospace,monospace}`;

function option(value: string, label: string, selected: string): string {
  return `<option value="${escapeHtml(value)}"${value === selected ? ' selected' : ''}>${escapeHtml(label)}</option>`;
}

/** The languages the platform's app offers, as the emulator's control names them. */
const appLocales: ReadonlyArray<readonly [tag: string, label: string]> = [
  ['zh-CN', '简体中文 (zh-CN)'],
  ['zh-TW', '繁體中文 (zh-TW)'],
  ['en', 'English (en)'],
];

function emulatorPage(url: URL | undefined, params: URLSearchParams, options: ContainerOptions) {
  const personas = [...options.personas.values()];
  const clients = [...options.clients.values()];
  const persona = params.get('persona') ?? personas[0]?.sub ?? '';
  const client = params.get('client') ?? clients[0]?.client_id ?? '';
  const elder = params.get('uiStyle') === 'elder';
  const scan = params.get('scan') ?? '';
  const requested = params.get('locale');
  const locale = appLocales.find(([tag]) => tag === requested)?.[0] ?? 'zh-CN';
  const frame = url
    ? `<iframe id="app" title="partner page" src="${escapeHtml(url.href)}" data-persona="${escapeHtml(persona)}" data-client="${escapeHtml(client)}" data-ui-style="${elder ? 'elder' : 'normal'}" data-locale="${locale}" data-scan="${escapeHtml(scan)}"></iframe>`
    : '<p>Enter the URL of a page that includes bridge.js.</p>';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="robots" content="noindex">
<title>Container emulator · Zheli sandbox</title>
<link rel="stylesheet" href="${containerPath}/emulator.css">
<script src="${containerPath}/emulator.js" defer></script>
</head>
<body>
<form method="get" action="${containerPath}">
<h1>Container emulator</h1>
<p>The page must include <code>&lt;script src="${escapeHtml(options.issuer)}${containerPath}/bridge.js"&gt;&lt;/script&gt;</code> in development.</p>
<label>Partner page URL <input name="url" type="url" required value="${escapeHtml(url?.href ?? '')}"></label>
<label>Signed-in persona <select name="persona">${personas.map((p) => option(p.sub, `${p.nameEn} (${p.sub})`, persona)).join('')}</select></label>
<label>Client of the ticket (when the page names none) <select name="client">${clients.map((c) => option(c.client_id, c.client_id, client)).join('')}</select></label>
<label><span><input name="uiStyle" type="checkbox" value="elder"${elder ? ' checked' : ''}> Elder style</span></label>
<label>The app's language <select name="locale">${appLocales.map(([tag, label]) => option(tag, label, locale)).join('')}</select></label>
<label>Code a scan returns (empty: the person cancels) <input name="scan" value="${escapeHtml(scan)}"></label>
<button type="submit">Open in the container</button>
<h2>Bridge calls</h2>
<ol id="calls"></ol>
</form>
<div class="phone"><p class="titlebar" id="title"></p>${frame}</div>
</body>
</html>
`;
}

/** Serves the emulator page, its script and style, and the `bridge.js` partner pages include. */
export function containerEndpoint(
  req: IncomingMessage,
  res: ServerResponse,
  options: ContainerOptions,
): void {
  const requestUrl = new URL(req.url ?? '/', options.issuer);
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  const asset = (type: string, body: string) => {
    res.writeHead(200, {
      'content-type': `${type}; charset=utf-8`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'cross-origin-resource-policy': 'cross-origin',
    });
    res.end(body);
  };
  const assets: Record<string, [string, string]> = {
    [`${containerPath}/bridge.js`]: ['text/javascript', bridgeScript],
    [`${containerPath}/emulator.js`]: ['text/javascript', emulatorScript],
    [`${containerPath}/emulator.css`]: ['text/css', stylesheet],
  };
  const found = assets[requestUrl.pathname];
  if (found) {
    asset(...found);
    return;
  }
  if (requestUrl.pathname !== containerPath) {
    sendProblem(res, 404, 'Not found');
    return;
  }
  const raw = requestUrl.searchParams.get('url');
  const target = raw ? URL.parse(raw) : null;
  if (raw && (!target || (target.protocol !== 'http:' && target.protocol !== 'https:'))) {
    sendProblem(res, 400, 'The partner page URL must be http or https');
    return;
  }
  // 'self': a sign-in that falls back to a redirect goes to this origin's /oidc/auth (whose
  // pages refuse to be framed: the fallback is seen, not completed, in the emulator).
  const frameSrc = target ? `${target.origin} 'self'` : "'none'";
  res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': `default-src 'self'; frame-src ${frameSrc}; base-uri 'none'; object-src 'none'; frame-ancestors 'none'; form-action 'self'`,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'same-origin',
    'cache-control': 'no-store',
  });
  res.end(emulatorPage(target ?? undefined, requestUrl.searchParams, options));
}
