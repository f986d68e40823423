import { ZheliAuthError } from '../core/errors.js';

const silentNamePrefix = 'zheli-auth-silent-';

/**
 * Loads the authorization URL (`prompt=none`) in a hidden iframe and resolves with the response
 * URL the relay brings back; rejects with `timeout` after `timeoutMs` (a provider that refuses
 * to be framed never answers). The frame is removed in every case.
 */
export async function runSilentFrame(
  authorizationUrl: string,
  relayed: Promise<string>,
  timeoutMs: number,
): Promise<string> {
  const frame = document.createElement('iframe');
  frame.name = `${silentNamePrefix}${crypto.randomUUID()}`;
  frame.title = 'silent sign-in';
  frame.setAttribute('aria-hidden', 'true');
  frame.style.display = 'none';
  let timeout: ReturnType<typeof setTimeout> | undefined;
  try {
    frame.src = authorizationUrl;
    document.body.appendChild(frame);
    const timedOut = new Promise<never>((_, reject) => {
      timeout = setTimeout(
        () =>
          reject(
            new ZheliAuthError(
              'timeout',
              'Silent sign-in did not complete (the provider may refuse to be framed)',
            ),
          ),
        timeoutMs,
      );
    });
    return await Promise.race([relayed, timedOut]);
  } finally {
    clearTimeout(timeout);
    frame.remove();
  }
}
