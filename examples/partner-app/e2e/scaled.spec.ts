// The partner app as two instances behind a round-robin proxy with their sessions in Redis
// (scaled.mjs, `npm start -- --scale 2`): a person signs in, books and signs out through the
// proxy, and both instances see the same session, then none.
import type { APIRequestContext } from '@playwright/test';
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
    await page.goto(`${scaled.url}/appointments`);
    await page.getByRole('link', { name: '使用浙里办账号登录' }).click();
    await signInOnPlatform(page, { app: scaled.url });
    await page.waitForURL(`${scaled.url}/appointments`);
    await expect(page.locator('.account__name')).toHaveText(/^已登录：陈\*国$/);
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
