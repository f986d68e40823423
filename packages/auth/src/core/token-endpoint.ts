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

/** Who is calling an endpoint of the token endpoint family, and how it authenticates. */
export interface ClientCredentials {
  issuer: string;
  clientId: string;
  clientAuth: ClientAuthentication;
  fetch: FetchLike;
  timeoutMs: number;
}

export interface TokenRequest extends ClientCredentials {
  tokenEndpoint: string;
  params: Record<string, string>;
}

/** A token revocation (RFC 7009). */
export interface RevocationRequest extends ClientCredentials {
  revocationEndpoint: string;
  token: string;
  tokenTypeHint: 'refresh_token' | 'access_token';
}

/** Posts a token request and returns the parsed response, or throws `token_error`. */
export async function requestToken(request: TokenRequest): Promise<TokenResponse> {
  const what = `POST ${request.tokenEndpoint} (${request.params.grant_type})`;
  const response = await postAuthenticated(request, request.tokenEndpoint, request.params);
  const json = await readJsonObject(response);
  if (!response.ok || !json) throw endpointError('Token request', response, json, what);
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

/**
 * Revokes a token (RFC 7009), authenticating the client as for a token request. The provider
 * answers 200 even for a token it no longer knows; any other answer throws `token_error`, as
 * the token may still be valid.
 */
export async function revokeToken(request: RevocationRequest): Promise<void> {
  const what = `POST ${request.revocationEndpoint} (revoke ${request.tokenTypeHint})`;
  const response = await postAuthenticated(request, request.revocationEndpoint, {
    token: request.token,
    token_type_hint: request.tokenTypeHint,
  });
  if (response.ok) {
    await response.body?.cancel();
    return;
  }
  throw endpointError('Token revocation', response, await readJsonObject(response), what);
}

/**
 * Posts a form to an endpoint of the token endpoint family with the client's authentication:
 * HTTP Basic, `client_secret_post`, a `private_key_jwt` assertion, or only `client_id` for a
 * public client.
 */
async function postAuthenticated(
  request: ClientCredentials,
  endpoint: string,
  params: Record<string, string>,
): Promise<Response> {
  const body = new URLSearchParams(params);
  const headers: Record<string, string> = {
    accept: 'application/json',
    'content-type': 'application/x-www-form-urlencoded',
  };
  const auth = request.clientAuth;
  if (auth.method === 'client_secret_basic') {
    // RFC 6749 §2.3.1: both parts form-encoded before they are joined.
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
  return fetchWithTimeout(
    request.fetch,
    endpoint,
    { method: 'POST', headers, body, credentials: 'omit', cache: 'no-store' },
    request.timeoutMs,
  );
}

function endpointError(
  action: string,
  response: Response,
  json: Record<string, unknown> | null,
  what: string,
): ZheliAuthError {
  const oauthError = typeof json?.error === 'string' ? json.error : undefined;
  const description =
    typeof json?.error_description === 'string' ? json.error_description : undefined;
  return new ZheliAuthError(
    'token_error',
    `${action} failed (${response.status}${oauthError ? ` ${oauthError}` : ''}): ${what}`,
    { status: response.status, oauthError, oauthErrorDescription: description },
  );
}

async function clientAssertion(
  request: ClientCredentials,
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
