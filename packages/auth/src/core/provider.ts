import { discover, idTokenAlgorithms, type ProviderMetadata } from './discovery.js';
import { ZheliAuthError } from './errors.js';
import type { FetchLike } from './http.js';
import { type IdTokenClaims, validateIdToken } from './id-token.js';
import { IssuerKeys } from './keys.js';
import {
  type ClientAuthentication,
  type ClientCredentials,
  requestToken,
  revokeToken,
  type TokenResponse,
} from './token-endpoint.js';

/** RFC 8693's grant type, with which the platform redeems a ticket. */
const tokenExchangeGrant = 'urn:ietf:params:oauth:grant-type:token-exchange';
/** The `subject_token_type` of a ticket from the platform's app. */
const ticketTokenType = 'urn:zheli:params:oauth:token-type:ticket';

export interface ProviderOptions {
  authority: string;
  clientId: string;
  clientAuth: ClientAuthentication;
  fetch: FetchLike;
  timeoutMs: number;
  clockSkewSeconds: number;
  now: () => Date;
}

/** A token response whose ID token passed every check. */
export interface ValidatedTokens {
  tokens: TokenResponse;
  /** The claims of the (new or, after a refresh without one, previous) ID token. */
  claims: IdTokenClaims;
  idToken: string;
  /** Epoch milliseconds when the access token expires, by the local clock at receipt. */
  expiresAt: number;
}

/**
 * The relying party's view of the OpenID Provider: validated discovery, cached keys, the token
 * endpoint, and the checks oidc-client-ts leaves out. Shared by browser and server mode.
 */
export class Provider {
  readonly options: ProviderOptions;
  #metadata: Promise<ProviderMetadata> | undefined;
  #keys: IssuerKeys | undefined;

  constructor(options: ProviderOptions) {
    this.options = options;
  }

