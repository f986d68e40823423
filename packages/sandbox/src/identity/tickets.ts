// One-time single-sign-on tickets, as the platform's app hands them to a partner page it opens:
// issued for a persona and a client (a sandbox control, standing in for the app), redeemed once
// at the token endpoint as an OAuth 2.0 Token Exchange (RFC 8693), expired after a minute on the
// sandbox's clock, bound to the client and, for public clients, to a PKCE-style S256 challenge.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import { errors, type KoaContextWithOIDC } from 'oidc-provider';
import { controlProblem, refuseControlWrite, sandboxControlHeader } from '../controls.js';
import type { Persona, RegisteredClient } from '../personas.js';
import { apiScopes, personaClaims, supportedScopes } from './claims.js';
import { fromLoopback, readBody, sendJson, sendProblem } from './http.js';

/** The path of the sandbox control that issues tickets (what the app does for a page). */
export const ticketsPath = '/__sandbox/tickets';
/** RFC 8693's grant type, which redeems a ticket at the token endpoint. */
export const tokenExchangeGrant = 'urn:ietf:params:oauth:grant-type:token-exchange';
/** The `subject_token_type` of a platform ticket. */
export const ticketTokenType = 'urn:zheli:params:oauth:token-type:ticket';
/** Seconds a ticket lives. */
const ticketTtl = 60;

interface Ticket {
  sub: string;
  clientId: string;
  scope: string[];
  codeChallenge: string | undefined;
  /** Milliseconds on the sandbox clock. */
  expiresAt: number;
}

export interface TicketBook {
  issue(input: Omit<Ticket, 'expiresAt'>): { ticket: string; expiresIn: number };
  /** Takes a ticket out of the book: whatever the redemption's outcome, it is used up. */
  take(ticket: string): Ticket | undefined;
}

export function createTicketBook(now: () => Date): TicketBook {
  const tickets = new Map<string, Ticket>();
  return {
    issue(input) {
      const at = now().getTime();
      for (const [key, entry] of tickets) if (entry.expiresAt <= at) tickets.delete(key);
      const ticket = `zt_${randomBytes(24).toString('base64url')}`;
      tickets.set(ticket, { ...input, expiresAt: at + ticketTtl * 1000 });
      return { ticket, expiresIn: ticketTtl };
    },
    take(ticket) {
      const entry = tickets.get(ticket);
      tickets.delete(ticket);
      return entry;
    },
  };
}

interface TicketControlOptions {
  book: TicketBook;
  personas: ReadonlyMap<string, Persona>;
  clients: ReadonlyMap<string, RegisteredClient>;
}

/**
 * `POST /__sandbox/tickets` with `{ "persona", "client_id", "scope"?, "code_challenge"?,
 * "code_challenge_method"?: "S256" }`: a ticket for that persona and client. Loopback only, JSON
 * and `X-Zheli-Sandbox: 1` like the fault switches. A public client's ticket needs a challenge.
 */
export async function ticketControl(
  req: IncomingMessage,
  res: ServerResponse,
  options: TicketControlOptions,
): Promise<void> {
  if (!fromLoopback(req)) {
    sendProblem(res, 403, 'Sandbox controls are open only on loopback');
    return;
  }
  if (req.method !== 'POST') {
    res.writeHead(405, { allow: 'POST' }).end();
    return;
  }
  const marker = req.headers[sandboxControlHeader.toLowerCase()];
  const refusal = refuseControlWrite(
    'POST',
    req.headers['content-type'],
    Array.isArray(marker) ? marker.join(',') : marker,
  );
  if (refusal) {
    sendJson(res, refusal.status, controlProblem(refusal, ticketsPath), 'application/problem+json');
    return;
  }
  let body: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(await readBody(req));
    if (typeof parsed !== 'object' || parsed === null) throw new TypeError('not an object');
    body = parsed as Record<string, unknown>;
  } catch {
    sendProblem(res, 400, 'Body must be JSON: {"persona": "...", "client_id": "..."}');
    return;
  }
  const persona = typeof body.persona === 'string' ? options.personas.get(body.persona) : undefined;
  if (!persona) {
    sendProblem(res, 400, 'Unknown persona', `No persona "${String(body.persona)}"`);
    return;
  }
  const client =
    typeof body.client_id === 'string' ? options.clients.get(body.client_id) : undefined;
  if (!client) {
    sendProblem(res, 400, 'Unknown client', `No registered client "${String(body.client_id)}"`);
    return;
  }
  const allowed = client.scope.split(' ');
  const scope = typeof body.scope === 'string' ? body.scope.split(' ').filter(Boolean) : allowed;
  const refused = scope.filter(
    (s) => !allowed.includes(s) || !(supportedScopes as readonly string[]).includes(s),
  );
  if (!scope.includes('openid') || refused.length > 0) {
    sendProblem(
      res,
      400,
      'Invalid scope',
      refused.length > 0
        ? `Client ${client.client_id} may not ask for: ${refused.join(' ')}`
        : 'A ticket signs a person in: its scope must hold "openid"',
    );
    return;
  }
  const challenge = body.code_challenge;
  if (challenge !== undefined) {
    if (typeof challenge !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(challenge)) {
      sendProblem(res, 400, 'Invalid code_challenge', 'An S256 challenge: 43 base64url characters');
      return;
    }
    if ((body.code_challenge_method ?? 'S256') !== 'S256') {
      sendProblem(res, 400, 'Invalid code_challenge_method', 'Only S256');
      return;
    }
  } else if (client.token_endpoint_auth_method === 'none') {
    sendProblem(
      res,
      400,
      'code_challenge required',
      `Client ${client.client_id} is public: its ticket must be bound to an S256 code_challenge`,
    );
    return;
  }
  const issued = options.book.issue({
    sub: persona.sub,
    clientId: client.client_id,
    scope,
    codeChallenge: typeof challenge === 'string' ? challenge : undefined,
  });
  sendJson(res, 201, {
    ticket: issued.ticket,
    expires_in: issued.expiresIn,
    client_id: client.client_id,
    sub: persona.sub,
  });
}

