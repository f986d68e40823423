// Builds the static Storybook (what `npm run build-storybook` publishes) and serves it on a free
// 127.0.0.1 port with a small static server; the tests read its URL from the environment. The
// returned teardown stops the server.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { serveStatic } from './static-server.ts';

const run = promisify(execFile);
// The `storybook` command.
const storybookBin = fileURLToPath(import.meta.resolve('storybook/internal/bin/dispatcher'));
const stories = fileURLToPath(new URL('..', import.meta.url));
const outputDir = fileURLToPath(new URL('../storybook-static/', import.meta.url));

export default async function globalSetup(): Promise<() => Promise<void>> {
  // The build's output is kept and shown only when it fails.
  try {
    await run(
      process.execPath,
      [
        storybookBin,
        'build',
        '--config-dir',
        '.storybook',
        '--output-dir',
        outputDir,
        '--quiet',
        '--disable-telemetry',
      ],
      {
        cwd: stories,
        env: { ...process.env, NODE_ENV: 'production', STORYBOOK_DISABLE_TELEMETRY: '1' },
        maxBuffer: 64 * 1024 * 1024,
      },
    );
  } catch (error) {
    const {
      message,
      stdout = '',
      stderr = '',
    } = error as Error & {
      stdout?: string;
      stderr?: string;
    };
    throw new Error(`storybook build failed: ${message}\n${stdout}\n${stderr}`);
  }
  const server = await serveStatic(outputDir);
  process.env.ZHELI_STORYBOOK_URL = server.url;
  return () => server.stop();
}
