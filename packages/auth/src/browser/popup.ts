import { ZheliAuthError } from '../core/errors.js';
import { popupNamePrefix } from './relay.js';

/**
 * Opens an empty, centred sign-in popup. Must run synchronously inside the click that asked for
 * it, before any `await`, or browsers block it. Returns `null` when it was blocked.
 */
export function openPopup(): Window | null {
  const name = `${popupNamePrefix}${crypto.randomUUID()}`;
  return window.open('about:blank', name, popupFeatures());
}

/**
 * Names a window the app opened for a sign-in (`signIn({ popupWindow })`) as the popups this
 * package opens, so that its callback page knows it is one even once its opener is gone.
 */
export function adoptPopup(popup: Window): void {
  try {
    if (!popup.name.startsWith(popupNamePrefix))
      popup.name = `${popupNamePrefix}${crypto.randomUUID()}`;
  } catch {
    // Already on another origin: it keeps its name.
  }
}

/** The error `signIn({ popup: true })` rejects with when the popup was blocked. */
export function popupBlocked(): ZheliAuthError {
  return new ZheliAuthError(
    'popup_blocked',
    'The sign-in popup was blocked; call signIn() from a click, or use a redirect',
  );
}

/**
 * Sends the popup to the authorization URL and resolves with the response URL the relay
 * brings back; rejects with `popup_closed` when the user closes it (within 400 ms), `timeout`
 * after `timeoutMs`. The popup is closed in every case.
 */
export async function runPopup(
  popup: Window,
  authorizationUrl: string,
  relayed: Promise<string>,
  timeoutMs: number,
): Promise<string> {
  let closedTimer: ReturnType<typeof setInterval> | undefined;
  let timeout: ReturnType<typeof setTimeout> | undefined;
  try {
    popup.location.href = authorizationUrl;
    const closed = new Promise<never>((_, reject) => {
      // The callback page sends the response, then closes itself: on a busy device the close
      // can be seen before the response lands, so it counts once seen on two checks in a row.
      let seen = false;
      closedTimer = setInterval(() => {
        if (popup.closed && seen)
          reject(new ZheliAuthError('popup_closed', 'The sign-in popup was closed'));
        seen = popup.closed;
      }, 200);
      timeout = setTimeout(
        () => reject(new ZheliAuthError('timeout', 'The sign-in popup did not complete')),
        timeoutMs,
      );
    });
    return await Promise.race([relayed, closed]);
  } finally {
    clearInterval(closedTimer);
    clearTimeout(timeout);
  }
}

/** Closes the popup unless the user or the callback page already did. */
export function closePopup(popup: Window): void {
  if (!popup.closed) popup.close();
}

function popupFeatures(): string {
  const width = 500;
  const height = 640;
  const left = Math.max(0, (window.screenX ?? 0) + (window.outerWidth - width) / 2);
  const top = Math.max(0, (window.screenY ?? 0) + (window.outerHeight - height) / 2);
  return `popup=yes,width=${width},height=${height},left=${left},top=${top}`;
}
