import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, jwtVerify } from 'jose';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { json, startTestIssuer, type TestIssuer } from '../../test/support/issuer.ts';
import { type AuthHandlerOptions, createAuthHandler } from './handler.js';
import { MemorySessionStore } from './store.js';

const app = 'http://127.0.0.1:3000';
let issuer: TestIssuer;
let tokenRequests: URLSearchParams[];
let tokenHeaders: Record<string, string | string[] | undefined>[];
let nextSub: string;
let api: { url: string; stop(): Promise<void>; seen: { auth?: string; path: string }[] };

beforeEach(async () => {
  issuer = await startTestIssuer();
  tokenRequests = [];
  tokenHeaders = [];
  nextSub = 'p-anji-driver';
  let counter = 0;
  issuer.routes.set('/token', (req, res, body) => {
    const params = new URLSearchParams(body);
    tokenRequests.push(params);
    tokenHeaders.push(req.headers);
    counter += 1;
    void (async () => {
      const idToken = await issuer.sign({
        aud: 'partner-server',
        sub: nextSub,
        nonce: params.get('grant_type') === 'authorization_code' ? 'n-server' : undefined,
      });
      setTimeout(
        () =>
          json(res, {
            access_token: `at-${counter}`,
            token_type: 'Bearer',
            expires_in: 3600,
            refresh_token: `rt-${counter}`,
            id_token: idToken,
            scope: 'openid profile offline_access',
          }),
        30,
      );
    })();
  });
  const seen: { auth?: string; path: string }[] = [];
  const server = createServer((req, res) => {
    seen.push({ auth: req.headers.authorization, path: req.url ?? '' });
    if (req.headers.authorization === 'Bearer at-1') {
      res.writeHead(401, { 'content-type': 'application/problem+json' }).end('{}');
      return;
    }
    res
      .writeHead(200, { 'content-type': 'application/json', 'set-cookie': 'upstream=1' })
      .end(JSON.stringify({ sub: 'p-anji-driver', path: req.url }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  api = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
});
afterEach(async () => {
  await issuer.stop();
  await api.stop();
});

function handler(overrides: Partial<AuthHandlerOptions> = {}) {
  return createAuthHandler({
    authority: issuer.url,
    clientId: 'partner-server',
    clientAuth: { method: 'client_secret_basic', clientSecret: 'sandbox-secret' },
    redirectUri: `${app}/auth/callback`,
    apiBaseUrl: api.url,
    ...overrides,
  });
}

function cookiesOf(response: Response): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of response.headers.getSetCookie()) {
    const [pair = ''] = line.split(';');
    const index = pair.indexOf('=');
    map.set(pair.slice(0, index), pair.slice(index + 1));
  }
  return map;
}

/** Runs /login, answers as the provider would, and returns the callback response. */
async function signIn(
  bff: ReturnType<typeof handler>,
  tamper: (p: URLSearchParams) => void = () => {},
) {
  const login = await bff.fetch(new Request(`${app}/auth/login?returnTo=/account`));
  const authorize = new URL(login.headers.get('location') ?? '');
  const state = authorize.searchParams.get('state') ?? '';
  const txCookie = [...cookiesOf(login)][0] ?? ['', ''];
  // The fake token endpoint signs nonce "n-server"; make the transaction expect it.
  const params = new URLSearchParams({ code: 'c', state, iss: issuer.url });
  tamper(params);
  const callback = await bff.fetch(
    new Request(`${app}/auth/callback?${params}`, {
      headers: { cookie: `${txCookie[0]}=${txCookie[1]}` },
    }),
  );
  return { login, authorize, callback, txCookie };
}

/** A store whose login transactions always expect nonce "n-server" (the fake provider's). */
function fixedNonceStore(): MemorySessionStore {
  const store = new MemorySessionStore();
  const set = store.set.bind(store);
  store.set = (key, value, ttl) =>
    set(key, value.kind === 'login' ? { ...value, nonce: 'n-server' } : value, ttl);
  return store;
}

describe('server mode (BFF)', () => {
  it('redirects to the provider with PKCE S256, state and nonce, binding the sign-in to the browser', async () => {
    const { login, authorize } = await signIn(handler({ store: fixedNonceStore() }));
    expect(login.status).toBe(302);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('nonce')).toMatch(/^[\w-]{43}$/);
    expect(authorize.searchParams.get('state')).toMatch(/^[\w-]{43}$/);
    const setCookie = login.headers.getSetCookie()[0] ?? '';
    expect(setCookie).toMatch(
      /^__Host-zheli-session-login=[\w-]+; Path=\/; Max-Age=600; HttpOnly; SameSite=Lax; Secure$/,
    );
  });

  it('completes the callback, keeps tokens on the server and sets an HttpOnly, Secure, SameSite=Lax cookie', async () => {
    const store = fixedNonceStore();
    const bff = handler({ store });
    const { callback } = await signIn(bff);
    expect(callback.status).toBe(303);
    expect(callback.headers.get('location')).toBe('/account');
    const line =
      callback.headers.getSetCookie().find((l) => l.startsWith('__Host-zheli-session=')) ?? '';
    expect(line).toMatch(/HttpOnly/);
    expect(line).toMatch(/Secure/);
    expect(line).toMatch(/SameSite=Lax/);
    expect(tokenHeaders[0]?.authorization).toBe(`Basic ${btoa('partner-server:sandbox-secret')}`);
    const session = await bff.fetch(
      new Request(`${app}/auth/session`, { headers: { cookie: line.split(';')[0] ?? '' } }),
    );
    const body = await session.json();
    expect(body).toMatchObject({ signedIn: true, user: { sub: 'p-anji-driver' } });
    expect(JSON.stringify(body)).not.toMatch(/at-1|rt-1/);
  });

  it('rejects a tampered, missing or replayed state without a token request', async () => {
    const bff = handler({ store: fixedNonceStore() });
    const tampered = await signIn(bff, (p) => p.set('state', 'x'));
    expect(await tampered.callback.json()).toMatchObject({ code: 'state_mismatch' });
    const missing = await signIn(bff, (p) => p.delete('state'));
    expect(await missing.callback.json()).toMatchObject({
      code: 'state_mismatch',
      reason: 'state_missing',
    });
    const ok = await signIn(bff);
    expect(ok.callback.status).toBe(303);
    const replay = await bff.fetch(
      new Request(
        `${app}/auth/callback?code=c&state=${ok.authorize.searchParams.get('state')}&iss=${issuer.url}`,
        {
          headers: { cookie: `${ok.txCookie[0]}=${ok.txCookie[1]}` },
        },
      ),
    );
    expect(await replay.json()).toMatchObject({ code: 'state_mismatch' });
    expect(tokenRequests).toHaveLength(1);
  });

  it('rejects a wrong or missing iss parameter before the code is exchanged', async () => {
    const bff = handler({ store: fixedNonceStore() });
    const wrong = await signIn(bff, (p) => p.set('iss', 'https://evil.example'));
    expect(await wrong.callback.json()).toMatchObject({
      code: 'issuer_mismatch',
      reason: 'iss_parameter_wrong',
    });
    const missing = await signIn(bff, (p) => p.delete('iss'));
    expect(await missing.callback.json()).toMatchObject({
      code: 'issuer_mismatch',
      reason: 'iss_parameter_missing',
    });
    expect(tokenRequests).toHaveLength(0);
  });

  it('stores no session when the ID token fails (wrong nonce)', async () => {
    const store = new MemorySessionStore();
    const { callback } = await signIn(handler({ store }));
    expect(await callback.json()).toMatchObject({ code: 'nonce_mismatch' });
    expect(callback.headers.getSetCookie().some((l) => l.startsWith('__Host-zheli-session='))).toBe(
      false,
    );
    expect(store.size).toBe(0);
  });

  it('refuses state-changing requests without the CSRF header or from another origin', async () => {
    const bff = handler({ store: fixedNonceStore() });
    const { callback } = await signIn(bff);
    const cookie =
      callback.headers
        .getSetCookie()
        .find((l) => l.startsWith('__Host-zheli-session='))
        ?.split(';')[0] ?? '';
    const noHeader = await bff.fetch(
      new Request(`${app}/auth/logout`, { method: 'POST', headers: { cookie } }),
    );
    expect(noHeader.status).toBe(403);
    const otherOrigin = await bff.fetch(
      new Request(`${app}/api/v1/appointments`, {
        method: 'POST',
        headers: { cookie, 'x-zheli-csrf': '1', origin: 'https://evil.example' },
      }),
    );
    expect(otherOrigin.status).toBe(403);
    const ok = await bff.fetch(
      new Request(`${app}/auth/logout`, {
        method: 'POST',
        headers: { cookie, 'x-zheli-csrf': '1', origin: app },
      }),
    );
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({
      signedOut: true,
      endSessionUrl: expect.stringContaining('/session/end'),
    });
    const after = await bff.fetch(new Request(`${app}/auth/session`, { headers: { cookie } }));
    expect(await after.json()).toEqual({ signedIn: false });
  });

  it('proxies API calls with the bearer token, renews once on a 401 and drops upstream cookies', async () => {
    const bff = handler({ store: fixedNonceStore() });
    const { callback } = await signIn(bff);
    const cookie =
      callback.headers
        .getSetCookie()
        .find((l) => l.startsWith('__Host-zheli-session='))
        ?.split(';')[0] ?? '';
    const anonymous = await bff.fetch(new Request(`${app}/api/v1/me`));
    expect(anonymous.status).toBe(401);
    const calls = await Promise.all(
      Array.from({ length: 5 }, () =>
        bff.fetch(new Request(`${app}/api/v1/me?x=1`, { headers: { cookie } })),
      ),
    );
    expect(calls.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(calls[0]?.headers.get('set-cookie')).toBeNull();
    expect(await calls[0]?.json()).toEqual({ sub: 'p-anji-driver', path: '/v1/me?x=1' });
    // at-1 is refused upstream: one refresh (single flight) serves all five calls.
    expect(tokenRequests.map((p) => p.get('grant_type'))).toEqual([
      'authorization_code',
      'refresh_token',
    ]);
    expect(api.seen.filter((s) => s.auth === 'Bearer at-2')).toHaveLength(5);
  });

  it('ends the session when a refreshed ID token names another user', async () => {
    const bff = handler({ store: fixedNonceStore() });
    const { callback } = await signIn(bff);
    const cookie =
      callback.headers
        .getSetCookie()
        .find((l) => l.startsWith('__Host-zheli-session='))
        ?.split(';')[0] ?? '';
    nextSub = 'p-xihu-elder';
    const call = await bff.fetch(new Request(`${app}/api/v1/me`, { headers: { cookie } }));
    expect(await call.json()).toMatchObject({ code: 'invalid_id_token', reason: 'sub' });
    const session = await bff.fetch(new Request(`${app}/auth/session`, { headers: { cookie } }));
    expect(await session.json()).toEqual({ signedIn: false });
  });

  it('authenticates with private_key_jwt: an assertion signed by the client for the issuer', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const jwk = { ...(await exportJWK(privateKey)), kid: 'client-1', alg: 'ES256' };
    const bff = handler({
      store: fixedNonceStore(),
      clientAuth: { method: 'private_key_jwt', privateKey: jwk },
    });
    const { callback } = await signIn(bff);
    expect(callback.status).toBe(303);
    const params = tokenRequests[0];
    expect(params?.get('client_assertion_type')).toBe(
      'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    );
    const { payload, protectedHeader } = await jwtVerify(
      params?.get('client_assertion') ?? '',
      publicKey,
      {
        issuer: 'partner-server',
        subject: 'partner-server',
        audience: issuer.url,
      },
    );
    expect(protectedHeader.kid).toBe('client-1');
    expect(payload.jti).toBeTypeOf('string');
    expect(tokenHeaders[0]?.authorization).toBeUndefined();
  });

  it('only returns to same-origin paths after sign-in', async () => {
    const bff = handler({ store: fixedNonceStore() });
    for (const returnTo of ['https://evil.example/', '//evil.example', '/\\evil.example']) {
      const login = await bff.fetch(
        new Request(`${app}/auth/login?returnTo=${encodeURIComponent(returnTo)}`),
      );
      const state = new URL(login.headers.get('location') ?? '').searchParams.get('state') ?? '';
      const [name, value] = [...cookiesOf(login)][0] ?? ['', ''];
      const callback = await bff.fetch(
        new Request(`${app}/auth/callback?code=c&state=${state}&iss=${issuer.url}`, {
          headers: { cookie: `${name}=${value}` },
        }),
      );
      expect(callback.headers.get('location')).toBe('/');
    }
  });
});

/** Signs in through /login?returnTo=<rawQueryValue> and returns the callback's Location. */
async function returnAfterSignIn(bff: ReturnType<typeof handler>, rawQueryValue: string) {
  const login = await bff.fetch(new Request(`${app}/auth/login?returnTo=${rawQueryValue}`));
  const state = new URL(login.headers.get('location') ?? '').searchParams.get('state') ?? '';
  const [name, value] = [...cookiesOf(login)][0] ?? ['', ''];
  const callback = await bff.fetch(
    new Request(`${app}/auth/callback?code=c&state=${state}&iss=${issuer.url}`, {
      headers: { cookie: `${name}=${value}` },
    }),
  );
  return callback;
}

function sessionCookieOf(response: Response): string {
  return (
    response.headers
      .getSetCookie()
      .find((l) => l.startsWith('__Host-zheli-session='))
      ?.split(';')[0] ?? ''
  );
}

describe('returnTo after sign-in', () => {
  // Each value as it appears, percent-encoded, in the /login query string.
  const rejected = {
    'a tab that browsers drop (/\\t/host)': '%2F%09%2Fevil.example%2F',
    'a newline that browsers drop (/\\n/host)': '%2F%0A%2Fevil.example%2F',
    'a carriage return that browsers drop (/\\r/host)': '%2F%0D%2Fevil.example%2F',
    'a slash then a backslash (/\\host)': '%2F%5Cevil.example',
    'a percent-encoded tab (/%09/host)': '%2F%2509%2Fevil.example',
    'percent-encoded slashes (/%2F%2Fhost)': '%2F%252F%252Fevil.example',
    'two slashes (//host)': '%2F%2Fevil.example',
    'leading spaces ( //host)': '%20%20%2F%2Fevil.example',
    'backslashes (\\\\host)': '%5C%5Cevil.example',
    'an absolute URL (https://evil)': 'https%3A%2F%2Fevil.example%2F',
    'a javascript: URL': 'javascript%3Aalert(1)',
    'a scheme-relative path (http:evil)': 'http%3Aevil.example',
    'a DEL character': '%2Fa%7F',
  };
  for (const [what, raw] of Object.entries(rejected)) {
    it(`falls back to the default return path for ${what}`, async () => {
      const callback = await returnAfterSignIn(handler({ store: fixedNonceStore() }), raw);
      expect(callback.status).toBe(303);
      expect(callback.headers.get('location')).toBe('/');
    });
  }

  it('keeps a same-origin path with its query and hash', async () => {
    const callback = await returnAfterSignIn(
      handler({ store: fixedNonceStore() }),
      encodeURIComponent('/appointments/42?tab=notes#top'),
    );
    expect(callback.headers.get('location')).toBe('/appointments/42?tab=notes#top');
  });

  for (const value of ['/办事/预约', '/appointments?q=浙E', '/办事\u3000预约']) {
    it(`redirects to the percent-encoded ${JSON.stringify(value)} and stores exactly one session`, async () => {
      const store = fixedNonceStore();
      const callback = await returnAfterSignIn(handler({ store }), encodeURIComponent(value));
      expect(callback.status).toBe(303);
      const encoded = new URL(value, app);
      expect(callback.headers.get('location')).toBe(encoded.pathname + encoded.search);
      expect(callback.headers.get('location')).toMatch(/^[\x21-\x7e]+$/);
      expect(store.size).toBe(1);
    });
  }
});

describe('sessions at sign-in', () => {
  it('ends the previous session when the same browser signs in again', async () => {
    const store = fixedNonceStore();
    const bff = handler({ store });
    const first = sessionCookieOf((await signIn(bff)).callback);
    const login = await bff.fetch(new Request(`${app}/auth/login`, { headers: { cookie: first } }));
    const state = new URL(login.headers.get('location') ?? '').searchParams.get('state') ?? '';
    const [name, value] = [...cookiesOf(login)][0] ?? ['', ''];
    const callback = await bff.fetch(
      new Request(`${app}/auth/callback?code=c&state=${state}&iss=${issuer.url}`, {
        headers: { cookie: `${first}; ${name}=${value}` },
      }),
    );
    const second = sessionCookieOf(callback);
    expect(second).not.toBe(first);
    const old = await bff.fetch(new Request(`${app}/auth/session`, { headers: { cookie: first } }));
    expect(await old.json()).toEqual({ signedIn: false });
    const current = await bff.fetch(
      new Request(`${app}/auth/session`, { headers: { cookie: second } }),
    );
    expect(await current.json()).toMatchObject({ signedIn: true });
    expect(store.size).toBe(1);
  });

  it('holds a bounded number of sign-ins in progress after 100,000 anonymous /login requests, and still signs in', async () => {
    const store = fixedNonceStore();
    const bff = handler({ store });
    for (let i = 0; i < 100_000; i += 1) {
      const login = await bff.fetch(new Request(`${app}/auth/login`));
      expect(login.status).toBe(302);
    }
    expect(store.size).toBeLessThanOrEqual(10_000);
    const { callback } = await signIn(bff);
    expect(callback.status).toBe(303);
    const session = await bff.fetch(
      new Request(`${app}/auth/session`, { headers: { cookie: sessionCookieOf(callback) } }),
    );
    expect(await session.json()).toMatchObject({ signedIn: true });
  }, 120_000);
});

describe('API proxy without a session', () => {
  it('forwards with no Authorization under anonymousProxy (401 not_signed_in, nothing forwarded, without it); writes still need the CSRF header, a session still its token', async () => {
    const strict = await handler().fetch(new Request(`${app}/api/v1/services/svc-1`));
    expect(strict.status).toBe(401);
    expect(await strict.json()).toMatchObject({ code: 'not_signed_in' });
    expect(api.seen).toEqual([]);

    const bff = handler({ store: fixedNonceStore(), anonymousProxy: true });
    const read = await bff.fetch(new Request(`${app}/api/v1/services/svc-1?locale=zh-CN`));
    expect(read.status).toBe(200);
    expect(read.headers.get('set-cookie')).toBeNull();
    expect(await read.json()).toMatchObject({ path: '/v1/services/svc-1?locale=zh-CN' });
    // A cookie that names no session (ended, or from another deployment) is no session.
    const stale = await bff.fetch(
      new Request(`${app}/api/v1/sites`, { headers: { cookie: '__Host-zheli-session=gone' } }),
    );
    expect(stale.status).toBe(200);
    const forged = await bff.fetch(new Request(`${app}/api/v1/appointments`, { method: 'POST' }));
    expect(forged.status).toBe(403);
    expect((await bff.fetch(new Request(`${app}/api/oidc/me`))).status).toBe(404);
    expect(api.seen).toEqual([
      { auth: undefined, path: '/v1/services/svc-1?locale=zh-CN' },
      { auth: undefined, path: '/v1/sites' },
    ]);

    const cookie = sessionCookieOf((await signIn(bff)).callback);
    await bff.fetch(new Request(`${app}/api/v1/me`, { headers: { cookie } }));
    // at-1 is refused upstream (see beforeEach), then the renewed at-2 is sent.
    expect(api.seen.slice(2).map((s) => s.auth)).toEqual(['Bearer at-1', 'Bearer at-2']);
  });
});

describe('API proxy allowlist', () => {
  const outside = [
    '/api/__sandbox/faults',
    '/api/oidc/me',
    '/api/interaction/abc',
    '/api/v1/../oidc/me',
    '/api/v1/%2e%2e/oidc/me',
    '/api/v1/%2E%2E/__sandbox/faults',
    '/api/v1/..%2Foidc/me',
    '/api/v1/%2e%2e%2f%2e%2e%2foidc/me',
    '/api/v1/..%5Coidc/me',
    '/api//evil.example/v1/me',
    '/api/v1',
    '/api',
  ];
  for (const path of outside) {
    it(`answers 404 problem+json for ${path} and forwards nothing, even when signed in`, async () => {
      const bff = handler({ store: fixedNonceStore() });
      const cookie = sessionCookieOf((await signIn(bff)).callback);
      const response = await bff.fetch(new Request(`${app}${path}`, { headers: { cookie } }));
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(await response.json()).toMatchObject({ status: 404, code: 'not_found' });
      expect(api.seen).toEqual([]);
    });
  }

  it('forwards paths under the configured prefixes only', async () => {
    const bff = handler({ store: fixedNonceStore(), proxyPathPrefixes: ['/v2/'] });
    const cookie = sessionCookieOf((await signIn(bff)).callback);
    const v2 = await bff.fetch(new Request(`${app}/api/v2/me`, { headers: { cookie } }));
    expect(v2.status).not.toBe(404);
    const v1 = await bff.fetch(new Request(`${app}/api/v1/me`, { headers: { cookie } }));
    expect(v1.status).toBe(404);
    expect(api.seen.map((s) => s.path)).toEqual(['/v2/me', '/v2/me']);
  });
});

describe('the default store', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it('warns through the logger and once through process.emitWarning when NODE_ENV is production and no store is given', () => {
    const emitted = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    const warnings: object[] = [];
    const logger = { warn: (data: object) => warnings.push(data) };
    vi.stubEnv('NODE_ENV', 'development');
    handler({ logger });
    vi.stubEnv('NODE_ENV', 'production');
    handler({ logger, store: new MemorySessionStore() });
    expect(warnings).toEqual([]);
    expect(emitted).not.toHaveBeenCalled();
    handler({ logger });
    handler({ logger });
    expect(warnings).toEqual([
      { code: 'ZHELI_AUTH_MEMORY_STORE' },
      { code: 'ZHELI_AUTH_MEMORY_STORE' },
    ]);
    expect(emitted).toHaveBeenCalledTimes(1);
    expect(emitted).toHaveBeenCalledWith(expect.stringContaining('@zheli/auth/server/redis'), {
      code: 'ZHELI_AUTH_MEMORY_STORE',
    });
  });
});

describe('ending all of a person’s sessions', () => {
  it('ends every session of the subject, revokes their refresh tokens, and leaves others', async () => {
    issuer.discovery.revocation_endpoint = `${issuer.url}/revoke`;
    const store = fixedNonceStore();
    const bff = handler({ store });
    const first = sessionCookieOf((await signIn(bff)).callback);
    const second = sessionCookieOf((await signIn(bff)).callback);
    nextSub = 'p-xihu-elder';
    const other = sessionCookieOf((await signIn(bff)).callback);
    const revoked: string[] = [];
    issuer.routes.set('/revoke', (_req, res, body) => {
      revoked.push(new URLSearchParams(body).get('token') ?? '');
      res.writeHead(200).end();
    });
    expect(await bff.endSessionsOf('p-anji-driver')).toBe(2);
    for (const cookie of [first, second]) {
      const session = await bff.fetch(new Request(`${app}/auth/session`, { headers: { cookie } }));
      expect(await session.json()).toEqual({ signedIn: false });
    }
    const kept = await bff.fetch(
      new Request(`${app}/auth/session`, { headers: { cookie: other } }),
    );
    expect(await kept.json()).toMatchObject({ signedIn: true, user: { sub: 'p-xihu-elder' } });
    expect(revoked.sort()).toEqual(['rt-1', 'rt-2']);
  });

  it('says what is missing when the store has no subject index', async () => {
    const memory = new MemorySessionStore();
    const store = {
      get: memory.get.bind(memory),
      set: memory.set.bind(memory),
      delete: memory.delete.bind(memory),
    };
    await expect(handler({ store }).endSessionsOf('p-anji-driver')).rejects.toThrow(/keysOfSub/);
  });
});
