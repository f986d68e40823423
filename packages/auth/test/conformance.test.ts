// One negative test per OpenID relying-party conformance case (and FAPI 2's authorization
// response `iss` cases), driven through the provider's fault injection in Chromium. Each must
// reject with its typed error, send no token request where the check comes first, and leave no
// tokens behind.
import type { Browser, BrowserContext, Page } from 'playwright';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signInAs } from '../../../scripts/sign-in-as.ts';
import type { AuthOptions } from '../src/index.ts';
import {
  appReady,
  browserStorage,
  countRequests,
  startApp,
  type TestApp,
  type TestAppApi,
  withBrowserAndOp,
} from './support/browser.ts';
import type { TestOp } from './support/op.ts';

declare const window: Window & { zheli: TestAppApi };

const persona = 'p-deqing-parent';
let browser: Browser;
let op: TestOp;
let app: TestApp;
let context: BrowserContext;
let tokenRequests: ReturnType<typeof countRequests>;
let jwksRequests: ReturnType<typeof countRequests>;

withBrowserAndOp((started) => {
  ({ browser, op } = started);
});
beforeEach(async () => {
  await op.clearFaults();
  app = await startApp({});
  configure();
  context = await browser.newContext();
  await signInAs(context, persona);
  tokenRequests = countRequests(context, /\/oidc\/token$/);
  jwksRequests = countRequests(context, /\/oidc\/jwks$/);
});
afterEach(async () => {
  await context.close();
  await app.stop();
});

function configure(overrides: Partial<AuthOptions> = {}, manualCallback = false): void {
  app.config = {
    apiBaseUrl: op.url,
    manualCallback,
    auth: {
      authority: op.issuer,
      clientId: 'partner-app',
      redirectUri: `${app.url}/callback`,
      scope: 'openid profile offline_access',
      ...overrides,
    },
  };
}

