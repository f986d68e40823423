// Starts the platform (the sandbox on the embedded database, in memory) and the partner app's
// backend on free ports; the tests read their URLs from the environment. The returned function
// stops both.
import { startSandbox } from '@zheli/sandbox';
import { startPartnerApp } from '../server.mjs';

export default async function globalSetup(): Promise<() => Promise<void>> {
  const sandbox = await startSandbox({ port: 0, memory: true });
  const app = await startPartnerApp({ port: 0, sandboxUrl: sandbox.url });
  process.env.ZHELI_SANDBOX_URL = sandbox.url;
  process.env.ZHELI_APP_URL = app.url;
  // For reading the driver's appointments as the platform holds them (not as the app shows them).
  process.env.ZHELI_DRIVER_TOKEN = await sandbox.mintAccessToken({
    sub: 'p-anji-driver',
    scope: ['appointments'],
    expiresIn: 3600,
  });
  return async () => {
    await app.stop();
    await sandbox.stop();
  };
}
