// The app talks to its own backend only: `/auth/*` for the session, `/api/*` for the platform's
// Open API (the backend adds the access token). No token ever reaches this page.
import { createClient } from '@zheli/client';
import type { ZheliAuth, ZheliData, ZheliUser } from '@zheli/elements';

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

/** Who is signed in, as the elements' `ZheliAuth` reports it: `null` without a session. */
async function currentUser(): Promise<ZheliUser | null> {
  const session = await fetchSession();
  return session.signedIn && session.user ? session.user : null;
}

/** Ends the session here and at the platform. */
export async function signOut(): Promise<void> {
  const response = await fetch('/auth/logout', { method: 'POST', headers: csrf });
  const body = (await response.json().catch(() => ({}))) as { endSessionUrl?: string | null };
  location.assign(body.endSessionUrl ?? '/');
}

/**
 * Sign-in for the elements (the appointment picker's 登录 when a session ended mid-booking),
 * through the backend: `signIn` leaves for `/auth/login` and comes back to the same page, where
 * the picker restores the person's choice. Server mode always redirects (no popup), and the
 * elements never see a token.
 */
export const auth: ZheliAuth = {
  signIn: () => {
    location.assign(signInHref(location.pathname + location.search));
    return Promise.resolve();
  },
  signOut,
  getUser: currentUser,
};

/** The vehicle the next booking is for: the booking page's plate number field sets it. */
let vehicle = '';

/** Sets the plate number the picker's next booking carries as its note (`''` for none). */
export function setVehicle(plate: string): void {
  vehicle = plate.trim();
}

/**
 * What the elements read and write through: the same client (the backend's proxy, the CSRF
 * header), whose bookings carry the plate number the booking page holds as their note.
 */
export const elementsClient: ZheliData = {
  ...client,
  appointments: {
    ...client.appointments,
    book: (body, options) =>
      client.appointments.book(vehicle ? { ...body, note: vehicle } : body, options),
  },
};
