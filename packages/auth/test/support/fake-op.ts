// A small OpenID Provider that speaks the sandbox's interface (docs: sandbox-interface), for the
// browser tests to run before and besides the real sandbox: discovery at the origin, /oidc/auth
// → /interaction/<uid> (sign in with the X-Zheli-Persona header) → the client's redirect URI,
// /oidc/token with PKCE and rotating refresh tokens, /oidc/jwks, /oidc/session/end, the OIDC
// faults (`zheli_fault` or POST /__sandbox/oidc-faults), rotateKeys(), and GET /v1/me.
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';

export interface FakeOp {
  url: string;
  issuer: string;
  rotateKeys(): Promise<{ kid: string }>;
  oidcFaults: { add(f: { kind: string; times?: number }): void; clear(): void };
  stop(): Promise<void>;
}

interface Grant {
  sub: string;
  clientId: string;
  scope: string;
  nonce?: string;
  redirectUri: string;
  codeChallenge: string;
  fault?: string;
}

const clients: Record<string, { secret?: string; path: string }> = {
  'partner-app': { path: '/callback' },
  'county-site': { path: '/callback' },
  'partner-server': { secret: 'sandbox-secret', path: '/auth/callback' },
};

export async function startFakeOp(
  options: { issuer?: (url: string) => string } = {},
): Promise<FakeOp> {
  const keys: { kid: string; privateKey: CryptoKey; jwk: JWK }[] = [];
  const rotateKeys = async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const kid = randomUUID();
    keys.push({
      kid,
      privateKey,
      jwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' },
    });
    return { kid };
  };
  await rotateKeys();
  const faults: { kind: string; times: number }[] = [];
  const interactions = new Map<string, Record<string, string>>();
  const codes = new Map<string, Grant>();
  const refreshTokens = new Map<string, { grant: Grant; used: boolean; family: string }>();
  const revokedFamilies = new Set<string>();
  const accessTokens = new Map<string, string>();
  let origin = '';
  let issuer = '';

  const takeFault = (kinds: string[]): string | undefined => {
    const index = faults.findIndex((f) => kinds.includes(f.kind));
    if (index === -1) return undefined;
    const fault = faults[index];
    if (!fault) return undefined;
    fault.times -= 1;
    if (fault.times <= 0) faults.splice(index, 1);
    return fault.kind;
  };

  const signIdToken = async (grant: Grant, fault: string | undefined, refresh: boolean) => {
    const key = keys.at(-1);
    if (!key) throw new Error('no key');
    const now = Math.floor(Date.now() / 1000);
    const claims: Record<string, unknown> = {
      iss: issuer,
      sub: grant.sub,
      aud: grant.clientId,
      iat: now,
      exp: now + 3600,
      auth_time: now,
      name: grant.sub,
    };
    if (grant.nonce && !refresh) claims.nonce = grant.nonce;
    if (fault === 'id_token_wrong_iss') claims.iss = 'http://127.0.0.1:1';
    if (fault === 'id_token_wrong_aud') claims.aud = 'another-client';
    if (fault === 'id_token_missing_aud') delete claims.aud;
    if (fault === 'id_token_missing_iat') delete claims.iat;
    if (fault === 'id_token_expired') claims.exp = now - 3600;
    if (fault === 'id_token_not_yet_valid') claims.nbf = now + 3600;
    if (fault === 'id_token_wrong_nonce') claims.nonce = 'not-the-nonce';
    if (fault === 'id_token_other_sub') claims.sub = `${grant.sub}-other`;
    const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    if (fault === 'id_token_alg_none') return `${b64({ alg: 'none' })}.${b64(claims)}.`;
    if (fault === 'id_token_unknown_kid') {
      const { privateKey } = await generateKeyPair('RS256');
      return new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'unknown-kid' })
        .sign(privateKey);
    }
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: key.kid })
      .sign(key.privateKey);
    if (fault === 'id_token_bad_signature') {
      const [h, p, s = ''] = token.split('.');
      return `${h}.${p}.${s.slice(0, 10)}${s[10] === 'A' ? 'B' : 'A'}${s.slice(11)}`;
    }
    return token;
  };

  const issueTokens = async (
    grant: Grant,
    fault: string | undefined,
    refresh: boolean,
    family?: string,
  ) => {
    const accessToken = randomUUID();
    accessTokens.set(accessToken, grant.sub);
    const body: Record<string, unknown> = {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: 3600,
      id_token: await signIdToken(grant, fault, refresh),
      scope: grant.scope,
    };
    if (grant.scope.split(' ').includes('offline_access')) {
      const refreshToken = randomUUID();
      refreshTokens.set(refreshToken, { grant, used: false, family: family ?? randomUUID() });
      body.refresh_token = refreshToken;
    }
    return body;
  };

  const cors = (req: IncomingMessage, res: ServerResponse) => {
    const o = req.headers.origin;
    if (o && /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/.test(o)) {
      res.setHeader('access-control-allow-origin', o);
      res.setHeader('access-control-allow-headers', 'authorization, content-type, dpop');
      res.setHeader('access-control-allow-methods', 'GET, POST');
      res.setHeader('vary', 'origin');
    }
  };
  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };
  const redirect = (res: ServerResponse, location: string, cookie?: string) => {
    const headers: Record<string, string> = { location };
    if (cookie) headers['set-cookie'] = cookie;
    res.writeHead(303, headers).end();
  };

  const finishAuthorization = (
    res: ServerResponse,
    params: Record<string, string>,
    sub: string,
    cookie?: string,
  ) => {
    const fault =
      params.zheli_fault ??
      takeFault([
        'id_token_wrong_iss',
        'id_token_wrong_aud',
        'id_token_missing_aud',
        'id_token_missing_iat',
        'id_token_expired',
        'id_token_not_yet_valid',
        'id_token_alg_none',
        'id_token_bad_signature',
        'id_token_unknown_kid',
        'id_token_wrong_nonce',
        'iss_param_wrong',
        'iss_param_missing',
        'access_denied',
      ]);
    const target = new URL(params.redirect_uri ?? '');
    if (params.state) target.searchParams.set('state', params.state);
    if (fault === 'iss_param_wrong') target.searchParams.set('iss', 'http://127.0.0.1:1');
    else if (fault !== 'iss_param_missing') target.searchParams.set('iss', issuer);
    if (fault === 'access_denied') {
      target.searchParams.set('error', 'access_denied');
      return redirect(res, target.href, cookie);
    }
    const code = randomUUID();
    codes.set(code, {
      sub,
      clientId: params.client_id ?? '',
      scope: params.scope ?? 'openid',
      nonce: params.nonce,
      redirectUri: params.redirect_uri ?? '',
      codeChallenge: params.code_challenge ?? '',
      fault,
    });
    target.searchParams.set('code', code);
    redirect(res, target.href, cookie);
  };

  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => {
      raw += chunk.toString();
    });
    req.on('end', () => {
      void handle(req, res, raw).catch((error: unknown) =>
        json(res, 500, { error: String(error) }),
      );
    });
  });

  const handle = async (req: IncomingMessage, res: ServerResponse, raw: string) => {
    const url = new URL(req.url ?? '/', origin);
    const path = url.pathname;
    cors(req, res);
    if (req.method === 'OPTIONS') return res.writeHead(204).end();
    if (path === '/.well-known/openid-configuration') {
      return json(res, 200, {
        issuer: options.issuer ? options.issuer(origin) : issuer,
        authorization_endpoint: `${issuer}/oidc/auth`,
        token_endpoint: `${issuer}/oidc/token`,
        jwks_uri: `${issuer}/oidc/jwks`,
        end_session_endpoint: `${issuer}/oidc/session/end`,
        revocation_endpoint: `${issuer}/oidc/token/revocation`,
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
        authorization_response_iss_parameter_supported: true,
        scopes_supported: ['openid', 'offline_access', 'profile'],
      });
    }
    if (path === '/oidc/jwks') return json(res, 200, { keys: keys.map((k) => k.jwk) });
    if (path === '/oidc/auth') {
      const params = Object.fromEntries(url.searchParams);
      const client = clients[params.client_id ?? ''];
      const redirectUri = params.redirect_uri ? new URL(params.redirect_uri) : undefined;
      if (
        !client ||
        !redirectUri ||
        redirectUri.pathname !== client.path ||
        params.code_challenge_method !== 'S256'
      ) {
        return json(res, 400, { error: 'invalid_request' });
      }
      const session = /(?:^|;\s*)fake_op_session=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
      if (params.prompt === 'none') {
        if (!session) {
          const target = new URL(params.redirect_uri ?? '');
          target.searchParams.set('error', 'login_required');
          if (params.state) target.searchParams.set('state', params.state);
          target.searchParams.set('iss', issuer);
          return redirect(res, target.href);
        }
        return finishAuthorization(res, params, decodeURIComponent(session));
      }
      const uid = randomUUID();
      interactions.set(uid, params);
      return redirect(res, `${issuer}/interaction/${uid}`);
    }
    if (path.startsWith('/interaction/')) {
      const params = interactions.get(path.slice('/interaction/'.length));
      const persona = req.headers['x-zheli-persona'];
      if (!params) return json(res, 400, { error: 'unknown interaction' });
      if (typeof persona !== 'string') {
        res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>Choose a persona</h1>');
        return;
      }
      interactions.delete(path.slice('/interaction/'.length));
      const cookie = `fake_op_session=${encodeURIComponent(persona)}; Path=/; HttpOnly; SameSite=Lax`;
      return finishAuthorization(res, params, persona, cookie);
    }
    if (path === '/oidc/token' && req.method === 'POST') {
      const form = new URLSearchParams(raw);
      let clientId = form.get('client_id') ?? '';
      const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (basic) {
        const [id = '', secret = ''] = Buffer.from(basic, 'base64')
          .toString()
          .split(':')
          .map(decodeURIComponent);
        if (clients[id]?.secret !== secret) return json(res, 401, { error: 'invalid_client' });
        clientId = id;
      } else if (clients[clientId]?.secret) {
        return json(res, 401, { error: 'invalid_client' });
      }
      if (form.get('grant_type') === 'authorization_code') {
        const grant = codes.get(form.get('code') ?? '');
        codes.delete(form.get('code') ?? '');
        const challenge = createHash('sha256')
          .update(form.get('code_verifier') ?? '')
          .digest('base64url');
        if (
          !grant ||
          grant.clientId !== clientId ||
          grant.redirectUri !== form.get('redirect_uri') ||
          challenge !== grant.codeChallenge
        ) {
          return json(res, 400, { error: 'invalid_grant' });
        }
        return json(res, 200, await issueTokens(grant, grant.fault, false));
      }
      if (form.get('grant_type') === 'refresh_token') {
        const entry = refreshTokens.get(form.get('refresh_token') ?? '');
        if (!entry || entry.grant.clientId !== clientId || revokedFamilies.has(entry.family)) {
          return json(res, 400, { error: 'invalid_grant' });
        }
        if (entry.used) {
          revokedFamilies.add(entry.family);
          return json(res, 400, {
            error: 'invalid_grant',
            error_description: 'refresh token reused',
          });
        }
        entry.used = true;
        const fault = takeFault([
          'id_token_other_sub',
          'id_token_wrong_iss',
          'id_token_unknown_kid',
        ]);
        return json(res, 200, await issueTokens(entry.grant, fault, true, entry.family));
      }
      return json(res, 400, { error: 'unsupported_grant_type' });
    }
    if (path === '/oidc/token/revocation' && req.method === 'POST') {
      const entry = refreshTokens.get(new URLSearchParams(raw).get('token') ?? '');
      if (entry) revokedFamilies.add(entry.family);
      return res.writeHead(200).end();
    }
    if (path === '/oidc/session/end') {
      res.writeHead(200, {
        'content-type': 'text/html',
        'set-cookie': 'fake_op_session=; Path=/; Max-Age=0',
      });
      return res.end('<h1>Signed out</h1>');
    }
    if (path === '/__sandbox/oidc-faults') {
      if (req.method === 'POST') {
        const fault = JSON.parse(raw) as { kind: string; times?: number };
        faults.push({ kind: fault.kind, times: fault.times ?? 1 });
        return json(res, 201, fault);
      }
      if (req.method === 'DELETE') {
        faults.length = 0;
        return res.writeHead(204).end();
      }
    }
    if (path === '/v1/me') {
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      const sub = token ? accessTokens.get(token) : undefined;
      if (!sub) return json(res, 401, { status: 401, code: 'unauthorized' });
      return json(res, 200, { sub });
    }
    json(res, 404, { error: 'not_found' });
  };

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  issuer = origin;
  return {
    url: origin,
    issuer,
    rotateKeys,
    oidcFaults: {
      add: (f) => faults.push({ kind: f.kind, times: f.times ?? 1 }),
      clear: () => {
        faults.length = 0;
      },
    },
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
