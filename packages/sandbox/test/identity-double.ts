// A test double of the identity module (src/identity, from the identity helper's branch), so the
// server's routing, tokens and lifecycle can be tested before that branch is merged. It is not an
// OIDC provider: it answers discovery and keeps minted tokens in a map.
import { randomBytes } from 'node:crypto';
import type { AccessTokenInfo } from '../src/api/types.js';
import type { CreateIdentity } from '../src/identity-types.js';

export const createIdentityDouble: CreateIdentity = async ({ issuer }) => {
  const tokens = new Map<string, AccessTokenInfo>();
  const faults: object[] = [];
  return {
    handles: (pathname) =>
      pathname === '/.well-known/openid-configuration' || pathname.startsWith('/oidc/'),
    listener(_req, res) {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({
          issuer,
          authorization_endpoint: `${issuer}/oidc/auth`,
          token_endpoint: `${issuer}/oidc/token`,
          jwks_uri: `${issuer}/oidc/jwks`,
          response_types_supported: ['code'],
        }),
      );
    },
    verifyAccessToken: async (token) => tokens.get(token) ?? null,
    async mintAccessToken({ sub, scope, clientId = 'partner-app', expiresIn = 3600 }) {
      const token = randomBytes(24).toString('base64url');
      tokens.set(token, { sub, scope, clientId, exp: Math.floor(Date.now() / 1000) + expiresIn });
      return token;
    },
    oidcFaults: {
      add: (f) => faults.push(f),
      clear: () => faults.splice(0),
      list: () => [...faults],
    },
    rotateKeys: async () => ({ kid: 'double' }),
    close: async () => {},
  };
};
