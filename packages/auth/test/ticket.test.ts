// Ticket sign-in inside the platform's app, end to end in Chromium against the real sandbox:
// the "app" (this test, standing in for the container's native side) asks the sandbox for a
// one-time ticket; the page signs in with it and never leaves for the provider.
import type { Browser, BrowserContext, Page } from 'playwright';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuthOptions } from '../src/index.ts';
import { type BffApp, startBffApp } from './support/bff.ts';
import {
  appReady,
  countRequests,
  startApp,
  type TestApp,
  type TestAppApi,
  withBrowserAndOp,
} from './support/browser.ts';
import type { TestOp } from './support/op.ts';

declare const window: Window & {
  zheli: TestAppApi;
  issueTicket(binding: { clientId: string; codeChallenge: string }): Promise<string>;
};

let browser: Browser;
let op: TestOp;
let context: BrowserContext;

withBrowserAndOp((started) => {
  ({ browser, op } = started);
});
beforeEach(async () => {
  context = await browser.newContext();
});
afterEach(async () => {
  await context.close();
});

/** What the app's native side does: asks the platform for a ticket (the sandbox's control). */
async function issueTicket(body: Record<string, unknown>): Promise<string> {
  const response = await fetch(`${op.url}/__sandbox/tickets`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-zheli-sandbox': '1' },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as { ticket?: string };
  if (response.status !== 201 || !json.ticket)
    throw new Error(`ticket refused: ${response.status}`);
  return json.ticket;
}

describe('server mode: POST /auth/ticket', () => {
  let bff: BffApp;

  beforeEach(async () => {
    bff = await startBffApp(op);
  });
  afterEach(async () => {
    await bff.stop();
  });

  function postTicket(page: Page, ticket: string, headers: Record<string, string> = {}) {
    return page.evaluate(
      async ({ ticket, headers }) => {
        const response = await fetch('/auth/ticket', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-zheli-csrf': '1', ...headers },
          body: JSON.stringify({ ticket }),
        });
        return { status: response.status, body: await response.json() };
      },
      { ticket, headers },
    );
  }

  async function me(page: Page) {
    return page.evaluate(async () => {
      const response = await fetch('/api/v1/me');
      return { status: response.status, body: await response.json() };
    });
  }

  it('signs in with the app’s ticket and no redirect, then calls the API through the proxy', async () => {
    const page = await context.newPage();
    const toProvider = countRequests(context, /\/(oidc\/auth|interaction)\b/);
    await page.goto(`${bff.url}/home`);
    const ticket = await issueTicket({ persona: 'p-xihu-elder', client_id: 'partner-server' });
    const signedIn = await postTicket(page, ticket);
    expect(signedIn).toMatchObject({
      status: 200,
      body: { signedIn: true, user: { sub: 'p-xihu-elder', claims: { name: '王*英' } } },
    });
    expect(await me(page)).toMatchObject({ status: 200, body: { sub: 'p-xihu-elder' } });
    expect(page.url()).toBe(`${bff.url}/home`);
    expect(toProvider.count()).toBe(0);
    const cookies = await context.cookies(bff.url);
    expect(cookies.map(({ name, httpOnly }) => ({ name, httpOnly }))).toEqual([
      { name: '__Host-zheli-session', httpOnly: true },
    ]);
  });

  it('refuses a replayed ticket and another client’s ticket with 400 invalid_ticket', async () => {
    const page = await context.newPage();
    await page.goto(`${bff.url}/home`);
    const ticket = await issueTicket({ persona: 'p-anji-driver', client_id: 'partner-server' });
    expect((await postTicket(page, ticket)).status).toBe(200);
    await context.clearCookies();
    expect(await postTicket(page, ticket)).toMatchObject({
      status: 400,
      body: { code: 'invalid_ticket' },
    });
    const others = await issueTicket({
      persona: 'p-anji-driver',
      client_id: 'county-site',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    });
    expect(await postTicket(page, others)).toMatchObject({
      status: 400,
      body: { code: 'invalid_ticket' },
    });
    expect(await me(page)).toMatchObject({ status: 401, body: { code: 'not_signed_in' } });
  });

  it('needs the CSRF header and a ticket in the body', async () => {
    const page = await context.newPage();
    await page.goto(`${bff.url}/home`);
    const ticket = await issueTicket({ persona: 'p-anji-driver', client_id: 'partner-server' });
    const csrfless = await page.evaluate(async (ticket) => {
      const response = await fetch('/auth/ticket', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ ticket }),
      });
      return response.status;
    }, ticket);
    expect(csrfless).toBe(403);
    expect(await postTicket(page, '')).toMatchObject({
      status: 400,
      body: { code: 'authorization_error' },
    });
    // The refused request did not use the ticket up.
    expect((await postTicket(page, ticket)).status).toBe(200);
  });
});

describe('browser mode: auth.signInWithTicket', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await startApp({});
    const auth: AuthOptions = {
      authority: op.issuer,
      clientId: 'partner-app',
      redirectUri: `${app.url}/callback`,
      scope: 'openid profile offline_access',
    };
    app.config = { apiBaseUrl: op.url, auth };
  });
  afterEach(async () => {
    await app.stop();
  });

  async function openApp(
    issue: (binding: { clientId: string; codeChallenge: string }) => Promise<string>,
  ) {
    const page = await context.newPage();
    await page.exposeFunction('issueTicket', issue);
    await page.goto(`${app.url}/`);
    await appReady(page);
    return page;
  }

  it('redeems a ticket bound to its own challenge, with no redirect, and keeps the session', async () => {
    const bindings: { clientId: string; codeChallenge: string }[] = [];
    const page = await openApp(async (binding) => {
      bindings.push(binding);
      return issueTicket({
        persona: 'p-anji-driver',
        client_id: binding.clientId,
        scope: 'openid profile offline_access',
        code_challenge: binding.codeChallenge,
      });
    });
    const toProvider = countRequests(context, /\/(oidc\/auth|interaction)\b/);
    const result = await page.evaluate(() =>
      window.zheli.settle(() => window.zheli.auth.signInWithTicket((b) => window.issueTicket(b))),
    );
    expect(result).toMatchObject({ ok: true, value: { sub: 'p-anji-driver' } });
    expect(bindings).toEqual([
      { clientId: 'partner-app', codeChallenge: expect.stringMatching(/^[\w-]{43}$/) },
    ]);
    expect(await page.evaluate(() => window.zheli.me())).toMatchObject({
      status: 200,
      body: { sub: 'p-anji-driver' },
    });
    expect(await page.evaluate(() => window.zheli.events)).toEqual(['signed-in:this-tab']);
    expect(toProvider.count()).toBe(0);
  });

  it('refuses a ticket bound to another challenge, and a replayed one', async () => {
    let stolen = '';
    const page = await openApp(async (binding) => {
      stolen ||= await issueTicket({
        persona: 'p-anji-driver',
        client_id: binding.clientId,
        code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      });
      return stolen;
    });
    const signIn = () =>
      page.evaluate(() =>
        window.zheli.settle(() => window.zheli.auth.signInWithTicket((b) => window.issueTicket(b))),
      );
    expect(await signIn()).toMatchObject({ ok: false, error: { code: 'token_error' } });
    expect(await signIn()).toMatchObject({ ok: false, error: { code: 'token_error' } });
    expect(await page.evaluate(() => window.zheli.auth.getUser())).toBeNull();
  });
});
