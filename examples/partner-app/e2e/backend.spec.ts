// The partner app's backend over HTTP: the strict CSP and headers, static files, path traversal,
// the one-origin redirect, and the API proxy's refusals without a session or the CSRF header.
import { appUrl, expect, test } from './fixtures.ts';

test('sends the strict CSP, serves the build and the app routes, and keeps to one origin', async () => {
  const response = await fetch(`${appUrl}/book`);
  expect(response.status).toBe(200);
  const csp = response.headers.get('content-security-policy') ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("connect-src 'self'");
  expect(csp).toContain("require-trusted-types-for 'script'");
  expect(csp).not.toContain('unsafe');
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('x-frame-options')).toBe('DENY');
  const html = await response.text();
  expect(html).toContain('<div id="root">');
  expect(html).not.toMatch(/<script(?![^>]*\bsrc=)/);
  expect(html).not.toMatch(/<style|style=/);
  const script = html.match(/src="(\/assets\/[^"]+\.js)"/)?.[1];
  expect(script).toBeTruthy();
  const asset = await fetch(`${appUrl}${script}`);
  expect(asset.status).toBe(200);
  expect(asset.headers.get('cache-control')).toContain('immutable');
  expect((await fetch(`${appUrl}/assets/nothing.js`)).status).toBe(404);
  expect((await fetch(`${appUrl}/%2e%2e/server.mjs`)).status).toBe(404);
  expect((await fetch(`${appUrl}/`, { method: 'POST' })).status).toBe(405);
  const other = appUrl.replace('127.0.0.1', 'localhost');
  const moved = await fetch(`${other}/book?x=1`, { redirect: 'manual' });
  expect(moved.status).toBe(308);
  expect(moved.headers.get('location')).toBe(`${appUrl}/book?x=1`);
});

test('proxies the API only for a session, and refuses writes without the CSRF header', async () => {
  const list = await fetch(`${appUrl}/api/v1/appointments`);
  expect(list.status).toBe(401);
  expect(await list.json()).toMatchObject({ code: 'not_signed_in' });
  const book = await fetch(`${appUrl}/api/v1/appointments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  expect(book.status).toBe(403);
  expect(await book.json()).toMatchObject({ code: 'csrf_rejected' });
});

test('proxies only the Open API (/v1/), never the platform’s own pages or test hooks', async () => {
  for (const path of [
    '/api/__sandbox/faults',
    '/api/oidc/me',
    '/api/interaction/abc',
    '/api/v1/%2e%2e/oidc/me',
    '/api/v1/..%2F__sandbox/faults',
  ]) {
    const response = await fetch(`${appUrl}${path}`);
    expect(response.status, path).toBe(404);
    expect(response.headers.get('content-type'), path).toBe('application/problem+json');
  }
});
