import { importJWK, type JWK, SignJWT } from 'jose';
import { ZheliAuthError } from './errors.js';
import { type FetchLike, fetchWithTimeout, readJsonObject } from './http.js';

/** A token endpoint's successful response (RFC 6749 §5.1, OIDC Core §3.1.3.3). */
export interface TokenResponse {
  access_token: string;
  token_type: string;
  expires_in?: number;
  refresh_token?: string;
  id_token?: string;
  scope?: string;
}

/**
 * How a client authenticates at the token endpoint.
 * - `none`: a public client (browser mode; PKCE protects the code).
 * - `client_secret_basic` / `client_secret_post`: a confidential client with a shared secret.
 * - `private_key_jwt` (RFC 7523): a confidential client signs an assertion with its private key;
 *   the provider holds only the public key.
 */
export type ClientAuthentication =
  | { method: 'none' }
  | { method: 'client_secret_basic' | 'client_secret_post'; clientSecret: string }
  | {
      method: 'private_key_jwt';
      /** The private key: a `CryptoKey` or a private JWK. */
      privateKey: CryptoKey | JWK;
      /** The signing algorithm. @default 'RS256' (or the JWK's `alg`) */
      alg?: string;
      /** The key id the provider knows the public key by (or the JWK's `kid`). */
      kid?: string;
    };

export interface TokenRequest {
  tokenEndpoint: string;
  issuer: string;
  clientId: string;
  clientAuth: ClientAuthentication;
  params: Record<string, string>;
  fetch: FetchLike;
  timeoutMs: number;
}

/** Posts a token request and returns the parsed response, or throws `token_error`. */
export async function requestToken(request: TokenRequest): Promise<TokenResponse> {
  const body = new URLSearchParams(request.params);
  const headers: Record<string, string> = {
    accept: 'application/json',
    'content-type': 'application/x-www-form-urlencoded',
  };
  const auth = request.clientAuth;
  if (auth.method === 'client_secret_basic') {
    const encode = (value: string) => encodeURIComponent(value).replace(/%20/g, '+');
    headers.authorization = `Basic ${btoa(`${encode(request.clientId)}:${encode(auth.clientSecret)}`)}`;
  } else {
    body.set('client_id', request.clientId);
    if (auth.method === 'client_secret_post') body.set('client_secret', auth.clientSecret);
    if (auth.method === 'private_key_jwt') {
      body.set('client_assertion_type', 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
      body.set('client_assertion', await clientAssertion(request, auth));
    }
  }
  const what = `POST ${request.tokenEndpoint} (${request.params.grant_type})`;
  const response = await fetchWithTimeout(
    request.fetch,
    request.tokenEndpoint,
    { method: 'POST', headers, body, credentials: 'omit', cache: 'no-store' },
    request.timeoutMs,
  );
  const json = await readJsonObject(response);
  if (!response.ok || !json) {
    const oauthError = typeof json?.error === 'string' ? json.error : undefined;
    const description =
      typeof json?.error_description === 'string' ? json.error_description : undefined;
    throw new ZheliAuthError(
      'token_error',
      `Token request failed (${response.status}${oauthError ? ` ${oauthError}` : ''}): ${what}`,
      { status: response.status, oauthError, oauthErrorDescription: description },
    );
  }
  if (typeof json.access_token !== 'string' || typeof json.token_type !== 'string') {
    throw new ZheliAuthError('token_error', `Token response lacks access_token: ${what}`, {
      status: response.status,
    });
  }
  if (json.token_type.toLowerCase() !== 'bearer') {
    throw new ZheliAuthError('token_error', `Unsupported token_type "${json.token_type}": ${what}`);
  }
  return json as unknown as TokenResponse;
}

async function clientAssertion(
  request: TokenRequest,
  auth: Extract<ClientAuthentication, { method: 'private_key_jwt' }>,
): Promise<string> {
  const isJwk = !(auth.privateKey instanceof CryptoKey);
  const jwk = isJwk ? (auth.privateKey as JWK) : undefined;
  const alg = auth.alg ?? jwk?.alg ?? 'RS256';
  const kid = auth.kid ?? jwk?.kid;
  const key = jwk ? await importJWK(jwk, alg) : (auth.privateKey as CryptoKey);
  return new SignJWT({})
    .setProtectedHeader(kid ? { alg, kid, typ: 'JWT' } : { alg, typ: 'JWT' })
    .setIssuer(request.clientId)
    .setSubject(request.clientId)
    .setAudience(request.issuer)
    .setJti(crypto.randomUUID())
    .setIssuedAt()
    .setExpirationTime('60s')
    .sign(key);
}
