// Installs examples/consumers from the packed tarballs outside the repository (install.ts), then
// starts the platform from the installed @zheli/sandbox tarball (in memory, port 0). The tests
// read the install's folder and the sandbox's URL from the environment; the returned function
// stops the sandbox and removes the install.
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type * as SandboxPackage from '@zheli/sandbox';
import { installConsumers, type Timing } from '../install.ts';

export default async function globalSetup(): Promise<() => Promise<void>> {
  const installed = await installConsumers();
  const timings: Timing[] = [...installed.timings];
  const started = performance.now();
  const { startSandbox } = (await import(
    pathToFileURL(join(installed.dir, '.packed/node_modules/@zheli/sandbox/dist/index.js')).href
  )) as typeof SandboxPackage;
  // The snapshot the monorepo's sandbox tests already built, unless told otherwise: the
  // installed copy would otherwise build its own on every run.
  process.env.ZHELI_SANDBOX_CACHE_DIR ??= fileURLToPath(
    new URL('../../../node_modules/.cache/zheli-sandbox', import.meta.url),
  );
  const sandbox = await startSandbox({ port: 0, memory: true });
  timings.push(['sandbox start', (performance.now() - started) / 1000]);
  process.env.ZHELI_CONSUMERS_DIR = installed.dir;
  process.env.ZHELI_SANDBOX_URL = sandbox.url;
  process.env.ZHELI_DRIVER_TOKEN = await sandbox.mintAccessToken({
    sub: 'p-anji-driver',
    scope: ['appointments', 'codes'],
    expiresIn: 3600,
  });
  await writeFile(join(installed.dir, 'lock-drift.json'), JSON.stringify(installed.lockDrift));
  process.stdout.write(
    `consumer matrix set-up: ${timings.map(([step, s]) => `${step} ${s.toFixed(1)} s`).join(', ')}\n`,
  );
  return async () => {
    await sandbox.stop();
    if (!process.env.ZHELI_KEEP_CONSUMERS)
      await rm(installed.dir, { recursive: true, force: true });
  };
}
