// Runs in a dedicated Web Worker (client.browser.test.ts): a client call with the worker's fetch
// replaced and a relative baseUrl (resolved against the worker's location), posting back what it
// got and where it was sent.
import { createClient } from './index.js';

let url = '';
const fetch = async (input: RequestInfo | URL) => {
  url = (input as Request).url;
  return Response.json(
    { items: [{ code: '330000' }], nextCursor: null, total: 1 },
    { status: 200 },
  );
};

Promise.resolve()
  .then(() => createClient({ baseUrl: '/api', fetch }).regions.list())
  .then(
    (result) => postMessage({ ok: true, result, url }),
    (error: unknown) => postMessage({ ok: false, error: String(error) }),
  );
