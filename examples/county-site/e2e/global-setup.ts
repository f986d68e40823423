// Starts the platform (the sandbox on the embedded database, in memory) and the county site on
// free ports; the tests read their URLs from the environment. The returned function stops both.
import { startSandbox } from '@zheli/sandbox';
import { startCountySite } from '../server.mjs';

export default async function globalSetup(): Promise<() => Promise<void>> {
  const sandbox = await startSandbox({ port: 0, memory: true });
  const site = await startCountySite({ port: 0, sandboxUrl: sandbox.url });
  process.env.ZHELI_SANDBOX_URL = sandbox.url;
  process.env.ZHELI_SITE_URL = site.url;
  // For the tests' own clean-up (cancelling what a failed test booked), not for the pages.
  process.env.ZHELI_ANJI_TOKEN = await sandbox.mintAccessToken({
    sub: 'p-anji-driver',
    scope: ['appointments'],
  });
  return async () => {
    await site.stop();
    await sandbox.stop();
  };
}
