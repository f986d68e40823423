// The app talks to its own backend only: `/auth/*` for the session, `/api/*` for the platform's
// Open API (the backend adds the access token). No token ever reaches this page.
import { createClient } from '@zheli/client';

/** The inspection service of Anji county that the app books. */
export const inspectionService = 'svc-330523-vehicle-inspection-booking';
export const anjiRegion = '330523';

const csrf = { 'x-zheli-csrf': '1' };

/** The platform's API through the backend's proxy; writes carry the CSRF header. */
export const client = createClient({
  baseUrl: `${location.origin}/api`,
  headers: csrf,
  locale: 'zh-CN',
});

export interface Session {
  signedIn: boolean;
  user?: { sub: string; claims: { name?: string; [claim: string]: unknown } };
  expiresAt?: number;
}

export async function fetchSession(): Promise<Session> {
  const response = await fetch('/auth/session', { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`会话查询失败（${response.status}）`);
  return (await response.json()) as Session;
}

/** Where a sign-in starts: the backend redirects to the platform's sign-in page. */
export function signInHref(returnTo: string): string {
  return `/auth/login?returnTo=${encodeURIComponent(returnTo)}`;
}

/** Ends the session here and at the platform. */
export async function signOut(): Promise<void> {
  const response = await fetch('/auth/logout', { method: 'POST', headers: csrf });
  const body = (await response.json().catch(() => ({}))) as { endSessionUrl?: string | null };
  location.assign(body.endSessionUrl ?? '/');
}
