import { ZheliAuthError } from './errors.js';
import { type FetchLike, fetchWithTimeout, readJsonObject } from './http.js';

/** The parts of an OpenID Provider's metadata (OIDC Discovery 1.0) the package uses. */
export interface ProviderMetadata {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
  userinfo_endpoint?: string;
  end_session_endpoint?: string;
  revocation_endpoint?: string;
  id_token_signing_alg_values_supported?: string[];
  code_challenge_methods_supported?: string[];
  authorization_response_iss_parameter_supported?: boolean;
  token_endpoint_auth_methods_supported?: string[];
  token_endpoint_auth_signing_alg_values_supported?: string[];
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
