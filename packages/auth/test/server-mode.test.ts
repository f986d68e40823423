// Server mode end to end: the BFF handler behind Node's http server (through
// @hono/node-server's adapter), Chromium signing in through it, the API reached only via its
// proxy. The browser never sees a token.
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import type { Browser, BrowserContext, Page } from 'playwright';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signInAs } from '../../../scripts/sign-in-as.ts';
import { requestToken } from '../src/core/token-endpoint.ts';
import type { AuthHandlerOptions, ClientAuthentication } from '../src/server.ts';
import { type BffApp, startBffApp } from './support/bff.ts';
import { launchChromium } from './support/browser.ts';
import { startOp, type TestOp } from './support/op.ts';

const persona = 'p-wuxing-business';
let browser: Browser;
let op: TestOp;
let context: BrowserContext;
let bff: BffApp;
/** What the BFF sent to and got from the provider's token endpoint. */
let tokenCalls: { grant: string | null; body: string }[];
/** The private key of `partner-server-jwt`, a confidential client using `private_key_jwt`. */
let clientKey: JWK;

beforeAll(async () => {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  clientKey = { ...(await exportJWK(privateKey)), kid: 'partner-server-jwt-1', alg: 'ES256' };
  const publicJwk = { ...(await exportJWK(publicKey)), kid: 'partner-server-jwt-1', alg: 'ES256' };
  [browser, op] = await Promise.all([
    launchChromium(),
    startOp({
      extraClients: [
        {
          client_id: 'partner-server-jwt',
          client_name: 'private_key_jwt test client',
          token_endpoint_auth_method: 'private_key_jwt',
          jwks: { keys: [publicJwk] },
          redirect_uris: ['http://localhost/auth/callback'],
          post_logout_redirect_uris: ['http://localhost/'],
          grant_types: ['authorization_code', 'refresh_token'],
          response_types: ['code'],
          scope: 'openid offline_access profile',
        },
      ],
    }),
  ]);
});
afterAll(async () => {
  await browser.close();
  await op.stop();
});
beforeEach(async () => {
  await op.clearFaults();
  tokenCalls = [];
  context = await browser.newContext();
  await signInAs(context, persona);
});
afterEach(async () => {
  await context.close();
  await bff.stop();
});

async function startBff(overrides: Partial<AuthHandlerOptions> = {}): Promise<void> {
  bff = await startBffApp(op, (url) => ({
    postLogoutRedirectUri: `${url}/`,
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      if (String(input).endsWith('/oidc/token')) {
        const grant = new URLSearchParams(String(init?.body ?? '')).get('grant_type');
        tokenCalls.push({ grant, body: await response.clone().text() });
      }
      return response;
    },
    ...overrides,
  }));
}

async function signIn(page: Page, returnTo = '/home'): Promise<void> {
  await page.goto(`${bff.url}/auth/login?returnTo=${encodeURIComponent(returnTo)}`);
  await page.waitForURL(`${bff.url}${returnTo}`);
}

function call(
  page: Page,
  path: string,
  init: { method?: string; headers?: Record<string, string> } = {},
) {
  return page.evaluate(
    async ({ path, init }) => {
      const response = await fetch(path, init);
      return { status: response.status, body: await response.json().catch(() => null) };
    },
    { path, init },
  );
}

