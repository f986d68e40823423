import type { Schemas } from '@zheli/contract';

/** A choice kept across a redirect sign-in (in `sessionStorage`, per service). */
export interface Kept {
  siteId: string;
  date: string;
  slotId: string;
  key: string;
  rescheduling?: Schemas['Appointment'] | undefined;
  /** Which of the service's pickers on the page kept it (see `recall`). */
  owner?: string | undefined;
}

const storagePrefix = 'zheli-appointment:';

/** A kept choice from its JSON (in `sessionStorage`, or a form's restored state), if it is one. */
export function parseKept(raw: unknown): Kept | undefined {
  try {
    // Anything but a JSON string (null, a File, FormData) fails here or below.
    const kept = JSON.parse(raw as string) as Partial<Kept> | null;
    if (
      typeof kept?.siteId !== 'string' ||
      typeof kept.date !== 'string' ||
      typeof kept.slotId !== 'string' ||
      typeof kept.key !== 'string'
    )
      return undefined;
    return kept as Kept;
  } catch {
    return undefined;
  }
}

/** Keeps `choice` (a kept choice's JSON) for the service, for the page after a redirect sign-in. */
export function keep(serviceId: string | undefined, choice: string | null): void {
  if (choice === null) return;
  try {
    sessionStorage.setItem(storagePrefix + (serviceId ?? ''), choice);
  } catch {
    // Storage may be unavailable (privacy mode): a popup sign-in still keeps the choice.
  }
}

/**
 * The choice kept for the service, if there is a valid one and `owner` kept it (or no owner was
 * recorded): of two pickers for one service on a page, only the one the person used resumes.
 */
export function recall(serviceId: string | undefined, owner?: string): Kept | undefined {
  try {
    const kept = parseKept(sessionStorage.getItem(storagePrefix + (serviceId ?? '')));
    return kept?.owner === undefined || kept.owner === owner ? kept : undefined;
  } catch {
    return undefined;
  }
}

/** Drops the choice kept for the service. */
export function forget(serviceId: string | undefined): void {
  try {
    sessionStorage.removeItem(storagePrefix + (serviceId ?? ''));
  } catch {
    // Nothing was kept.
  }
}
