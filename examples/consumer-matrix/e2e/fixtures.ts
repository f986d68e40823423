// What every check of the matrix shares: the install and the sandbox global-setup started, the
// known-defects list, running an app's own tools, serving an app on a free port, signing in on
// the platform's real pages, the booking through <zheli-appointment-picker> and its ticket.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { test as base, expect, type Page } from '@playwright/test';
import { createClient, verifyCode } from '@zheli/client';
import { freePort } from '../../../scripts/free-port.ts';
import { errors, readQrCode, watchPage } from '../../../scripts/page-checks.ts';
import { knownDefects } from './known-defects.ts';

export { errors, violations } from '../../../scripts/page-checks.ts';
export { expect, freePort };

/** The installed copy of examples/consumers. */
export const consumersDir = process.env.ZHELI_CONSUMERS_DIR ?? '';
/** The sandbox platform's origin (OpenID Provider and Open API). */
export const sandboxUrl = process.env.ZHELI_SANDBOX_URL ?? '';
/** The Anji car owner, who books the vehicle inspection. */
export const persona = 'p-anji-driver';

const driver = createClient({
  baseUrl: sandboxUrl || 'http://127.0.0.1',
  getAccessToken: async () => process.env.ZHELI_DRIVER_TOKEN,
});

const test = base.extend<{ page: Page; freshBookings: undefined; servers: undefined }>({
  // After each check, the servers it started and did not stop (it timed out) are stopped.
  servers: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern
    async ({}, use) => {
      await use(undefined);
      await stopServers();
    },
    { auto: true },
  ],
  // After each check, the driver's bookings still open are cancelled at the platform, so a check
  // that stopped halfway leaves the next one the same free day (one booking per person and day).
  freshBookings: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern
    async ({}, use) => {
      await use(undefined);
      for await (const appointment of driver.appointments.listAll()) {
        if (appointment.status === 'booked') await driver.appointments.cancel(appointment.id);
      }
    },
    { auto: true },
  ],
  // What the browser said (console errors and warnings, failed requests) is attached to a
  // failing check's report: a card that shows 加载失败 says why there.
  page: async ({ page }, use, testInfo) => {
    await watchPage(page);
    const said: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') {
        said.push(`${message.type()}: ${message.text()} (${page.url()})`);
      }
    });
    page.on('requestfailed', (request) =>
      said.push(`failed: ${request.method()} ${request.url()} ${request.failure()?.errorText}`),
    );
    await use(page);
    if (testInfo.status !== testInfo.expectedStatus && said.length > 0) {
      await testInfo.attach('browser console', {
        body: said.join('\n'),
        contentType: 'text/plain',
      });
    }
  },
});

/**
 * A check of the matrix: a test that, when `title` is on the known-defects list, is expected to
 * fail (and fails the run once it passes).
 */
export function check(title: string, body: (fixtures: { page: Page }) => Promise<void>): void {
  test(title, async ({ page }) => {
    const defect = knownDefects[title];
    test.fail(defect !== undefined, `known defect, issue 17 ${defect}`);
    await body({ page });
  });
}

const exec = promisify(execFile);

/**
 * Runs an app's installed tool (`node_modules/.bin/<bin>`, or Node itself for `node`) in `app`;
 * throws with its output.
 */
export async function runBin(
  app: string,
  bin: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<string> {
  const cwd = join(consumersDir, app);
  try {
    const command = bin === 'node' ? process.execPath : join(cwd, 'node_modules/.bin', bin);
    const { stdout } = await exec(command, args, {
      cwd,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NO_COLOR: '1', ...env },
      maxBuffer: 32 * 1024 * 1024,
    });
    return stdout;
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(
      `${app}: ${bin} ${args.join(' ')} failed\n${failed.stdout ?? ''}${failed.stderr ?? failed.message}`,
    );
  }
}

/** A server an app's tool started; `stop()` ends its process group. */
interface Served {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts `node_modules/.bin/<bin> <args>` in `app` (its own process group) and resolves when
 * `url` answers; rejects with its output if it exits first.
 */
export async function serve(
  app: string,
  bin: string,
  args: string[],
  url: string,
  env: Record<string, string> = {},
): Promise<Served> {
  const cwd = join(consumersDir, app);
  const child: ChildProcess = spawn(join(cwd, 'node_modules/.bin', bin), args, {
    cwd,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NO_COLOR: '1', ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk;
  });
  let gone = false;
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code, signal) => {
      gone = true;
      reject(new Error(`${app}: ${bin} exited (${code ?? signal})\n${output}`));
    }),
  );
  exited.catch(() => {});
  const stop = async () => {
    running.delete(stop);
    if (gone || child.pid === undefined) return;
    const ended = new Promise((resolve) => child.once('exit', resolve));
    killGroup(child.pid);
    await ended;
  };
  running.add(stop);
  if (child.pid !== undefined) groups.add(child.pid);
  child.once('exit', () => {
    if (child.pid !== undefined) groups.delete(child.pid);
  });
  const ready = (async () => {
    while (!gone) {
      try {
        await fetch(url);
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  })();
  try {
    await Promise.race([ready, exited]);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}

/** The `stop()` of every server `serve` started that is still running. */
const running = new Set<() => Promise<void>>();
/** Their process groups, for a worker that exits before its checks stopped them. */
const groups = new Set<number>();

/** Ends a server's process group (the tool and whatever it started). */
function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    // Already gone.
  }
}

