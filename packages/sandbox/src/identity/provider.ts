// The OpenID provider (oidc-provider): longer than 400 lines because its configuration and the
// middleware that applies the OIDC faults close over the same options (clients, keys, personas,
// the fault registries); the claims, keys, login pages, tickets and faults are modules apart.
import type { IncomingMessage, ServerResponse } from 'node:http';
import Provider, {
  type ClientMetadata,
  type Configuration,
  errors,
  type KoaContextWithOIDC,
} from 'oidc-provider';
import type { Logger } from '../logger.js';
import type { Persona, RegisteredClient } from '../personas.js';
import type { ProviderStore } from './adapter.js';
import { apiScopes, personaClaims, scopeClaims, supportedScopes } from './claims.js';
import {
  type IdTokenFaultKind,
  isAuthorizationFaultKind,
  isIdTokenFaultKind,
  isOidcFaultKind,
  type OidcFaultRegistry,
  tamperIdToken,
  wrongIssuer,
} from './faults.js';
import { pageHeaders } from './http.js';
import type { KeyRing } from './keys.js';
import { loopbackRedirectAllowed, originAllowed } from './loopback.js';
import { errorPage, loggedOutPage, logoutPage, pickLanguage } from './pages.js';
import {
  type TicketBook,
  ticketGrant,
  ticketGrantParameters,
  tokenExchangeGrant,
} from './tickets.js';

/** Access tokens live 15 minutes; the client renews them with its refresh token. */
export const accessTokenTtl = 15 * 60;
/** A grant (and every refresh token of it) lives 14 days from the sign-in, rotations included. */
const grantTtl = 14 * 24 * 60 * 60;
/** Sessions at the provider live as long as grants. */
const sessionTtl = grantTtl;

export interface ProviderOptions {
  issuer: string;
  apiResource: string;
  personas: ReadonlyMap<string, Persona>;
  clients: readonly RegisteredClient[];
  ring: KeyRing;
  store: ProviderStore;
  faults: OidcFaultRegistry;
  /** Per-flow ID token faults (`zheli_fault`), by authorization code and then by grant. */
  codeFaults: Map<string, { kind: IdTokenFaultKind; at: number }>;
  grantFaults: Map<string, IdTokenFaultKind>;
  logger: Logger;
  now: () => Date;
  /** The one-time sign-in tickets the token exchange grant redeems. */
  tickets: TicketBook;
}

export interface ProviderHandle {
  provider: Provider;
  callback(req: IncomingMessage, res: ServerResponse): void;
  mintAccessToken(
    sub: string,
    clientId: string,
    scope: string[],
    expiresIn: number,
  ): Promise<string>;
}

const routes = {
  authorization: '/oidc/auth',
  backchannel_authentication: '/oidc/backchannel',
  code_verification: '/oidc/device',
  challenge: '/oidc/challenge',
  device_authorization: '/oidc/device/auth',
  end_session: '/oidc/session/end',
  introspection: '/oidc/token/introspection',
  jwks: '/oidc/jwks',
  pushed_authorization_request: '/oidc/request',
  registration: '/oidc/reg',
  revocation: '/oidc/token/revocation',
  token: '/oidc/token',
  userinfo: '/oidc/me',
  credential: '/oidc/credential',
};

function clientMetadata(client: RegisteredClient): ClientMetadata {
  return {
    client_id: client.client_id,
    client_name: client.client_name,
    token_endpoint_auth_method: client.token_endpoint_auth_method,
    ...(client.client_secret ? { client_secret: client.client_secret } : {}),
    ...(client.jwks ? { jwks: client.jwks as ClientMetadata['jwks'] } : {}),
    redirect_uris: client.redirect_uris,
    post_logout_redirect_uris: client.post_logout_redirect_uris ?? [],
    // Every client may redeem a platform ticket (tickets.ts): a public client only with the
    // ticket's code verifier, a confidential one with its credentials.
    grant_types: [...client.grant_types, tokenExchangeGrant],
    response_types: client.response_types as ClientMetadata['response_types'],
    scope: client.scope,
  };
}

