// The page of `points.sandbox.test.ts`: the real client from `@zheli/client` for the sandbox whose
// URL the query carries, sending the access token the query carries (none: signed out), and
// `<zheli-points>` registered through its define entry (which loads `<zheli-qr-code>` only when a
// reward is redeemed). Every `zheli-points-redeemed` is recorded.
import { createClient, verifyCode } from '@zheli/client';
import { configure } from '../../src/internal/configure.js';
import '../../src/points/define.js';

const query = new URLSearchParams(location.search);
const api = query.get('api');
const token = query.get('token');
const seen: { redeemed: { id: string; token: string }[] } = { redeemed: [] };
document.addEventListener('zheli-points-redeemed', (event) => {
  seen.redeemed.push({ id: event.detail.redemption.id, token: event.detail.redemption.code.token });
});
if (api !== null) {
  const client = createClient({
    baseUrl: api,
    ...(token === null ? {} : { getAccessToken: async () => token }),
  });
  configure({ client });
  // The shop's scanner: the keys fetched once, each code checked offline.
  const keys = client.codes.keys();
  Object.assign(window, {
    seen,
    scan: async (code: string, issuer: string) =>
      verifyCode(code, { jwks: await keys, issuer, kind: 'redemption' }),
  });
}
