import { isZheliAuthError, ZheliAuthError } from '../core/errors.js';
import { problem } from './responses.js';

/** A ticket is opaque to the partner, but never long: the sandbox's are 46 characters. */
const maxTicketLength = 2048;

/**
 * Reads the ticket of `POST <basePath>/ticket`: a form (`ticket=…`) or JSON (`{"ticket": "…"}`).
 * @throws {ZheliAuthError} `authorization_error` for a body without a ticket.
 */
export async function readTicket(request: Request): Promise<string> {
  const type = request.headers.get('content-type') ?? '';
  let ticket: unknown;
  try {
    if (/^application\/json\b/i.test(type)) {
      const body: unknown = await request.json();
      ticket = typeof body === 'object' && body !== null ? Reflect.get(body, 'ticket') : undefined;
    } else if (/^application\/x-www-form-urlencoded\b/i.test(type)) {
      ticket = new URLSearchParams(await request.text()).get('ticket');
    }
  } catch {
    ticket = undefined;
  }
  if (typeof ticket !== 'string' || ticket === '' || ticket.length > maxTicketLength) {
    throw new ZheliAuthError(
      'authorization_error',
      'POST /auth/ticket needs a ticket (form field or JSON property "ticket")',
    );
  }
  return ticket;
}

/**
 * A ticket the platform refused (unknown, used, expired, another client's) is the caller's
 * problem, not the platform's: 400 `invalid_ticket` rather than the 502 of a failing provider.
 */
export function refusedTicket(error: unknown): Response | undefined {
  if (
    isZheliAuthError(error) &&
    error.code === 'token_error' &&
    error.oauthError === 'invalid_grant'
  ) {
    return problem(
      400,
      'invalid_ticket',
      'The platform refused the ticket (unknown, used, expired or another client’s)',
    );
  }
  return undefined;
}