function resourceServer(apiResource: string) {
  return {
    scope: apiScopes.join(' '),
    audience: apiResource,
    accessTokenTTL: accessTokenTtl,
    accessTokenFormat: 'jwt' as const,
    jwt: { sign: { alg: 'ES256' as const } },
  };
}

function languageOf(ctx: KoaContextWithOIDC): 'zh-CN' | 'en' {
  const uiLocales = ctx.oidc?.params?.ui_locales;
  return pickLanguage(
    undefined,
    typeof uiLocales === 'string' ? uiLocales : undefined,
    ctx.get('accept-language'),
  );
}

function setPageHeaders(ctx: KoaContextWithOIDC, formTargets: string[] = []) {
  for (const [name, value] of Object.entries(pageHeaders(formTargets))) ctx.set(name, value);
}

const codeFaultLifetimeMs = 10 * 60 * 1000;

/**
 * Builds the oidc-provider instance. Called again after a key rotation (the key set is fixed
 * at construction); sessions, grants and tokens live in the shared store, so nothing is lost.
 */
export function buildProvider(options: ProviderOptions): ProviderHandle {
  const { issuer, apiResource, personas, ring, store, faults, codeFaults, grantFaults, logger } =
    options;

  const configuration: Configuration = {
    adapter: store.factory,
    clients: options.clients.map(clientMetadata),
    clientDefaults: {
      grant_types: ['authorization_code'],
      id_token_signed_response_alg: 'ES256',
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    },
    clientAuthMethods: ['none', 'client_secret_basic', 'client_secret_post', 'private_key_jwt'],
    jwks: { keys: ring.keys() },
    cookies: {
      keys: ring.cookieKeys(),
      names: {
        session: '_zheli_session',
        interaction: '_zheli_interaction',
        resume: '_zheli_interaction_resume',
      },
    },
    scopes: [...supportedScopes],
    claims: Object.fromEntries(
      Object.entries(scopeClaims).map(([scope, claims]) => [scope, [...claims]]),
    ),
    // Put the granted scopes' (masked) claims in the ID token too, so an app needs no userinfo
    // call. The access tokens are JWTs for the Open API, which oidc-provider's userinfo refuses;
    // identity/index.ts answers userinfo for them itself.
    conformIdTokenClaims: false,
    responseTypes: ['code'],
    pkce: { required: () => true },
    enabledJWA: {
      idTokenSigningAlgValues: ['ES256', 'RS256'],
      userinfoSigningAlgValues: ['ES256', 'RS256'],
      authorizationSigningAlgValues: ['ES256', 'RS256'],
      introspectionSigningAlgValues: ['ES256', 'RS256'],
    },
    routes,
    extraParams: {
      // The style of the sign-in and consent pages: `elder` for elder mode (适老化).
      _uiStyle(_ctx, value) {
        if (value !== undefined && value !== 'elder' && value !== 'standard') {
          throw new errors.InvalidRequest(`unknown _uiStyle "${String(value)}"`);
        }
      },
      zheli_fault(_ctx, value) {
        if (value !== undefined && !isOidcFaultKind(value)) {
          throw new errors.InvalidRequest(`unknown zheli_fault "${String(value)}"`);
        }
      },
    },
    features: {
      devInteractions: { enabled: false },
      // oidc-provider 9 turns DPoP on by default, but the Open API checks no DPoP proof: a
      // DPoP-bound token would be a Bearer token in disguise. Tokens are Bearer, and DPoP is
      // not advertised, until the API verifies proofs and cnf.jkt (RFC 9449).
      dPoP: { enabled: false },
      revocation: {
        enabled: true,
        allowedPolicy: async (_ctx, client, token) => token.clientId === client.clientId,
      },
      userinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        async logoutSource(ctx, form) {
          const target = ctx.oidc.params?.post_logout_redirect_uri;
          const origin = typeof target === 'string' ? URL.parse(target)?.origin : undefined;
          setPageHeaders(ctx, origin ? [origin] : []);
          ctx.body = logoutPage(languageOf(ctx), ctx.host, form);
        },
        async postLogoutSuccessSource(ctx) {
          setPageHeaders(ctx);
          ctx.body = loggedOutPage(languageOf(ctx));
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: async () => apiResource,
        useGrantedResource: async () => true,
        async getResourceServerInfo(_ctx, resource) {
          if (resource !== apiResource) throw new errors.InvalidTarget();
          return resourceServer(apiResource);
        },
      },
    },
    async findAccount(_ctx, sub) {
      const persona = personas.get(sub);
      if (!persona) return undefined;
      return { accountId: sub, claims: async () => ({ ...personaClaims(persona), sub }) };
    },
    interactions: { url: async (_ctx, interaction) => `/interaction/${interaction.uid}` },
    rotateRefreshToken: () => true,
    ttl: {
      AccessToken: (_ctx, token) => token.resourceServer?.accessTokenTTL ?? accessTokenTtl,
      AuthorizationCode: 60,
      IdToken: 60 * 60,
      Interaction: 60 * 60,
      Session: sessionTtl,
      Grant: grantTtl,
      // Rotation must never extend a sign-in (security.md): every refresh token, the first and
      // each rotated one, ends when the grant it belongs to ends.
      RefreshToken(ctx) {
        const grantExp = ctx?.oidc?.entities.Grant?.exp;
        const remaining =
          typeof grantExp === 'number' ? grantExp - Math.floor(Date.now() / 1000) : grantTtl;
        return Math.max(1, Math.min(grantTtl, remaining));
      },
    },
    clientBasedCORS(_ctx, origin, client) {
      return originAllowed(origin, [
        ...(client.redirectUris ?? []),
        ...(client.postLogoutRedirectUris ?? []),
      ]);
    },
    async renderError(ctx, out) {
      setPageHeaders(ctx);
      ctx.type = 'html';
      ctx.body = errorPage(languageOf(ctx), String(out.error), out.error_description);
    },
  };

  const provider = new Provider(issuer, configuration);
  provider.registerGrantType(
    tokenExchangeGrant,
    ticketGrant({
      book: options.tickets,
      personas,
      apiResource,
      resourceServer: resourceServer(apiResource),
      now: options.now,
    }),
    ticketGrantParameters,
  );

  // Loopback redirect URIs registered without a port match any port (RFC 8252 §7.3).
  const clientPrototype = provider.Client.prototype as unknown as {
    redirectUriAllowed(this: ClientLike, value: string): boolean;
    postLogoutRedirectUriAllowed(this: ClientLike, value: string): boolean;
  };
  const redirectUriAllowed = clientPrototype.redirectUriAllowed;
  const postLogoutRedirectUriAllowed = clientPrototype.postLogoutRedirectUriAllowed;
  clientPrototype.redirectUriAllowed = function (value) {
    return (
      redirectUriAllowed.call(this, value) ||
      loopbackRedirectAllowed(value, this.redirectUris ?? [])
    );
  };
  clientPrototype.postLogoutRedirectUriAllowed = function (value) {
    return (
      postLogoutRedirectUriAllowed.call(this, value) ||
      loopbackRedirectAllowed(value, this.postLogoutRedirectUris ?? [])
    );
  };

  provider.on('server_error', (_ctx: unknown, err: unknown) => {
    logger.error({ err }, 'oidc-provider server error');
  });

  provider.use(async (ctx, next) => {
    await next();
    const route = (ctx as KoaContextWithOIDC).oidc?.route;
    if (route === 'authorization' || route === 'resume') {
      await authorizationFault(ctx as KoaContextWithOIDC);
    } else if (route === 'token') {
      await idTokenFault(ctx as KoaContextWithOIDC);
    }
  });

  /** Turns a successful authorization response into the defect a fault names. */
  async function authorizationFault(ctx: KoaContextWithOIDC): Promise<void> {
    const location = ctx.response.get('location');
    const redirectUri = ctx.oidc.params?.redirect_uri;
    if (!location || typeof redirectUri !== 'string') return;
    const target = URL.parse(location);
    const registered = URL.parse(redirectUri);
    if (!target || !registered || target.origin !== registered.origin) return;
    if (target.pathname !== registered.pathname) return;
    const inFragment = target.hash.length > 1;
    const params = new URLSearchParams(inFragment ? target.hash.slice(1) : target.search);
    const code = params.get('code');
    if (!code) return;

    const requested = ctx.oidc.params?.zheli_fault;
    if (isIdTokenFaultKind(requested)) {
      for (const [key, entry] of codeFaults) {
        if (Date.now() - entry.at > codeFaultLifetimeMs) codeFaults.delete(key);
      }
      codeFaults.set(code, { kind: requested, at: Date.now() });
      return;
    }
    const kind = isAuthorizationFaultKind(requested)
      ? requested
      : requested === undefined
        ? faults.take(isAuthorizationFaultKind)
        : undefined;
    if (!kind) return;

    let rewritten: URLSearchParams;
    if (kind === 'iss_param_wrong') {
      rewritten = new URLSearchParams(params);
      rewritten.set('iss', wrongIssuer);
    } else if (kind === 'iss_param_missing') {
      rewritten = new URLSearchParams(params);
      rewritten.delete('iss');
    } else {
      // access_denied: the code was never delivered; destroy it so it cannot be redeemed.
      const issued = await ctx.oidc.provider.AuthorizationCode.find(code);
      await issued?.destroy();
      rewritten = new URLSearchParams({
        error: 'access_denied',
        error_description: 'End-User denied the request (sandbox fault)',
      });
      const state = params.get('state');
      if (state !== null) rewritten.set('state', state);
      const iss = params.get('iss');
      if (iss !== null) rewritten.set('iss', iss);
    }
    if (inFragment) target.hash = rewritten.toString();
    else target.search = rewritten.toString();
    ctx.redirect(target.href);
    logger.info({ kind }, 'OIDC fault applied to the authorization response');
  }

  /** Tampers with the ID token of a token response when a fault says so. */
  async function idTokenFault(ctx: KoaContextWithOIDC): Promise<void> {
    const body = ctx.body as { id_token?: unknown } | undefined;
    if (ctx.status !== 200 || typeof body?.id_token !== 'string') return;
    const grantType = ctx.oidc.params?.grant_type;
    const grantId = ctx.oidc.entities.Grant?.jti;
    let kind: IdTokenFaultKind | undefined;
    if (grantType === 'authorization_code') {
      const code = String(ctx.oidc.params?.code);
      const requested = codeFaults.get(code)?.kind;
      codeFaults.delete(code);
      if (requested === 'id_token_other_sub') {
        // Applies to the ID token of the next refresh of this grant.
        if (grantId) grantFaults.set(grantId, requested);
        return;
      }
      kind =
        requested ??
        faults.take(
          (candidate): candidate is IdTokenFaultKind =>
            isIdTokenFaultKind(candidate) && candidate !== 'id_token_other_sub',
        );
    } else if (grantType === 'refresh_token') {
      const requested = grantId ? grantFaults.get(grantId) : undefined;
      if (grantId) grantFaults.delete(grantId);
      kind = requested ?? faults.take(isIdTokenFaultKind);
    }
    if (!kind) return;
    const sub = ctx.oidc.entities.Account?.accountId;
    const otherSub = [...personas.keys()].find((candidate) => candidate !== sub) ?? `${sub}-other`;
    body.id_token = await tamperIdToken(kind, body.id_token, {
      keys: ring.keys(),
      otherSub,
      now: Math.floor(options.now().getTime() / 1000),
    });
    logger.info({ kind }, 'OIDC fault applied to the ID token');
  }

  const callback = provider.callback();

  return {
    provider,
    callback: (req, res) => {
      callback(req, res);
    },
    async mintAccessToken(sub, clientId, scope, expiresIn) {
      const client = await provider.Client.find(clientId);
      if (!client) throw new Error(`mintAccessToken: no registered client "${clientId}"`);
      // JWT access tokens are not stored and carry no grant id, so a minted token needs no
      // grant; the typings ask for one, the runtime does not.
      const token = new provider.AccessToken({
        accountId: sub,
        client,
        grantId: undefined as unknown as string,
        scope: scope.join(' '),
        gty: 'sandbox_mint',
        expiresIn,
      });
      token.resourceServer = new provider.ResourceServer(apiResource, resourceServer(apiResource));
      return token.save();
    },
  };
}

interface ClientLike {
  redirectUris?: string[];
  postLogoutRedirectUris?: string[];
}
