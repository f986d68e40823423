// The README's first command, as a new developer runs it: `npm start` (scripts/start.mjs) builds
// what the main job needs and starts the sandbox platform, the county site and the partner app.
// Here on free ports and a fresh data folder, so that a developer's own `npm start` and its
// database are left alone: all three answer, the county site's service cards show the platform's
// data in Chromium, and Ctrl-C (SIGINT) stops them all with exit code 0.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { freePort } from '../../../scripts/free-port.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** Resolves with the output once `text` appears in it, or rejects when the process exits. */
function waitForOutput(child: ChildProcess, output: { text: string }, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (output.text.includes(text)) {
        child.stdout?.off('data', check);
        resolve();
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code, signal) =>
      reject(new Error(`npm start stopped (${signal ?? code}) before "${text}":\n${output.text}`)),
    );
    check();
  });
}

test('npm start runs the sandbox platform, the county site and the partner app, and Ctrl-C stops them all', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const [port, sitePort, partnerPort] = [await freePort(), await freePort(), await freePort()];
  const dataDir = await mkdtemp(join(tmpdir(), 'zheli-start-'));
  // `npm start` is `sh scripts/node24.sh node scripts/start.mjs`: the same, under this Node 24.
  const child = spawn('npm', ['start'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      SITE_PORT: String(sitePort),
      PARTNER_PORT: String(partnerPort),
      ZHELI_DATA_DIR: dataDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const output = { text: '' };
  child.stdout?.on('data', (chunk: Buffer) => {
    output.text += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output.text += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await waitForOutput(child, output, 'Ready in');
    const siteUrl = `http://127.0.0.1:${sitePort}`;
    expect(output.text).toContain(`${siteUrl}/`);
    expect(output.text).toContain(`http://127.0.0.1:${partnerPort}/`);

    const discovery = await fetch(`http://127.0.0.1:${port}/.well-known/openid-configuration`);
    expect(discovery.status).toBe(200);
    expect(((await discovery.json()) as { issuer: string }).issuer).toBe(
      `http://127.0.0.1:${port}`,
    );
    expect((await fetch(`http://127.0.0.1:${partnerPort}/`)).status).toBe(200);

    // The county site's cards load the platform's services through the sandbox started above.
    await page.goto(`${siteUrl}/`);
    const card = page.locator(
      'zheli-service-card[service-id="svc-330523-vehicle-inspection-booking"]',
    );
    await expect(card.locator('[part~="name"]')).toContainText('机动车');
  } finally {
    // Ctrl-C in a terminal: SIGINT to the process group (npm, its shell, start.mjs).
    if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGINT');
    // npm itself ends on the SIGINT, as in a terminal; start.mjs goes on to stop its servers.
    await exited;
  }
  // The sandbox was stopped, not killed: it finishes the requests in flight and closes its
  // database (what start.mjs's SIGTERM to it makes it say).
  await expect.poll(() => output.text, { timeout: 30_000 }).toContain('SIGTERM: stopping');
  // Stopped: nothing answers on the three ports any more, and none of them stopped on its own
  // ("… stopped (exit 1); stopping the rest." is what start.mjs says then).
  for (const stopped of [port, sitePort, partnerPort]) {
    await expect
      .poll(
        () =>
          fetch(`http://127.0.0.1:${stopped}/`).then(
            () => 'answers',
            () => 'closed',
          ),
        { timeout: 30_000 },
      )
      .toBe('closed');
  }
  expect(output.text).not.toContain('stopping the rest');
  await rm(dataDir, { recursive: true, force: true });
});
