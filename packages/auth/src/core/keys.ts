import { createLocalJWKSet, type JSONWebKeySet, type JWSHeaderParameters } from 'jose';
import { JWKSNoMatchingKey } from 'jose/errors';
import { ZheliAuthError } from './errors.js';
import { type FetchLike, fetchWithTimeout, readJsonObject } from './http.js';

type KeyResolver = ReturnType<typeof createLocalJWKSet>;

/**
 * The issuer's signing keys (its JWKS), cached. A token signed with a `kid` the cache does not
 * hold refetches the JWKS once for that token (key rotation); a second miss is a bad token.
 */
export class IssuerKeys {
  #jwksUri: string;
  #fetch: FetchLike;
  #timeoutMs: number;
  #resolver: KeyResolver | undefined;
  #loading: Promise<KeyResolver> | undefined;
  /** How many times the JWKS was fetched (diagnostics and tests). */
  fetchCount = 0;

  constructor(jwksUri: string, fetchFn: FetchLike, timeoutMs: number) {
    this.#jwksUri = jwksUri;
    this.#fetch = fetchFn;
    this.#timeoutMs = timeoutMs;
  }

  /** A jose key function for `jwtVerify` that allows one refetch per call of `forToken()`. */
  forToken(): (header: JWSHeaderParameters) => Promise<CryptoKey> {
    let refetched = false;
    return async (header) => {
      const resolver = this.#resolver ?? (await this.#load());
      try {
        return await resolve(resolver, header);
      } catch (error) {
        if (!(error instanceof JWKSNoMatchingKey) || refetched) throw error;
        refetched = true;
        return resolve(await this.#load(), header);
      }
    };
  }

  #load(): Promise<KeyResolver> {
    this.#loading ??= this.#fetchKeys().finally(() => {
      this.#loading = undefined;
    });
    return this.#loading;
  }

  async #fetchKeys(): Promise<KeyResolver> {
    this.fetchCount += 1;
    const response = await fetchWithTimeout(
      this.#fetch,
      this.#jwksUri,
      { headers: { accept: 'application/json, application/jwk-set+json' } },
      this.#timeoutMs,
    );
    const body = response.ok ? await readJsonObject(response) : null;
    if (!body || !Array.isArray(body.keys)) {
      throw new ZheliAuthError(
        'discovery_failed',
        `The issuer's keys could not be loaded (${response.status}): GET ${this.#jwksUri}`,
        { status: response.status },
      );
    }
    this.#resolver = createLocalJWKSet(body as unknown as JSONWebKeySet);
    return this.#resolver;
  }
}

async function resolve(resolver: KeyResolver, header: JWSHeaderParameters): Promise<CryptoKey> {
  // jose types the resolver with the flattened token too; only the header matters for JWKS.
  return resolver(header, { payload: '', signature: '' } as never) as Promise<CryptoKey>;
}