interface TicketGrantOptions {
  book: TicketBook;
  personas: ReadonlyMap<string, Persona>;
  apiResource: string;
  /** The resource server's settings, as for a code sign-in. */
  resourceServer: ConstructorParameters<Provider['ResourceServer']>[1];
  now: () => Date;
}

function verifierMatches(verifier: unknown, challenge: string): boolean {
  if (typeof verifier !== 'string' || !/^[A-Za-z0-9._~-]{43,128}$/.test(verifier)) return false;
  const computed = Buffer.from(createHash('sha256').update(verifier).digest('base64url'));
  const expected = Buffer.from(challenge);
  return computed.length === expected.length && timingSafeEqual(computed, expected);
}

/** The parameters the token exchange grant reads (besides `grant_type` and client authentication). */
export const ticketGrantParameters = [
  'subject_token',
  'subject_token_type',
  'code_verifier',
  'requested_token_type',
];

/**
 * The token exchange grant handler for `provider.registerGrantType`: redeems a ticket for the
 * same tokens as a code sign-in (an ID token with the persona's masked claims for the ticket's
 * scopes, a JWT access token for the Open API, and a refresh token with `offline_access`).
 */
export function ticketGrant(options: TicketGrantOptions) {
  return async function redeemTicket(ctx: KoaContextWithOIDC): Promise<void> {
    const { provider, client } = ctx.oidc;
    const params = ctx.oidc.params ?? {};
    if (!client) throw new errors.InvalidClient('client authentication failed');
    if (typeof params.subject_token !== 'string' || params.subject_token === '') {
      throw new errors.InvalidRequest('missing required parameter subject_token');
    }
    if (params.subject_token_type !== ticketTokenType) {
      throw new errors.InvalidRequest(`subject_token_type must be ${ticketTokenType}`);
    }
    const requested = params.requested_token_type;
    if (requested !== undefined && requested !== 'urn:ietf:params:oauth:token-type:access_token') {
      throw new errors.InvalidRequest('only access tokens are issued for a ticket');
    }
    const ticket = options.book.take(params.subject_token);
    if (!ticket) throw new errors.InvalidGrant('ticket unknown or already redeemed');
    if (ticket.expiresAt <= options.now().getTime()) {
      throw new errors.InvalidGrant('ticket expired');
    }
    if (ticket.clientId !== client.clientId) {
      throw new errors.InvalidGrant('ticket was issued to another client');
    }
    if (ticket.codeChallenge !== undefined) {
      if (!verifierMatches(params.code_verifier, ticket.codeChallenge)) {
        throw new errors.InvalidGrant('code_verifier does not match the ticket’s code_challenge');
      }
    } else if (client.clientAuthMethod === 'none') {
      throw new errors.InvalidGrant('a public client’s ticket must be bound to a code_challenge');
    }
    const persona = options.personas.get(ticket.sub);
    if (!persona) throw new errors.InvalidGrant('the ticket’s person no longer exists');

    const resourceScopes = ticket.scope.filter((s) => (apiScopes as readonly string[]).includes(s));
    const grant = new provider.Grant({ accountId: ticket.sub, clientId: client.clientId });
    grant.addOIDCScope(ticket.scope.join(' '));
    if (resourceScopes.length > 0) {
      grant.addResourceScope(options.apiResource, resourceScopes.join(' '));
    }
    const grantId = await grant.save();
    ctx.oidc.entity('Grant', grant);

    const gty = 'token_exchange';
    const at = new provider.AccessToken({
      accountId: ticket.sub,
      client,
      grantId,
      gty,
      scope: resourceScopes.join(' '),
    });
    at.resourceServer = new provider.ResourceServer(options.apiResource, options.resourceServer);
    const accessToken = await at.save();

    let refreshToken: string | undefined;
    if (ticket.scope.includes('offline_access') && client.grantTypeAllowed('refresh_token')) {
      const rt = new provider.RefreshToken({
        accountId: ticket.sub,
        client,
        grantId,
        gty,
        scope: ticket.scope.join(' '),
        resource: options.apiResource,
        rotations: 0,
        authTime: Math.floor(options.now().getTime() / 1000),
      });
      refreshToken = await rt.save();
    }

    const idToken = new provider.IdToken(
      { ...personaClaims(persona), sub: ticket.sub },
      { ctx, client },
    );
    // The scopes whose claims the token releases (oidc-provider reads `scope`, its typings
    // do not declare it).
    Object.assign(idToken, { scope: ticket.scope.join(' ') });
    idToken.set('auth_time', Math.floor(options.now().getTime() / 1000));
    ctx.body = {
      access_token: accessToken,
      issued_token_type: 'urn:ietf:params:oauth:token-type:access_token',
      token_type: 'Bearer',
      expires_in: at.expiration,
      id_token: await idToken.issue({ use: 'idtoken' }),
      ...(refreshToken ? { refresh_token: refreshToken } : {}),
      scope: ticket.scope.join(' '),
    };
  };
}
