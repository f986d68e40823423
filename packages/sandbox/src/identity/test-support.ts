// Helpers for the identity module's tests (not part of the package's exports).
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CookieJar } from '../../../../scripts/cookie-jar.ts';
import type { Persona, RegisteredClient } from '../personas.js';
import { createIdentity, type Identity, type IdentityOptions } from './index.js';

export { CookieJar };

/** Fictitious personas shaped like `data/personas.json`, so these tests need no seed data. */
export const testPersonas: Persona[] = [
  {
    sub: 'p-xihu-elder',
    kind: 'person',
    name: '王丽英',
    nameEn: 'Wang Liying',
    gender: 'female',
    birthDate: '1944-03-12',
    idNumber: '330106194403120027',
    phone: '13805712345',
    regionCode: '330106',
    locale: 'zh-CN',
    description: '81 岁，独居，西湖区，可申领高龄津贴',
    descriptionEn: '81, lives alone in Xihu; eligible for the old-age allowance',
    facts: { livesAlone: true },
  },
  {
    sub: 'p-anji-driver',
    kind: 'person',
    name: '李明',
    nameEn: 'Li Ming',
    gender: 'male',
    birthDate: '1986-07-02',
    idNumber: '330523198607020018',
    phone: '13967200001',
    regionCode: '330523',
    locale: 'zh-CN',
    description: '安吉车主，车辆年检即将到期',
    descriptionEn: 'Anji car owner; vehicle inspection due soon',
    facts: {},
  },
  {
    sub: 'p-wuxing-business',
    kind: 'enterprise',
    name: '湖州吴兴绿源茶业有限公司',
    nameEn: 'Huzhou Wuxing Lvyuan Tea Co., Ltd.',
    birthDate: null,
    idNumber: null,
    phone: '05722000000',
    regionCode: '330502',
    locale: 'zh-CN',
    description: '吴兴区小微企业，12 名员工',
    descriptionEn: 'A small business in Wuxing with 12 employees',
    creditCode: '91330502MA2B00000X',
    legalRepresentative: '陈建国',
    facts: { employees: 12 },
  },
];

/** The registered clients of `data/clients.json`, inline so a changed data file cannot break these tests. */
const testClients: RegisteredClient[] = [
  {
    client_id: 'county-site',
    client_name: '安吉县人民政府门户网站（示例）',
    token_endpoint_auth_method: 'none',
    redirect_uris: ['http://127.0.0.1/callback', 'http://localhost/callback'],
    post_logout_redirect_uris: ['http://127.0.0.1/', 'http://localhost/'],
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    scope: 'openid offline_access profile phone identity appointments codes evaluations',
  },
  {
    client_id: 'partner-server',
    client_name: '车管家服务端（示例机密客户端）',
    token_endpoint_auth_method: 'client_secret_basic',
    client_secret: 'sandbox-secret',
    redirect_uris: ['http://127.0.0.1/auth/callback', 'http://localhost/auth/callback'],
    post_logout_redirect_uris: ['http://127.0.0.1/', 'http://localhost/'],
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    scope: 'openid offline_access profile phone identity appointments codes evaluations',
  },
];

export interface RunningIdentity {
  identity: Identity;
  url: string;
  server: Server;
  stop(): Promise<void>;
}

/** Starts an identity on an ephemeral 127.0.0.1 port; the issuer is that origin. */
export async function startIdentity(
  options: Partial<IdentityOptions> & { port?: number } = {},
): Promise<RunningIdentity> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const identity = await createIdentity({
    issuer: url,
    keysDir: null,
    personas: testPersonas,
    clients: testClients,
    ...options,
  });
  server.on('request', (req, res) => {
    const pathname = new URL(req.url ?? '/', url).pathname;
    if (identity.handles(pathname)) identity.listener(req, res);
    else res.writeHead(404).end();
  });
  return {
    identity,
    url,
    server,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await identity.close();
    },
  };
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  return { verifier, challenge };
}

export interface FlowInput {
  clientId?: string;
  redirectUri?: string;
  scope?: string;
  persona?: string;
  /** Extra authorization parameters (`zheli_fault`, `prompt`, `ui_locales`, ...). */
  params?: Record<string, string>;
  /** Leave PKCE out (to prove it is required). */
  withoutPkce?: boolean;
  jar?: CookieJar;
}

export interface FlowResult {
  jar: CookieJar;
  authorizeUrl: string;
  /** The final redirect to the client (its URL with code or error, state and iss). */
  callback: URL;
  state: string;
  nonce: string;
  verifier: string;
  redirectUri: string;
  clientId: string;
}

