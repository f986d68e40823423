// The partner app as two instances, each its own Node process, behind a round-robin proxy with
// their sessions in Redis (scaled.mjs, `npm start -- --scale 2`): a person signs in, books and
// signs out through the proxy, and both instances see the same session, then none; the process
// of the instance that signed the person in is killed, and the other carries on.
import type { APIRequestContext, Page } from '@playwright/test';
import { findRedisServer, startScaledPartnerApp } from '../scaled.mjs';
import {
  bookedReference,
  errors,
  expect,
  persona,
  platformAppointments,
  sandboxUrl,
  signInOnPlatform,
  test,
} from './fixtures.ts';

const picker = 'zheli-appointment-picker';

/** Asks the proxy who is signed in four times: which instance answered, and what it said. */
async function sessionsSeen(
  request: APIRequestContext,
  url: string,
): Promise<Map<string, { signedIn: boolean; user?: { sub: string } }[]>> {
  const seen = new Map<string, { signedIn: boolean; user?: { sub: string } }[]>();
  for (let i = 0; i < 4; i += 1) {
    const response = await request.get(`${url}/auth/session`);
    const instance = response.headers()['x-partner-instance'] ?? '?';
    seen.set(instance, [...(seen.get(instance) ?? []), await response.json()]);
  }
  return seen;
}

/** Signs the persona in through the proxy from 我的预约; resolves with who answered the callback. */
async function signInThrough(page: Page, url: string): Promise<string | undefined> {
  const callback = page.waitForResponse((response) =>
    response.url().startsWith(`${url}/auth/callback`),
  );
  await page.goto(`${url}/appointments`);
  await page.getByRole('link', { name: '使用浙里办账号登录' }).click();
  await signInOnPlatform(page, { app: url });
  await page.waitForURL(`${url}/appointments`);
  await expect(page.locator('.account__name')).toHaveText(/^已登录：陈\*国$/);
  return (await callback).headers()['x-partner-instance'];
}

test('two instances share the session through Redis: sign in, book and sign out through the proxy', async ({
  page,
  context,
}) => {
  // As the auth package's tests on Redis: skipped, with the reason, where none is installed.
  test.skip(!findRedisServer(), 'no redis-server found; install Debian `redis-server`');
  const scaled = await startScaledPartnerApp({ scale: 2, port: 0, sandboxUrl });
  try {
    const answeredBy = new Set<string>();
    page.on('response', (response) => {
      const instance = response.headers()['x-partner-instance'];
      if (instance) answeredBy.add(instance);
    });

    // The sign-in may start on one instance and come back to the other.
    await signInThrough(page, scaled.url);
    let seen = await sessionsSeen(context.request, scaled.url);
    expect([...seen.keys()].sort()).toEqual(['1', '2']);
    for (const answers of seen.values()) {
      for (const answer of answers) {
        expect(answer).toMatchObject({ signedIn: true, user: { sub: persona } });
      }
    }

    // Book: the picker's reads and the booking go through both instances.
    await page
      .getByRole('navigation', { name: '主导航' })
      .getByRole('link', { name: '预约检验' })
      .click();
    await page.waitForURL(`${scaled.url}/book`);
    await page.getByLabel('车牌号（选填）').fill('浙E·B5678');
    await page.locator(`${picker} [part~="site"]`).first().click();
    await page.locator(`${picker} [part~="day"][aria-disabled="false"]`).first().click();
    await page.locator(`${picker} [part~="slot"][aria-disabled="false"]`).first().click();
    await page.locator(`${picker} [part~="confirm"]`).click();
    await page.waitForURL(`${scaled.url}/appointments`);
    const reference = await bookedReference(page);
    expect((await platformAppointments()).find((a) => a.reference === reference)).toMatchObject({
      status: 'booked',
      note: '浙E·B5678',
    });
    expect([...answeredBy].sort()).toEqual(['1', '2']);

    // Sign out on one instance: signed out on both.
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL(`${sandboxUrl}/**`);
    seen = await sessionsSeen(context.request, scaled.url);
    expect([...seen.keys()].sort()).toEqual(['1', '2']);
    for (const answers of seen.values()) {
      for (const answer of answers) expect(answer).toEqual({ signedIn: false });
    }
    expect(errors(page)).toEqual([]);
  } finally {
    await scaled.stop();
  }
});

test('an instance is its own process: killed after signing the person in, the other carries on', async ({
  page,
  context,
}) => {
  test.skip(!findRedisServer(), 'no redis-server found; install Debian `redis-server`');
  const printed: string[] = [];
  const scaled = await startScaledPartnerApp({
    scale: 2,
    port: 0,
    sandboxUrl,
    output: (line) => printed.push(line),
  });
  try {
    // Two processes, neither of them this one, each printing its name and pid.
    const pids = scaled.instances.map((instance) => instance.pid);
    expect(new Set([...pids, process.pid]).size).toBe(3);
    for (const { id, pid, address } of scaled.instances) {
      expect(printed).toContain(
        `partner app instance ${id} (pid ${pid})  ${address}   behind ${scaled.url}`,
      );
    }

    const signedInBy = await signInThrough(page, scaled.url);
    const killed = scaled.instances.find((instance) => instance.id === signedInBy);
    const survivor = scaled.instances.find((instance) => instance !== killed);
    if (!killed || !survivor) throw new Error(`no instance ${signedInBy} answered the callback`);
    await killed.kill('SIGKILL');

    // Every request now reaches the survivor, which reads the session from Redis.
    const seen = await sessionsSeen(context.request, scaled.url);
    expect([...seen.keys()]).toEqual([survivor.id]);
    for (const answer of seen.get(survivor.id) ?? []) {
      expect(answer).toMatchObject({ signedIn: true, user: { sub: persona } });
    }
    const appointments = await context.request.get(`${scaled.url}/api/v1/appointments`);
    expect(appointments.status()).toBe(200);
    expect(appointments.headers()['x-partner-instance']).toBe(survivor.id);
    await page.reload();
    await expect(page.locator('.account__name')).toHaveText(/^已登录：陈\*国$/);
    expect(errors(page)).toEqual([]);
  } finally {
    await scaled.stop();
  }
});
