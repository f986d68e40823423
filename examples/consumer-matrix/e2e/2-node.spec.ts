// A Node script with @zheli/client (examples/consumers/node), type-checked strictly and run
// against the sandbox: reads, a booking with a person's token, the ticket verified offline.
import { check, expect, runBin, sandboxUrl } from './fixtures.ts';

async function runScript(): Promise<Record<string, unknown>> {
  const output = await runBin('node', 'node', ['index.ts'], {
    ZHELI_API: sandboxUrl,
    ZHELI_TOKEN: process.env.ZHELI_DRIVER_TOKEN ?? '',
  });
  return JSON.parse(output.trim().split('\n').pop() ?? '{}');
}

check('node: type-checks (tsc, strict, NodeNext, library types checked)', async () => {
  await runBin('node', 'tsc', ['--noEmit']);
});

check('node: reads, books, verifies the ticket offline and cancels', async () => {
  const result = await runScript();
  expect(result).toMatchObject({
    booked: 'booked',
    ticket: true,
    cancelled: 'cancelled',
    notFound: '404 not_found',
  });
  expect(result.bookable).toBeGreaterThan(0);
});

check('node: a relative baseUrl says that an origin is needed', async () => {
  const { relative } = await runScript();
  expect(relative).toMatch(/origin/i);
});