async function openApp(): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${app.url}/`);
  await appReady(page);
  return page;
}

/** Starts a redirect sign-in with `params` and waits until the app is back on /callback. */
async function signIn(page: Page, params: Record<string, string> = {}): Promise<void> {
  await Promise.all([
    page.waitForURL(`${app.url}/callback**`),
    page.evaluate((p) => void window.zheli.auth.signIn({ params: p }), params),
  ]);
  await appReady(page);
}

async function expectNothingStored(page: Page): Promise<void> {
  expect(await page.evaluate(() => window.zheli.user())).toBeNull();
  expect(await page.evaluate(() => window.zheli.auth.getAccessToken())).toBeUndefined();
  const storage = await browserStorage(page);
  expect(storage).toEqual({
    localStorage: [],
    sessionStorage: [],
    documentCookie: '',
    indexedDb: [],
    cookies: [],
  });
}

const idTokenCases = [
  { name: 'nonce invalid', fault: 'id_token_wrong_nonce', code: 'nonce_mismatch', reason: 'nonce' },
  {
    name: "ID token signed with 'none'",
    fault: 'id_token_alg_none',
    code: 'invalid_id_token',
    reason: 'alg',
  },
  {
    name: 'invalid signature',
    fault: 'id_token_bad_signature',
    code: 'invalid_id_token',
    reason: 'signature',
  },
  { name: 'invalid iss', fault: 'id_token_wrong_iss', code: 'invalid_id_token', reason: 'iss' },
  { name: 'invalid aud', fault: 'id_token_wrong_aud', code: 'invalid_id_token', reason: 'aud' },
  { name: 'missing aud', fault: 'id_token_missing_aud', code: 'invalid_id_token', reason: 'aud' },
  { name: 'missing iat', fault: 'id_token_missing_iat', code: 'invalid_id_token', reason: 'iat' },
  { name: 'expired exp', fault: 'id_token_expired', code: 'invalid_id_token', reason: 'exp' },
] as const;

describe('RP conformance: ID token', () => {
  for (const c of idTokenCases) {
    it(`rejects ${c.name} (${c.fault}) with ${c.code}/${c.reason} and stores nothing`, async () => {
      const page = await openApp();
      await signIn(page, { zheli_fault: c.fault });
      expect(await page.evaluate(() => window.zheli.callback)).toMatchObject({
        ok: false,
        error: { code: c.code, reason: c.reason },
      });
      expect(tokenRequests.count()).toBe(1);
      await expectNothingStored(page);
    });
  }

  it('rejects an unknown kid after refetching the JWKS exactly once', async () => {
    const page = await openApp();
    await signIn(page, { zheli_fault: 'id_token_unknown_kid' });
    expect(await page.evaluate(() => window.zheli.callback)).toMatchObject({
      ok: false,
      error: { code: 'invalid_id_token', reason: 'kid' },
    });
    expect(jwksRequests.count()).toBe(2);
    await expectNothingStored(page);
  });

  it('accepts a token signed with a rotated key after one JWKS refetch', async () => {
    const page = await openApp();
    await signIn(page);
    expect(jwksRequests.count()).toBe(1);
    await op.rotateKeys();
    const renewed = await page.evaluate(() =>
      window.zheli.settle(() => window.zheli.auth.getAccessToken({ forceRefresh: true })),
    );
    expect(renewed).toMatchObject({ ok: true, value: expect.any(String) });
    expect(jwksRequests.count()).toBe(2);
  });

  it('rejects a refreshed ID token with another sub and drops the session', async () => {
    const page = await openApp();
    await signIn(page);
    expect(await page.evaluate(() => window.zheli.user())).toMatchObject({ sub: persona });
    await op.addFault('id_token_other_sub');
    const renewed = await page.evaluate(() =>
      window.zheli.settle(() => window.zheli.auth.getAccessToken({ forceRefresh: true })),
    );
    expect(renewed).toMatchObject({
      ok: false,
      error: { code: 'invalid_id_token', reason: 'sub' },
    });
    await expectNothingStored(page);
  });
});

describe('RP conformance: discovery and the authorization response', () => {
  it('rejects a discovery document whose issuer is not the authority, before any redirect', async () => {
    // The same provider reached as localhost: its discovery names 127.0.0.1 as the issuer.
    configure({ authority: op.issuer.replace('127.0.0.1', 'localhost') });
    const authRequests = countRequests(context, /\/oidc\/auth\?/);
    const page = await openApp();
    const result = await page.evaluate(() => window.zheli.settle(() => window.zheli.auth.signIn()));
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'issuer_mismatch', reason: 'discovery' },
    });
    expect(authRequests.count()).toBe(0);
    expect(tokenRequests.count()).toBe(0);
    await expectNothingStored(page);
  });

  for (const [fault, reason] of [
    ['iss_param_wrong', 'iss_parameter_wrong'],
    ['iss_param_missing', 'iss_parameter_missing'],
  ] as const) {
    it(`rejects ${fault} with issuer_mismatch before the code is exchanged`, async () => {
      const page = await openApp();
      await signIn(page, { zheli_fault: fault });
      expect(await page.evaluate(() => window.zheli.callback)).toMatchObject({
        ok: false,
        error: { code: 'issuer_mismatch', reason },
      });
      expect(tokenRequests.count()).toBe(0);
      await expectNothingStored(page);
    });
  }
});

describe('RP conformance: state', () => {
  const tamperings = [
    [
      'tampered',
      (url: URL) => url.searchParams.set('state', `${url.searchParams.get('state')}x`),
      'state_unknown',
    ],
    ['missing', (url: URL) => url.searchParams.delete('state'), 'state_missing'],
  ] as const;
  for (const [name, tamper, reason] of tamperings) {
    it(`rejects a ${name} state with state_mismatch and no token request`, async () => {
      configure({}, true);
      const page = await openApp();
      await signIn(page);
      const url = new URL(page.url());
      tamper(url);
      const result = await page.evaluate(
        (u) => window.zheli.settle(() => window.zheli.auth.handleCallback(u)),
        url.href,
      );
      expect(result).toMatchObject({ ok: false, error: { code: 'state_mismatch', reason } });
      expect(tokenRequests.count()).toBe(0);
      await expectNothingStored(page);
    });
  }

  it('rejects a replayed state with state_mismatch and no second token request', async () => {
    configure({}, true);
    const page = await openApp();
    await signIn(page);
    const url = page.url();
    const first = await page.evaluate(
      (u) => window.zheli.settle(() => window.zheli.auth.handleCallback(u)),
      url,
    );
    expect(first).toMatchObject({ ok: true });
    const replay = await page.evaluate(
      (u) => window.zheli.settle(() => window.zheli.auth.handleCallback(u)),
      url,
    );
    expect(replay).toMatchObject({
      ok: false,
      error: { code: 'state_mismatch', reason: 'state_unknown' },
    });
    expect(tokenRequests.count()).toBe(1);
    // The replay does not disturb the session the first callback created.
    expect(await page.evaluate(() => window.zheli.user())).toMatchObject({ sub: persona });
  });
});
