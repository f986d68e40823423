// The client row: @zheli/client per call against a bare fetch + json(), in this process's CPU
// time per call, against a local server that answers every request with one region. ky alone
// (`ky.get().json()` with the options the client gives it) separates ky's cost from the client's.
import { createServer } from 'node:http';
import { fixed, max, median, runs, smoke } from './measure.mjs';
import { report, say } from './report.mjs';

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
  const kyOffline = ky.create({ fetch: answer });
  const calls = smoke ? 20 : 300;
  // What the client asks of ky for this call: a GET with `accept`, its per-attempt timeout and
  // total timeout, and no retries (`retry: { limit: 0 }` as above).
  const kyOptions = {
    headers: { accept: 'application/json' },
    timeout: 10_000,
    totalTimeout: 30_000,
    retry: { limit: 0 },
  };
  // Two groups, each interleaved on its own: a block after ten times the calls of an offline
  // block would pay for that block's garbage.
  const groups = [
    {
      fetch: async () => (await fetch(url)).json(),
      ky: () => ky.get(url, kyOptions).json(),
      client: () => client.regions.get('330523'),
    },
    {
      fetchOffline: async () => (await answer(url)).json(),
      kyOffline: () => kyOffline.get(url, kyOptions).json(),
      clientOffline: () => clientOffline.regions.get('330523'),
    },
  ];
  const samples = Object.fromEntries(
    groups.flatMap((kinds) => Object.keys(kinds)).map((kind) => [kind, []]),
  );
  try {
    for (const kinds of groups) {
      for (let run = 0; run < (smoke ? 1 : runs * 3); run++) {
        // The order turned each run, so that no kind always follows the same one.
        const order = Object.entries(kinds);
        if (run % 2) order.reverse();
        for (const [kind, call] of order) {
          // Ten times the calls without the network: a call is a tenth as long.
          const count = kind.endsWith('Offline') ? calls * 10 : calls;
          const before = process.cpuUsage();
          for (let n = 0; n < count; n++) await call();
          const used = process.cpuUsage(before);
          samples[kind].push((used.user + used.system) / 1000 / count);
        }
      }
    }
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
  const medians = Object.fromEntries(
    Object.entries(samples).map(([kind, blocks]) => [kind, median(blocks)]),
  );
  const bare = medians.fetch;
  const ours = medians.client;
  report.client = {
    bare,
    ky: medians.ky,
    client: ours,
    extra: ours - bare,
    ratio: ours / bare,
    offline: { bare: medians.fetchOffline, ky: medians.kyOffline, client: medians.clientOffline },
  };
  const signed = (value) => `${value >= 0 ? '+' : '−'}${fixed(Math.abs(value), 3)} ms`;
  const table = (floor, rows) => {
    say('| call | CPU ms a call | max ms | × bare fetch |');
    say('|---|---:|---:|---:|');
    for (const [name, kind] of rows) {
      const value = medians[kind];
      say(
        `| ${name} | ${fixed(value, 3)} | ${fixed(max(samples[kind]), 3)} | ${kind === floor ? '1.00' : `${fixed(value / medians[floor], 2)} (${signed(value - medians[floor])})`} |`,
      );
    }
  };
  say('### `@zheli/client` per call');
  say('');
  say(
    `CPU time of this process per call (\`regions.get\` against a local server, ${calls} calls a block, blocks interleaved), median of the blocks. ky alone is \`ky.get().json()\` with the options the client gives ky for this call (\`accept\`, its timeout and total timeout, no retries): the client's own part is what it costs over ky.`,
  );
  say('');
  table('fetch', [
    ['bare `fetch` + `json()`', 'fetch'],
    ['`ky.get().json()` alone', 'ky'],
    ['`client.regions.get()`', 'client'],
  ]);
  say('');
  say(
    `Without the network (each given a \`fetch\` that answers at once, so only the JavaScript of each layer is left; ${calls * 10} calls a block):`,
  );
  say('');
  table('fetchOffline', [
    ['the `fetch` + `json()`', 'fetchOffline'],
    ['`ky.get().json()` alone', 'kyOffline'],
    ['`client.regions.get()`', 'clientOffline'],
  ]);
  say('');
  say(
    `The client over ky alone: ${signed(ours - medians.ky)} a call against the server, ${signed(medians.clientOffline - medians.kyOffline)} without the network (its own part: URL, headers, sharing, retry policy, body checks).`,
  );
  say('');
}