describe('server mode (BFF) in Chromium', () => {
  it('signs in, calls the API through the proxy, renews, and signs out without the browser seeing a token', async () => {
    await startBff({ renewBeforeExpirySeconds: 24 * 3600 });
    const seenByBrowser: string[] = [];
    context.on('response', async (response) => {
      if (response.url().startsWith(bff.url))
        seenByBrowser.push(await response.text().catch(() => ''));
    });
    const page = await context.newPage();
    await signIn(page);

    expect(await call(page, '/auth/session')).toMatchObject({
      status: 200,
      body: { signedIn: true, user: { sub: persona } },
    });
    const cookies = await context.cookies(bff.url);
    expect(
      cookies.map(({ name, httpOnly, secure, sameSite }) => ({ name, httpOnly, secure, sameSite })),
    ).toEqual([{ name: '__Host-zheli-session', httpOnly: true, secure: true, sameSite: 'Lax' }]);
    expect(await page.evaluate(() => document.cookie)).toBe('');

    // Every proxied call renews here (renewBeforeExpirySeconds is a day): the API answers with
    // the renewed token, and the refresh token rotates.
    expect(await call(page, '/api/v1/me')).toMatchObject({ status: 200, body: { sub: persona } });
    expect(await call(page, '/api/v1/me')).toMatchObject({ status: 200, body: { sub: persona } });
    expect(tokenCalls.map((c) => c.grant)).toEqual([
      'authorization_code',
      'refresh_token',
      'refresh_token',
    ]);
    const refreshTokens = tokenCalls.map(
      (c) => (JSON.parse(c.body) as { refresh_token?: string }).refresh_token,
    );
    expect(new Set(refreshTokens).size).toBe(3);

    const csrfless = await call(page, '/auth/logout', { method: 'POST' });
    expect(csrfless).toMatchObject({ status: 403, body: { code: 'csrf_rejected' } });
    const logout = await call(page, '/auth/logout', {
      method: 'POST',
      headers: { 'x-zheli-csrf': '1' },
    });
    expect(logout).toMatchObject({ status: 200, body: { signedOut: true } });
    await page.goto((logout.body as { endSessionUrl: string }).endSessionUrl);
    await page.goto(`${bff.url}/home`);
    expect(await call(page, '/auth/session')).toMatchObject({ body: { signedIn: false } });
    expect(await call(page, '/api/v1/me')).toMatchObject({
      status: 401,
      body: { code: 'not_signed_in' },
    });

    const secrets = tokenCalls.flatMap((c) => {
      const body = JSON.parse(c.body) as Record<string, string>;
      return [body.access_token, body.refresh_token, body.id_token].filter(Boolean) as string[];
    });
    expect(secrets.length).toBeGreaterThan(5);
    for (const text of seenByBrowser) {
      for (const secret of secrets) expect(text).not.toContain(secret);
    }
  });

  it('refuses a cross-site state-changing request even with the session cookie', async () => {
    await startBff();
    const page = await context.newPage();
    await signIn(page);
    const forged = await fetch(`${bff.url}/api/v1/appointments`, {
      method: 'POST',
      headers: {
        cookie: (await context.cookies(bff.url)).map((c) => `${c.name}=${c.value}`).join('; '),
        'x-zheli-csrf': '1',
        origin: 'http://evil.localhost',
        'content-type': 'application/json',
      },
      body: '{}',
    });
    expect(forged.status).toBe(403);
  });

  for (const [fault, code, reason, exchanged] of [
    ['iss_param_missing', 'issuer_mismatch', 'iss_parameter_missing', false],
    ['iss_param_wrong', 'issuer_mismatch', 'iss_parameter_wrong', false],
    ['id_token_wrong_nonce', 'nonce_mismatch', 'nonce', true],
    ['id_token_bad_signature', 'invalid_id_token', 'signature', true],
  ] as const) {
    it(`rejects ${fault} at the callback with ${code} and sets no session cookie`, async () => {
      await startBff();
      await op.addFault(fault);
      const page = await context.newPage();
      const response = page.waitForResponse((r) => r.url().startsWith(`${bff.url}/auth/callback`));
      await page.goto(`${bff.url}/auth/login`);
      const callback = await response;
      expect(callback.status()).toBeGreaterThanOrEqual(400);
      expect(await callback.json()).toMatchObject({ code, reason });
      expect(tokenCalls).toHaveLength(exchanged ? 1 : 0);
      expect((await context.cookies(bff.url)).map((c) => c.name)).toEqual([]);
    });
  }

  describe('sign-out', () => {
    const clients = (): [string, string, Exclude<ClientAuthentication, { method: 'none' }>][] => [
      [
        'client_secret_basic',
        'partner-server',
        { method: 'client_secret_basic', clientSecret: 'sandbox-secret' },
      ],
      [
        'private_key_jwt',
        'partner-server-jwt',
        { method: 'private_key_jwt', privateKey: clientKey },
      ],
    ];

    /** Signs in, signs out, and returns the refresh token the session held. */
    async function signInAndOut(): Promise<string> {
      const page = await context.newPage();
      await signIn(page);
      const refreshToken = (JSON.parse(tokenCalls[0]?.body ?? '{}') as { refresh_token?: string })
        .refresh_token;
      expect(refreshToken).toBeTypeOf('string');
      const logout = await call(page, '/auth/logout', {
        method: 'POST',
        headers: { 'x-zheli-csrf': '1' },
      });
      expect(logout).toMatchObject({ status: 200, body: { signedOut: true } });
      return refreshToken ?? '';
    }

    /** A refresh grant with `refreshToken`, sent by the client itself. */
    function refreshWith(clientId: string, clientAuth: ClientAuthentication, refreshToken: string) {
      return requestToken({
        tokenEndpoint: `${op.issuer}/oidc/token`,
        issuer: op.issuer,
        clientId,
        clientAuth,
        params: { grant_type: 'refresh_token', refresh_token: refreshToken },
        fetch,
        timeoutMs: 10_000,
      });
    }

    for (const index of [0, 1]) {
      it(`revokes the refresh token of a ${['client_secret_basic', 'private_key_jwt'][index]} client: a refresh with it fails with invalid_grant`, async () => {
        const [, clientId, clientAuth] = clients()[index] ?? [];
        if (!clientId || !clientAuth) throw new Error('no such client');
        const errors: unknown[] = [];
        await startBff({ clientId, clientAuth, logger: { error: (data) => errors.push(data) } });
        const refreshToken = await signInAndOut();
        await expect(refreshWith(clientId, clientAuth, refreshToken)).rejects.toMatchObject({
          code: 'token_error',
          oauthError: 'invalid_grant',
        });
        expect(errors).toEqual([]);
      });
    }

    it('logs a revocation the provider refuses as an error, and still signs out', async () => {
      const errors: { data: object; message: string | undefined }[] = [];
      const basic = { method: 'client_secret_basic', clientSecret: 'sandbox-secret' } as const;
      await startBff({
        logger: { error: (data, message) => errors.push({ data, message }) },
        fetch: async (input, init) => {
          if (!String(input).endsWith('/oidc/token/revocation')) {
            const response = await fetch(input, init);
            if (String(input).endsWith('/oidc/token')) {
              const grant = new URLSearchParams(String(init?.body ?? '')).get('grant_type');
              tokenCalls.push({ grant, body: await response.clone().text() });
            }
            return response;
          }
          // The provider refuses the revocation: the client's credentials are wrong here.
          const headers = new Headers(init?.headers);
          headers.set('authorization', `Basic ${btoa('partner-server:wrong-secret')}`);
          return fetch(input, { ...init, headers });
        },
      });
      const refreshToken = await signInAndOut();
      expect(errors).toEqual([
        {
          data: { error: expect.objectContaining({ code: 'token_error', status: 401 }) },
          message: expect.stringContaining('revocation failed'),
        },
      ]);
      // Not revoked: the token still works, which is why the failure must be seen.
      await expect(refreshWith('partner-server', basic, refreshToken)).resolves.toMatchObject({
        token_type: 'Bearer',
      });
    });
  });
});
