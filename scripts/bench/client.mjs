// The client row: @zheli/client per call against a bare fetch + json(), in CPU time per call,
// against a local server that answers every request with one region. ky alone (the ky call the
// client makes, with the same options) separates ky's cost from the client's. Each kind is read
// twice: the whole process (the server's handling and V8's helper threads included) and the main
// thread alone. The helper threads' work (mostly the garbage collector's) lands in whichever block
// runs when it happens, so it is the noisiest part; ky alone is measured twice, as two kinds, so
// the report can say how far two readings of the same call differ.
import { createServer } from 'node:http';
import { fixed, max, median, orderOf, paired, pairedText, runs, smoke } from './measure.mjs';
import { say } from './report.mjs';

export async function benchClient() {
  const { createClient } = await import('@zheli/client');
  // The ky the client runs on (one copy in the workspace: the root's range is the client's).
  const { default: ky } = await import('ky');
  const body = JSON.stringify({
    code: '330523',
    name: '安吉县',
    nameEn: 'Anji County',
    nameTw: '安吉縣',
    level: 'county',
    parentCode: '330500',
    hasChildren: true,
    path: [],
    children: [],
  });
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}`;
  const url = `${base}/v1/regions/330523`;
  // Without the network: a fetch that answers at once, so the blocks hold only the JavaScript
  // each layer runs (undici's sockets and streams, most of a call and of its noise, are left out).
  const answer = async () =>
    new Response(body, { headers: { 'content-type': 'application/json' } });
  const client = createClient({ baseUrl: base, retry: { limit: 0 } });
  const clientOffline = createClient({ baseUrl: base, retry: { limit: 0 }, fetch: answer });
  // As apps create it: two retries of a read, so ky copies each request for them.
  const clientRetries = createClient({ baseUrl: base });
  const clientRetriesOffline = createClient({ baseUrl: base, fetch: answer });
  const kyOnline = ky.create({});
  const kyOffline = ky.create({ fetch: answer });
  // A block long enough to hold several garbage collections: with 300 calls, about half the
  // blocks held one (10-15 ms of the main thread, +0.03-0.05 ms a call) and half none, so the
  // median of the blocks jumped from one mode to the other when the share with one passed a half.
  const calls = smoke ? 20 : 1500;
  // What the client asks of ky for this call: a GET with `accept`, its per-attempt timeout and
  // total timeout, no retries (`retry: { limit: 0 }` as above), no context (only the token hook
  // reads it, and a client without tokens has none), and the body as text, which the client
  // parses and checks itself. (`.json()` would cost ky one more timer and race than the client's
  // call does.)
  const kyCall = (instance) => async () =>
    JSON.parse(
      await instance(url, {
        method: 'GET',
        headers: { accept: 'application/json' },
        timeout: 10_000,
        totalTimeout: 30_000,
        retry: { limit: 0 },
      }).text(),
    );
  // Two groups, each interleaved on its own: a block after the thousands of calls of an offline
  // block would pay for that block's garbage.
  const groups = [
    {
      fetch: async () => (await fetch(url)).json(),
      ky: kyCall(kyOnline),
      kyAgain: kyCall(kyOnline),
      client: () => client.regions.get('330523'),
      clientRetries: () => clientRetries.regions.get('330523'),
    },
    {
      fetchOffline: async () => (await answer(url)).json(),
      kyOffline: kyCall(kyOffline),
      clientOffline: () => clientOffline.regions.get('330523'),
      clientRetriesOffline: () => clientRetriesOffline.regions.get('330523'),
    },
  ];
  const kinds = groups.flatMap((group) => Object.keys(group));
  const samples = Object.fromEntries(kinds.map((kind) => [kind, []]));
  // The main thread's CPU time (Node 23.9 and later; the bench runs on Node 24).
  const threadUsage = process.threadCpuUsage?.bind(process);
  const threadSamples = Object.fromEntries(kinds.map((kind) => [kind, []]));
  try {
    for (const kinds of groups) {
      // Whole rounds: each kind in each place, both ways (at least twice the runs asked for).
      const round = 2 * Object.keys(kinds).length;
      const blocks = smoke ? 1 : Math.ceil((runs * 2) / round) * round;
      for (let run = 0; run < blocks; run++) {
        const order = orderOf(Object.entries(kinds), run);
        for (const [kind, call] of order) {
          // Twice the calls without the network (a call is about a tenth as long there, and a
          // block still holds several collections).
          const count = kind.endsWith('Offline') ? calls * 2 : calls;
          const before = process.cpuUsage();
          const threadBefore = threadUsage?.();
          for (let n = 0; n < count; n++) await call();
          const used = process.cpuUsage(before);
          const threadUsed = threadUsage?.(threadBefore);
          samples[kind].push((used.user + used.system) / 1000 / count);
          threadSamples[kind].push(
            threadUsed ? (threadUsed.user + threadUsed.system) / 1000 / count : Number.NaN,
          );
        }
      }
    }
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
  const medianOf = (all) =>
    Object.fromEntries(Object.entries(all).map(([kind, blocks]) => [kind, median(blocks)]));
  const medians = medianOf(samples);
  const threads = medianOf(threadSamples);
  const signed = (value) => `${value >= 0 ? '+' : '−'}${fixed(Math.abs(value), 3)} ms`;
  // What a kind costs over another, run by run (see `paired`): steadier than the difference of
  // the two medians when the machine's speed drifts between runs.
  const overText = (all, kind, floor) =>
    pairedText(
      paired(all[kind], all[floor], (value, floorValue) => value - floorValue),
      signed,
      ' to ',
    );
  const times = (all, kind, floor) => (kind === floor ? '1.00' : fixed(all[kind] / all[floor], 2));
  const table = (floor, rows) => {
    say(
      '| call | CPU ms a call | max ms | × bare fetch | over bare fetch, run by run | main thread ms a call | × bare fetch | over bare fetch, run by run |',
    );
    say('|---|---:|---:|---:|---:|---:|---:|---:|');
    for (const [name, kind] of rows) {
      say(
        `| ${name} | ${fixed(medians[kind], 3)} | ${fixed(max(samples[kind]), 3)} | ${times(medians, kind, floor)} | ${kind === floor ? '–' : overText(samples, kind, floor)} | ${fixed(threads[kind], 3)} | ${times(threads, kind, floor)} | ${kind === floor ? '–' : overText(threadSamples, kind, floor)} |`,
      );
    }
  };
  say('### `@zheli/client` per call');
  say('');
  say(
    `CPU time per call (\`regions.get\` against a local server, ${calls} calls a block, blocks interleaved), median of the blocks: of this process (the server's handling and V8's helper threads, mostly the garbage collector's, included), and of its main thread alone. ky alone is the ky call the client makes, with the options it gives ky (\`accept\`, its timeout and total timeout, no retries, the body read as text and parsed): the client's own part is what it costs over ky. The client and ky alone run with retries off (\`retry: 0\`); the last row is the client as apps create it, with two retries of a read, for which ky copies each request before sending it.`,
  );
  say('');
  table('fetch', [
    ['bare `fetch` + `json()`', 'fetch'],
    ['ky alone', 'ky'],
    ['`client.regions.get()`', 'client'],
    ['`client.regions.get()`, default retries', 'clientRetries'],
  ]);
  say('');
  say(
    `Without the network (each given a \`fetch\` that answers at once, so only the JavaScript of each layer is left; ${calls * 2} calls a block):`,
  );
  say('');
  table('fetchOffline', [
    ['the `fetch` + `json()`', 'fetchOffline'],
    ['ky alone', 'kyOffline'],
    ['`client.regions.get()`', 'clientOffline'],
    ['`client.regions.get()`, default retries', 'clientRetriesOffline'],
  ]);
  say('');
  say(
    `The client over ky alone, run by run: ${overText(samples, 'client', 'ky')} a call against the server (main thread ${overText(threadSamples, 'client', 'ky')}), ${overText(samples, 'clientOffline', 'kyOffline')} without the network (its own part: URL, headers, sharing, retry policy, body checks). The same ky call read as a second kind, over the first: ${overText(samples, 'kyAgain', 'ky')} (main thread ${overText(threadSamples, 'kyAgain', 'ky')}); a difference against the server within that is noise.`,
  );
  say('');
}
