// The page the browser tests drive: a minimal partner app on @zheli/auth (bundled by esbuild).
import { type AuthOptions, type AuthUser, createAuth, isZheliAuthError } from '../../src/index.ts';

interface TestConfig {
  auth: AuthOptions;
  apiBaseUrl: string;
  /** Leave the callback to the test (which may tamper with the URL first). */
  manualCallback?: boolean;
}

interface ErrorShape {
  name: string;
  code?: string;
  reason?: string;
  message: string;
}

function shape(error: unknown): ErrorShape {
  if (isZheliAuthError(error)) {
    const out: ErrorShape = { name: error.name, code: error.code, message: error.message };
    if (error.reason) out.reason = error.reason;
    return out;
  }
  return { name: 'Error', message: String(error) };
}

/** Runs `task` and reports its value or its error as plain data for Playwright. */
async function settle<T>(
  task: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; error: ErrorShape }> {
  try {
    return { ok: true, value: await task() };
  } catch (error) {
    return { ok: false, error: shape(error) };
  }
}

const config = (await (await fetch('/config.json')).json()) as TestConfig;
const auth = createAuth(config.auth);
const events: string[] = [];
auth.on('signed-in', (e) => events.push(`signed-in:${e.source}`));
auth.on('signed-out', (e) => events.push(`signed-out:${e.source}`));
auth.on('renewed', (e) => events.push(`renewed:${e.source}`));
auth.on('session-expired', (e) => events.push(`session-expired:${e.error.code}`));

const zheli = {
  auth,
  events,
  settle,
  callback: undefined as unknown,
  async me(): Promise<{ status: number; body: unknown }> {
    const token = await auth.getAccessToken();
    const response = await fetch(`${config.apiBaseUrl}/v1/me`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    return { status: response.status, body: await response.json().catch(() => null) };
  },
  async user(): Promise<AuthUser | null> {
    return auth.getUser();
  },
  ready: false,
};
Object.assign(window, { zheli });

if (location.search.includes('popup-on-load')) {
  // Not from a click: a browser that blocks popups refuses this one.
  const fallbackToRedirect = location.search.includes('fallback');
  const result = await settle(() => auth.signIn({ popup: true, fallbackToRedirect }));
  Object.assign(zheli, { autoPopup: { result } });
}
if (location.pathname === '/callback' && !config.manualCallback) {
  zheli.callback = await settle(() => auth.handleCallback());
}
zheli.ready = true;
document.body.dataset.ready = 'true';
