// Runs in a dedicated Web Worker (client.browser.test.ts): a client call with the worker's fetch
// replaced, posting back what it got.
import { createClient } from './index.js';

const fetch = async () =>
  Response.json({ items: [{ code: '330000' }], nextCursor: null, total: 1 }, { status: 200 });

const client = createClient({ baseUrl: 'https://open.example', fetch });
client.regions.list().then(
  (result) => postMessage({ ok: true, result }),
  (error: unknown) => postMessage({ ok: false, error: String(error) }),
);