  /** The provider's metadata, loaded once; the discovery issuer must equal the authority. */
  metadata(): Promise<ProviderMetadata> {
    this.#metadata ??= discover(this.options.authority, this.options.fetch, this.options.timeoutMs);
    this.#metadata.catch(() => {
      this.#metadata = undefined;
    });
    return this.#metadata;
  }

  /** The issuer's keys (diagnostics: `fetchCount`). */
  async keys(): Promise<IssuerKeys> {
    const metadata = await this.metadata();
    this.#keys ??= new IssuerKeys(metadata.jwks_uri, this.options.fetch, this.options.timeoutMs);
    return this.#keys;
  }

  /**
   * RFC 9207: checks the authorization response's `iss` parameter before the code is used. When
   * the provider advertises `authorization_response_iss_parameter_supported`, `iss` must be
   * present; when present it must equal the issuer.
   */
  async checkIssParameter(params: URLSearchParams): Promise<void> {
    const metadata = await this.metadata();
    const iss = params.get('iss');
    if (iss === null) {
      if (metadata.authorization_response_iss_parameter_supported === true) {
        throw new ZheliAuthError(
          'issuer_mismatch',
          'The authorization response lacks the "iss" parameter the provider promises (RFC 9207)',
          { reason: 'iss_parameter_missing' },
        );
      }
      return;
    }
    if (iss !== metadata.issuer) {
      throw new ZheliAuthError(
        'issuer_mismatch',
        `The authorization response came from issuer "${iss}", not "${metadata.issuer}" (RFC 9207)`,
        { reason: 'iss_parameter_wrong' },
      );
    }
  }

  /** Exchanges an authorization code (with its PKCE verifier) and validates the ID token. */
  async exchangeCode(input: {
    code: string;
    codeVerifier: string;
    redirectUri: string;
    nonce: string;
  }): Promise<ValidatedTokens> {
    const tokens = await this.#token({
      grant_type: 'authorization_code',
      code: input.code,
      code_verifier: input.codeVerifier,
      redirect_uri: input.redirectUri,
    });
    if (!tokens.id_token) {
      throw new ZheliAuthError('invalid_id_token', 'The token response has no ID token', {
        reason: 'malformed',
      });
    }
    const claims = await this.validateIdToken(tokens.id_token, { nonce: input.nonce });
    return { tokens, claims, idToken: tokens.id_token, expiresAt: this.#expiresAt(tokens) };
  }

  /**
   * Redeems a one-time ticket from the platform's app (RFC 8693 token exchange) and validates
   * the ID token as for a code sign-in (there is no nonce: the ticket is single use, bound to
   * this client and, for a public client, to the verifier of its S256 challenge).
   */
  async exchangeTicket(input: { ticket: string; codeVerifier?: string }): Promise<ValidatedTokens> {
    const tokens = await this.#token({
      grant_type: tokenExchangeGrant,
      subject_token: input.ticket,
      subject_token_type: ticketTokenType,
      ...(input.codeVerifier ? { code_verifier: input.codeVerifier } : {}),
    });
    if (!tokens.id_token) {
      throw new ZheliAuthError('invalid_id_token', 'The token response has no ID token', {
        reason: 'malformed',
      });
    }
    const claims = await this.validateIdToken(tokens.id_token, {});
    return { tokens, claims, idToken: tokens.id_token, expiresAt: this.#expiresAt(tokens) };
  }

  /**
   * Uses a refresh token. A new ID token, if any, passes every check and must name the same
   * `sub`; without one the previous ID token and claims stay.
   */
  async refresh(input: {
    refreshToken: string;
    previous: { idToken: string; claims: IdTokenClaims };
    scope?: string;
  }): Promise<ValidatedTokens> {
    const params: Record<string, string> = {
      grant_type: 'refresh_token',
      refresh_token: input.refreshToken,
    };
    if (input.scope) params.scope = input.scope;
    const tokens = await this.#token(params);
    if (!tokens.id_token) {
      return {
        tokens,
        claims: input.previous.claims,
        idToken: input.previous.idToken,
        expiresAt: this.#expiresAt(tokens),
      };
    }
    const claims = await this.validateIdToken(tokens.id_token, { sub: input.previous.claims.sub });
    if (claims.iss !== input.previous.claims.iss) {
      throw new ZheliAuthError('invalid_id_token', 'The refreshed ID token has another issuer', {
        reason: 'iss',
      });
    }
    return { tokens, claims, idToken: tokens.id_token, expiresAt: this.#expiresAt(tokens) };
  }

  async validateIdToken(
    token: string,
    extra: { nonce?: string; sub?: string },
  ): Promise<IdTokenClaims> {
    const metadata = await this.metadata();
    return validateIdToken(token, await this.keys(), {
      issuer: metadata.issuer,
      clientId: this.options.clientId,
      algorithms: idTokenAlgorithms(metadata),
      clockSkewSeconds: this.options.clockSkewSeconds,
      now: this.options.now,
      ...extra,
    });
  }

  /**
   * Revokes a token (RFC 7009) with the same client authentication as the token requests.
   * Resolves `false` when the provider has no revocation endpoint; throws `token_error` when it
   * refuses, as the token may then still be valid.
   */
  async revoke(
    token: string,
    tokenTypeHint: 'refresh_token' | 'access_token' = 'refresh_token',
  ): Promise<boolean> {
    const metadata = await this.metadata();
    if (!metadata.revocation_endpoint) return false;
    await revokeToken({
      ...this.#credentials(metadata),
      revocationEndpoint: metadata.revocation_endpoint,
      token,
      tokenTypeHint,
    });
    return true;
  }

  async #token(params: Record<string, string>): Promise<TokenResponse> {
    const metadata = await this.metadata();
    return requestToken({
      ...this.#credentials(metadata),
      tokenEndpoint: metadata.token_endpoint,
      params,
    });
  }

  #credentials(metadata: ProviderMetadata): ClientCredentials {
    return {
      issuer: metadata.issuer,
      clientId: this.options.clientId,
      clientAuth: this.options.clientAuth,
      fetch: this.options.fetch,
      timeoutMs: this.options.timeoutMs,
    };
  }

  #expiresAt(tokens: TokenResponse): number {
    const seconds = typeof tokens.expires_in === 'number' ? tokens.expires_in : 300;
    return Date.now() + seconds * 1000;
  }
}
