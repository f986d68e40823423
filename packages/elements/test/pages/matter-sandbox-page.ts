// The page of `matter.sandbox.test.ts`: the real client from `@zheli/client` for the sandbox
// whose URL the query carries, sending the access token the query carries (none: signed out), and
// `<zheli-matter>` registered. Every `zheli-matter-submitted` is recorded.
import { createClient } from '@zheli/client';
import { configure } from '../../src/internal/configure.js';
import '../../src/matter/define.js';

const query = new URLSearchParams(location.search);
const api = query.get('api');
const token = query.get('token');
const seen: { submitted: string[] } = { submitted: [] };
Object.assign(window, { seen });
document.addEventListener('zheli-matter-submitted', (event) => {
  seen.submitted.push(event.detail.application.id);
});
if (api !== null) {
  configure({
    client: createClient({
      baseUrl: api,
      ...(token === null ? {} : { getAccessToken: async () => token }),
    }),
  });
}
