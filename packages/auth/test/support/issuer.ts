import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK, type JWTPayload, SignJWT } from 'jose';

/** A tiny local issuer for unit tests: discovery and a JWKS we control, and a token signer. */
export interface TestIssuer {
  url: string;
  jwksFetches: number;
  /** Signs an ID token with the current key (claims default to a valid token). */
  sign(
    claims?: Partial<JWTPayload> & Record<string, unknown>,
    header?: { kid?: string; alg?: string },
  ): Promise<string>;
  /** Signs with a key that is not published. */
  signWithUnpublishedKey(claims?: Record<string, unknown>): Promise<string>;
  /** Adds a new current key (published immediately). */
  rotate(): Promise<void>;
  discovery: Record<string, unknown>;
  /** Extra request handlers (path → handler) for token endpoint fakes. */
  routes: Map<string, (req: IncomingMessage, res: ServerResponse, body: string) => void>;
  stop(): Promise<void>;
}

export const clientId = 'partner-app';

export async function startTestIssuer(): Promise<TestIssuer> {
  const keys: { kid: string; privateKey: CryptoKey; publicJwk: JWK }[] = [];
  const addKey = async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const kid = `k${keys.length + 1}`;
    keys.push({
      kid,
      privateKey,
      publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' },
    });
  };
  await addKey();
  const routes: TestIssuer['routes'] = new Map();
  const issuer: TestIssuer = {
    url: '',
    jwksFetches: 0,
    discovery: {},
    routes,
    async sign(claims = {}, header = {}) {
      const key = keys.at(-1);
      if (!key) throw new Error('no key');
      const now = Math.floor(Date.now() / 1000);
      const payload: Record<string, unknown> = {
        iss: issuer.url,
        sub: 'p-anji-driver',
        aud: clientId,
        iat: now,
        exp: now + 600,
        nonce: 'n-1',
        ...claims,
      };
      for (const [k, v] of Object.entries(payload)) if (v === undefined) delete payload[k];
      return new SignJWT(payload)
        .setProtectedHeader({ alg: header.alg ?? 'RS256', kid: header.kid ?? key.kid })
        .sign(key.privateKey);
    },
    async signWithUnpublishedKey(claims = {}) {
      const { privateKey } = await generateKeyPair('RS256');
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({
        iss: issuer.url,
        sub: 'p-anji-driver',
        aud: clientId,
        iat: now,
        exp: now + 600,
        nonce: 'n-1',
        ...claims,
      })
        .setProtectedHeader({ alg: 'RS256', kid: 'not-published' })
        .sign(privateKey);
    },
    rotate: addKey,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on('end', () => {
      const path = new URL(req.url ?? '/', issuer.url).pathname;
      const route = routes.get(path);
      if (route) return route(req, res, body);
      if (path === '/.well-known/openid-configuration') return json(res, issuer.discovery);
      if (path === '/jwks') {
        issuer.jwksFetches += 1;
        return json(res, { keys: keys.map((k) => k.publicJwk) });
      }
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  issuer.discovery = {
    issuer: issuer.url,
    authorization_endpoint: `${issuer.url}/auth`,
    token_endpoint: `${issuer.url}/token`,
    jwks_uri: `${issuer.url}/jwks`,
    end_session_endpoint: `${issuer.url}/session/end`,
    id_token_signing_alg_values_supported: ['RS256', 'none'],
    authorization_response_iss_parameter_supported: true,
  };
  return issuer;
}

export function json(res: ServerResponse, body: unknown, status = 200): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
