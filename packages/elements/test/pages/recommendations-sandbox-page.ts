// The page of `recommendations.sandbox.test.ts`: the real client from `@zheli/client` for the
// sandbox whose URL the query carries, sending the access token the query carries (none: signed
// out), and `<zheli-recommendations>` registered. Every `zheli-recommendation-start` is recorded
// (and cancelled, so the page stays).
import { createClient } from '@zheli/client';
import { configure } from '../../src/internal/configure.js';
import '../../src/recommendations/define.js';

const query = new URLSearchParams(location.search);
const api = query.get('api');
const token = query.get('token');
const seen: { started: { id: string; href: string }[] } = { started: [] };
Object.assign(window, { seen });
document.addEventListener('zheli-recommendation-start', (event) => {
  event.preventDefault();
  seen.started.push({ id: event.detail.recommendation.id, href: event.detail.href });
});
if (api !== null) {
  configure({
    client: createClient({
      baseUrl: api,
      ...(token === null ? {} : { getAccessToken: async () => token }),
    }),
    portalUrl: 'https://portal.test',
  });
}
