// The client row: @zheli/client per call against a bare fetch + json(), in this process's CPU
// time per call, against a local server that answers every request with one region. ky alone
// (`ky.get().json()` with the options the client gives it) separates ky's cost from the client's.
import { createServer } from 'node:http';
import { fixed, max, median, runs, smoke } from './measure.mjs';
import { report, say } from './report.mjs';

export async function benchClient() {
  const { createClient } = await import('@zheli/client');
  // The client's own ky (a dependency of @zheli/client, not of the root).
  const { default: ky } = await import(
    import.meta.resolve('ky', import.meta.resolve('@zheli/client'))
  );
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
  const client = createClient({ baseUrl: base, retry: { limit: 0 } });
  const calls = smoke ? 20 : 300;
  // What the client asks of ky for this call: a GET with `accept`, its per-attempt timeout and
  // total timeout, and no retries (`retry: { limit: 0 }` as above).
  const kyOptions = {
    headers: { accept: 'application/json' },
    timeout: 10_000,
    totalTimeout: 30_000,
    retry: { limit: 0 },
  };
  const kinds = {
    fetch: async () => (await fetch(`${base}/v1/regions/330523`)).json(),
    ky: () => ky.get(`${base}/v1/regions/330523`, kyOptions).json(),
    client: () => client.regions.get('330523'),
  };
  const samples = { fetch: [], ky: [], client: [] };
  try {
    for (let run = 0; run < (smoke ? 1 : runs * 3); run++) {
      for (const [kind, call] of Object.entries(kinds)) {
        const before = process.cpuUsage();
        for (let n = 0; n < calls; n++) await call();
        const used = process.cpuUsage(before);
        samples[kind].push((used.user + used.system) / 1000 / calls);
      }
    }
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
  const bare = median(samples.fetch);
  const kyAlone = median(samples.ky);
  const ours = median(samples.client);
  report.client = { bare, ky: kyAlone, client: ours, extra: ours - bare, ratio: ours / bare };
  const over = (value) =>
    `${fixed(value / bare, 2)} (${value >= bare ? '+' : '−'}${fixed(Math.abs(value - bare), 3)} ms)`;
  say('### `@zheli/client` per call');
  say('');
  say(
    `CPU time of this process per call (\`regions.get\` against a local server, ${calls} calls a block, blocks interleaved), median of the blocks.`,
  );
  say('');
  say('| call | CPU ms a call | max ms | × bare fetch |');
  say('|---|---:|---:|---:|');
  say(
    `| bare \`fetch\` + \`json()\` | ${fixed(bare, 3)} | ${fixed(max(samples.fetch), 3)} | 1.00 |`,
  );
  say(
    `| \`ky.get().json()\` alone | ${fixed(kyAlone, 3)} | ${fixed(max(samples.ky), 3)} | ${over(kyAlone)} |`,
  );
  say(
    `| \`client.regions.get()\` | ${fixed(ours, 3)} | ${fixed(max(samples.client), 3)} | ${over(ours)} |`,
  );
  say('');
  say(
    `The client over ky alone: ${ours >= kyAlone ? '+' : '−'}${fixed(Math.abs(ours - kyAlone), 3)} ms a call (its own part: URL, headers, sharing, retry policy, body checks).`,
  );
  say('');
}
