// docs/elements.md "Apps: npm", with docs/auth.md's browser mode for the sign-in.
import { createAuth } from '@zheli/auth';
import { createClient } from '@zheli/client';
import { configure } from '@zheli/elements';
import '@zheli/elements/define.js';

const platform = import.meta.env.VITE_ZHELI_PLATFORM;

export const auth = createAuth({
  authority: platform,
  clientId: 'partner-app',
  redirectUri: `${location.origin}/callback`,
  postLogoutRedirectUri: `${location.origin}/`,
  scope: 'openid profile appointments codes',
});

configure({
  client: createClient({ baseUrl: platform, getAccessToken: auth.getAccessToken }),
  auth,
  locale: 'zh-CN',
  mode: 'standard',
});