/**
 * Runs the front-channel part of a code flow over HTTP: authorization request, interaction
 * page with the persona header, and the redirects back to the client's redirect URI.
 */
export async function authorize(url: string, input: FlowInput = {}): Promise<FlowResult> {
  const jar = input.jar ?? new CookieJar();
  const clientId = input.clientId ?? 'county-site';
  const redirectUri = input.redirectUri ?? 'http://127.0.0.1:5173/callback';
  const { verifier, challenge } = pkcePair();
  const state = randomBytes(12).toString('base64url');
  const nonce = randomBytes(12).toString('base64url');
  const query = new URLSearchParams({
    client_id: clientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: input.scope ?? 'openid profile phone appointments offline_access',
    state,
    nonce,
    prompt: 'consent',
    ...(input.withoutPkce ? {} : { code_challenge: challenge, code_challenge_method: 'S256' }),
    ...input.params,
  });
  const authorizeUrl = `${url}/oidc/auth?${query}`;
  const callback = await followToCallback(authorizeUrl, { jar, persona: input.persona });
  return { jar, authorizeUrl, callback, state, nonce, verifier, redirectUri, clientId };
}

/**
 * Follows an authorization request (built here or by a relying-party library) through the
 * interaction page with the persona header, and returns the redirect back to the client.
 */
export async function followToCallback(
  authorizeUrl: string,
  input: { jar?: CookieJar; persona?: string | undefined } = {},
): Promise<URL> {
  const jar = input.jar ?? new CookieJar();
  const origin = new URL(authorizeUrl).origin;
  let next = authorizeUrl;
  for (let hop = 0; hop < 10; hop += 1) {
    const isInteraction = new URL(next).pathname.startsWith('/interaction/');
    const response = await jar.fetch(next, {
      headers: isInteraction ? { 'x-zheli-persona': input.persona ?? 'p-anji-driver' } : {},
    });
    const location = response.headers.get('location');
    if (!location) {
      throw new Error(`Flow stopped at ${next} with ${response.status}: ${await response.text()}`);
    }
    const target = new URL(location, next);
    if (target.origin !== origin) return target;
    next = target.href;
  }
  throw new Error('Too many redirects in the authorization flow');
}

export interface TokenResponse {
  access_token: string;
  id_token?: string;
  refresh_token?: string;
  expires_in: number;
  scope?: string;
  token_type: string;
}

/** Posts to the token endpoint (public clients put client_id in the body). */
export async function tokenRequest(
  url: string,
  params: Record<string, string>,
  init: { secret?: string; origin?: string; dpop?: string } = {},
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  const body = new URLSearchParams(params);
  if (init.secret !== undefined) {
    const id = body.get('client_id') ?? '';
    body.delete('client_id');
    headers.authorization = `Basic ${Buffer.from(`${id}:${init.secret}`).toString('base64')}`;
  }
  if (init.origin) headers.origin = init.origin;
  if (init.dpop) headers.dpop = init.dpop;
  const response = await fetch(`${url}/oidc/token`, { method: 'POST', headers, body });
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown>,
    headers: response.headers,
  };
}

/** Exchanges the flow's code for tokens (with a DPoP proof header if given). */
export async function exchangeCode(
  url: string,
  flow: FlowResult,
  init: { dpop?: string } = {},
): Promise<TokenResponse> {
  const code = flow.callback.searchParams.get('code');
  if (!code) throw new Error(`No code in ${flow.callback.href}`);
  const { status, body } = await tokenRequest(
    url,
    {
      grant_type: 'authorization_code',
      code,
      redirect_uri: flow.redirectUri,
      code_verifier: flow.verifier,
      client_id: flow.clientId,
    },
    init,
  );
  if (status !== 200) throw new Error(`Token exchange failed ${status}: ${JSON.stringify(body)}`);
  return body as unknown as TokenResponse;
}

export async function refresh(url: string, refreshToken: string, clientId = 'county-site') {
  return tokenRequest(url, {
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
    client_id: clientId,
  });
}

/**
 * A CORS preflight from another local origin (Storybook's port) for a write carrying the
 * sandbox control header: what a page on the machine must pass to flip a fault switch.
 */
export function crossOriginPreflight(url: string): Promise<Response> {
  return fetch(url, {
    method: 'OPTIONS',
    headers: {
      origin: 'http://127.0.0.1:6006',
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type, x-zheli-sandbox',
    },
  });
}
