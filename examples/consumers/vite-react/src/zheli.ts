// The platform set up once, at module top, as docs/react.md and docs/auth.md's browser mode show.
import { createAuth } from '@zheli/auth';
import { createClient } from '@zheli/client';
import { configure } from '@zheli/elements';

export const auth = createAuth({
  authority: import.meta.env.VITE_ZHELI_AUTHORITY,
  clientId: 'partner-app',
  redirectUri: `${location.origin}/callback`,
  postLogoutRedirectUri: `${location.origin}/`,
  scope: 'openid profile appointments codes',
});

configure({
  client: createClient({ baseUrl: '/api', getAccessToken: auth.getAccessToken }),
  auth,
  locale: 'zh-CN',
});
