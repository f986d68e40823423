// The page of `appointment-picker.sandbox.test.ts`: an app on npm packages as the docs show it,
// `@zheli/auth` (redirect sign-in with the `county-site` client) and `@zheli/client` carrying its
// token, configured with `configure()`. The sandbox's origin comes from `<html data-api>`.
import { createAuth } from '@zheli/auth';
import { createClient } from '@zheli/client';
import { configure } from '../../src/internal/configure.js';
import '../../src/appointment-picker/define.js';

const root = document.documentElement;
const api = root.dataset.api ?? '';
const auth = createAuth({
  authority: api,
  clientId: 'county-site',
  redirectUri: `${location.origin}/callback`,
  scope: 'openid profile appointments codes',
});
if (new URLSearchParams(location.search).has('code')) await auth.handleCallback();
configure({ client: createClient({ baseUrl: api, getAccessToken: auth.getAccessToken }), auth });
root.dataset.ready = 'true';
