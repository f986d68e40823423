import { randomToken, sha256 } from '../core/encoding.js';
import type { Provider } from '../core/provider.js';
import { toSession } from './session-store.js';
import type { StoredSession } from './types.js';

/** What a ticket is bound to: this client and an S256 challenge whose verifier only we hold. */
export interface TicketBinding {
  /** This app's `client_id` at the platform: only this client can redeem the ticket. */
  clientId: string;
  /**
   * The S256 challenge (base64url SHA-256 of a fresh random verifier) the ticket is bound to; the
   * verifier goes with the ticket to the token endpoint, so a ticket read on the way is useless.
   */
  codeChallenge: string;
}

/**
 * Asks the platform's app for a one-time ticket bound to `binding`, e.g. with `@zheli/bridge`:
 * `(binding) => bridge.getTicket(binding)`.
 */
export type TicketSource = (binding: TicketBinding) => Promise<string>;

/**
 * A ticket sign-in (browser mode): a fresh PKCE-style verifier, a ticket bound to its challenge,
 * redeemed at the token endpoint as a token exchange, the ID token checked as for a code
 * sign-in. Only a session that passed every check is returned.
 */
export async function redeemTicket(
  provider: Provider,
  clientId: string,
  getTicket: TicketSource,
): Promise<StoredSession> {
  const codeVerifier = randomToken();
  const ticket = await getTicket({ clientId, codeChallenge: await sha256(codeVerifier) });
  const validated = await provider.exchangeTicket({ ticket, codeVerifier });
  return toSession(validated, undefined);
}
