import { ZheliAuthError } from './errors.js';
import { type FetchLike, fetchWithTimeout, readJsonObject } from './http.js';

/** The parts of an OpenID Provider's metadata (OIDC Discovery 1.0) the package uses. */
export interface ProviderMetadata {
  /**
   * The provider's issuer identifier (an https URL). Discovery fails with `issuer_mismatch`
   * unless it equals the configured `authority` exactly; ID tokens' `iss` must equal it too.
   */
  issuer: string;
  /** The URL the browser is sent to for sign-in (authorization code with PKCE). Required. */
  authorization_endpoint: string;
  /** The URL codes, refresh tokens and app tickets are exchanged at for tokens. Required. */
  token_endpoint: string;
  /** The URL of the provider's signing keys (JWKS) that ID tokens are verified with. Required. */
  jwks_uri: string;
  /** The OIDC UserInfo endpoint, when the provider has one; the SDK does not call it. */
  userinfo_endpoint?: string;
  /**
   * Where sign-out ends the person's session at the provider (RP-initiated logout). When it is
   * missing, signing out ends only the app's session: there is no redirect and no `endSessionUrl`.
   */
  end_session_endpoint?: string;
  /**
   * Where refresh tokens are revoked on sign-out (RFC 7009). When it is missing, nothing is
   * revoked: the refresh token stays valid until it expires at the provider.
   */
  revocation_endpoint?: string;
  /**
   * The algorithms the provider signs ID tokens with. The SDK accepts these minus `none` and the
   * HMAC (`HS*`) ones; when the list is missing or leaves nothing, only `RS256`.
   */
  id_token_signing_alg_values_supported?: string[];
  /** The PKCE methods the provider accepts; the SDK always sends `S256`. */
  code_challenge_methods_supported?: string[];
  /**
   * True when the provider adds `iss` to authorization responses (RFC 9207): a callback without
   * it is then refused (`issuer_mismatch`, reason `iss_parameter_missing`). An `iss` that is
   * present is checked either way.
   */
  authorization_response_iss_parameter_supported?: boolean;
  /**
   * How clients may authenticate at the token endpoint (`client_secret_basic`,
   * `client_secret_post`, `private_key_jwt`, `none`). Informational: the SDK uses the method the
   * app configures (`clientAuth`).
   */
  token_endpoint_auth_methods_supported?: string[];
  /** The algorithms the provider accepts for `private_key_jwt` client assertions. Informational. */
  token_endpoint_auth_signing_alg_values_supported?: string[];
  /** Any other member of the discovery document, as sent. */
  [member: string]: unknown;
}

/** The metadata URL of an authority (`<authority>/.well-known/openid-configuration`). */
function metadataUrl(authority: string): string {
  return `${authority.replace(/\/+$/, '')}/.well-known/openid-configuration`;
}

/**
 * Loads the provider's metadata and checks that its `issuer` is exactly the authority the app
 * was configured with (OIDC Discovery §4.3), which oidc-client-ts never checks. Without this a
 * compromised or misconfigured discovery document could point the app at another issuer's keys.
 */
export async function discover(
  authority: string,
  fetchFn: FetchLike,
  timeoutMs: number,
): Promise<ProviderMetadata> {
  const url = metadataUrl(authority);
  const response = await fetchWithTimeout(
    fetchFn,
    url,
    { headers: { accept: 'application/json' } },
    timeoutMs,
  );
  const body = response.ok ? await readJsonObject(response) : null;
  if (!body) {
    throw new ZheliAuthError(
      'discovery_failed',
      `Provider metadata could not be loaded (${response.status}): GET ${url}`,
      { status: response.status, reason: 'discovery' },
    );
  }
  for (const field of ['issuer', 'authorization_endpoint', 'token_endpoint', 'jwks_uri']) {
    if (typeof body[field] !== 'string') {
      throw new ZheliAuthError(
        'discovery_failed',
        `Provider metadata lacks "${field}": GET ${url}`,
        {
          reason: 'discovery',
        },
      );
    }
  }
  const metadata = body as ProviderMetadata;
  if (metadata.issuer !== authority) {
    throw new ZheliAuthError(
      'issuer_mismatch',
      `The discovery document's issuer "${metadata.issuer}" is not the authority "${authority}"`,
      { reason: 'discovery' },
    );
  }
  return metadata;
}

/** The ID token algorithms to accept: the provider's list without `none`, else RS256. */
export function idTokenAlgorithms(metadata: ProviderMetadata): string[] {
  const advertised = metadata.id_token_signing_alg_values_supported;
  const algorithms = Array.isArray(advertised)
    ? advertised.filter((alg) => typeof alg === 'string' && alg !== 'none' && !alg.startsWith('HS'))
    : [];
  return algorithms.length > 0 ? algorithms : ['RS256'];
}