// A worker that exits (a check timed out, the run was interrupted) ends the servers it started:
// they run in their own process groups, which nothing else would end.
process.once('exit', () => {
  for (const pid of groups) killGroup(pid);
});

/** Stops the servers a check left running (a check that timed out never reached its `finally`). */
async function stopServers(): Promise<void> {
  await Promise.all([...running].map((stop) => stop()));
}

/**
 * Signs the driver in on the platform's own pages, from the moment the page reaches them: the
 * persona, 登录, then 同意; resolves back on `origin`.
 */
export async function signInOnPlatform(page: Page, origin: string): Promise<void> {
  await page.waitForURL(`${sandboxUrl}/interaction/**`);
  const radio = page.locator(`input[name="sub"][value="${persona}"]`);
  const allow = page.getByRole('button', { name: '同意' });
  await radio.or(allow).first().waitFor();
  if (await radio.isVisible()) {
    await radio.check();
    await page.getByRole('button', { name: '登录', exact: true }).click();
  }
  await allow.click();
  await page.waitForURL(`${origin}/**`);
}

const picker = 'zheli-appointment-picker';

/** Chooses the first station, the first day with places and its first free time. */
export async function chooseSlot(page: Page): Promise<void> {
  const first = page.locator(picker).first();
  await first.locator('[part~="site"]').first().click();
  await first.locator('[part~="day"][aria-disabled="false"]').first().click();
  await first.locator('[part~="slot"][aria-disabled="false"]').first().click();
}

/** Confirms the booking and checks the ticket's QR code, read off the screen, verifies offline. */
export async function bookAndReadTicket(page: Page): Promise<void> {
  const first = page.locator(picker).first();
  await first.locator('[part~="confirm"]').click();
  await expect(first.locator('[part~="ticket"]')).toBeVisible();
  const code = first.locator('zheli-qr-code [part~="code"]');
  await code.waitFor();
  await code.scrollIntoViewIfNeeded();
  const result = await verifyCode(await readQrCode(code), {
    jwks: () => driver.codes.keys(),
    issuer: sandboxUrl,
    kind: 'appointment',
  });
  const appointment = await first.evaluate(
    (element) => (element as unknown as { appointment?: { id: string } }).appointment?.id,
  );
  expect(result.valid && result.claims).toMatchObject({ sub: persona, ref: appointment });
}

/** Waits for a service card's name: the app reached the platform and rendered its data. */
export async function expectCardName(page: Page): Promise<void> {
  await expect(page.locator('zheli-service-card [part~="name"]').first()).toHaveText(
    '机动车检验预约',
  );
}

/**
 * The four checks of an app built with Vite and served by `vite preview`: its type-check
 * (`typeCheck`, named in the title as `typeCheckTitle`), `vite build` with `buildEnv`, the data
 * rendered in Chromium, and a sign-in by redirect from the picker that books and reads the ticket.
 * `previewEnv` is the environment of `vite preview` (its proxy's target, for one).
 */
export function checkViteApp(
  app: string,
  {
    typeCheck,
    typeCheckTitle,
    buildEnv,
    previewEnv = {},
  }: {
    typeCheck: string;
    typeCheckTitle: string;
    buildEnv: Record<string, string>;
    previewEnv?: Record<string, string>;
  },
): void {
  const preview = async (): Promise<Served> => {
    const port = await freePort();
    return serve(
      app,
      'vite',
      ['preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
      `http://127.0.0.1:${port}/`,
      previewEnv,
    );
  };

  check(`${app}: type-checks (${typeCheckTitle})`, async () => {
    await runBin(app, typeCheck, ['--noEmit']);
  });

  check(`${app}: builds with vite build`, async () => {
    await runBin(app, 'vite', ['build'], buildEnv);
  });

  check(`${app}: renders data in Chromium`, async ({ page }) => {
    const server = await preview();
    try {
      await page.goto(server.url);
      await expectCardName(page);
      expect(errors(page)).toEqual([]);
    } finally {
      await server.stop();
    }
  });

  check(`${app}: signs in by redirect, books a slot and reads the ticket`, async ({ page }) => {
    const server = await preview();
    const origin = server.url.replace(/\/$/, '');
    try {
      await page.goto(server.url);
      await chooseSlot(page);
      await page.locator(`${picker} [part~="sign-in"]`).click();
      await signInOnPlatform(page, origin);
      await expect(page.locator('zheli-login-button [part~="name"]')).toBeVisible();
      await bookAndReadTicket(page);
      expect(errors(page)).toEqual([]);
    } finally {
      await server.stop();
    }
  });
}
