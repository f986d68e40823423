// The page of the sign-in test in `evaluation.sandbox.test.ts`: the real `@zheli/auth` (redirect
// sign-in at the sandbox's provider, client `county-site`) and the real `@zheli/client` sending
// its access token. `/callback` completes the sign-in, then shows the same element.
import { createAuth } from '@zheli/auth';
import { createClient } from '@zheli/client';
import { configure } from '../../src/internal/configure.js';
import '../../src/evaluation/define.js';

interface PageConfig {
  api: string;
  issuer: string;
  caseNumber: string;
}

const config = JSON.parse(document.getElementById('config')?.textContent ?? '{}') as PageConfig;
const auth = createAuth({
  authority: config.issuer,
  clientId: 'county-site',
  redirectUri: `${location.origin}/callback`,
  scope: 'openid evaluations',
});
const seen: { evaluated: unknown[] } = { evaluated: [] };
Object.assign(window, { seen });
document.addEventListener('zheli-evaluated', (event) =>
  seen.evaluated.push(event.detail.evaluation),
);

if (location.pathname === '/callback') {
  await auth.handleCallback();
  history.replaceState(null, '', '/');
}
configure({
  client: createClient({ baseUrl: config.api, getAccessToken: auth.getAccessToken }),
  auth,
});
const element = document.createElement('zheli-evaluation');
element.setAttribute('case-number', config.caseNumber);
document.body.append(element);
