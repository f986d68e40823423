// The page of `sign-in-state.sandbox.test.ts`: an app written as docs/auth.md and
// docs/elements.md show it, on the real `@zheli/auth` (redirect sign-in with the `county-site`
// client, the session in sessionStorage) and `@zheli/client`. On `/callback` it completes the
// sign-in with `handleCallback()` once the test calls `page.release()`, so the elements are
// connected, and configured, well before the sign-in completes. `<html data-order="late">`
// calls `configure()` only while the callback is under way. The sandbox's origin comes from
// `<html data-api>`; `page.reads` counts the elements' `getUser()` calls.
import { createAuth } from '@zheli/auth';
import { createClient } from '@zheli/client';
import { configure } from '../../src/internal/configure.js';
import '../../src/appointment-picker/define.js';
import '../../src/login-button/define.js';

const root = document.documentElement;
const api = root.dataset.api ?? '';
const auth = createAuth({
  authority: api,
  clientId: 'county-site',
  redirectUri: `${location.origin}/callback`,
  scope: 'openid profile offline_access appointments codes',
  storage: 'session',
});
let release: () => void = () => {};
const released = new Promise<void>((resolve) => {
  release = resolve;
});
const page = { auth, reads: 0, release, callback: 'none' };
Object.assign(window, { page });
// What the elements get: the auth as it is, its getUser() counted.
const counted = new Proxy(auth, {
  get(target, key) {
    if (key === 'getUser') {
      return () => {
        page.reads += 1;
        return target.getUser();
      };
    }
    const value: unknown = Reflect.get(target, key);
    return typeof value === 'function' ? value.bind(target) : value;
  },
});
const configureAll = () =>
  configure({
    client: createClient({ baseUrl: api, getAccessToken: auth.getAccessToken }),
    auth: counted,
  });

if (root.dataset.order === 'first') configureAll();
if (location.pathname === '/callback') {
  await released;
  const done = auth.handleCallback();
  if (root.dataset.order === 'late') configureAll();
  page.callback = (await done) === null ? 'null' : 'done';
} else if (root.dataset.order === 'late') {
  configureAll();
}
