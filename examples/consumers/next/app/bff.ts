// The backend-for-frontend of docs/auth.md's server mode. ZHELI_PLATFORM is the platform's
// origin (OpenID Provider and Open API), APP_URL this app's.
import { createAuthHandler } from '@zheli/auth/server';

const platform = process.env.ZHELI_PLATFORM ?? 'http://127.0.0.1:4010';
const app = process.env.APP_URL ?? 'http://127.0.0.1:3000';

export const bff = createAuthHandler({
  authority: platform,
  clientId: 'partner-server',
  clientAuth: { method: 'client_secret_basic', clientSecret: 'sandbox-secret' },
  redirectUri: `${app}/auth/callback`,
  postLogoutRedirectUri: `${app}/`,
  scope: 'openid profile appointments codes',
  apiBaseUrl: platform,
  // The page shows the service card before anyone signs in (docs/frameworks/react-next.md).
  anonymousProxy: true,
});
