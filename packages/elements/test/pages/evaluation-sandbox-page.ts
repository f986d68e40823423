// The page of `evaluation.sandbox.test.ts`: the real client from `@zheli/client` for the sandbox
// whose URL the query carries, sending the access token the query carries (none: signed out),
// and `<zheli-evaluation>` registered. Every `zheli-evaluated` and `zheli-error` is recorded.
import { createClient } from '@zheli/client';
import { configure } from '../../src/internal/configure.js';
import '../../src/evaluation/define.js';

const query = new URLSearchParams(location.search);
const api = query.get('api');
const token = query.get('token');
const seen: { evaluated: unknown[]; errors: string[] } = { evaluated: [], errors: [] };
Object.assign(window, { seen });
document.addEventListener('zheli-evaluated', (event) =>
  seen.evaluated.push(event.detail.evaluation),
);
document.addEventListener('zheli-error', (event) => seen.errors.push(String(event.detail.error)));
if (api !== null) {
  configure({
    client: createClient({
      baseUrl: api,
      ...(token === null ? {} : { getAccessToken: async () => token }),
    }),
  });
}
