// What every partner-app test shares: the URLs global-setup started, a page that records CSP
// violations, uncaught errors and layout shifts from its first byte, the platform's own sign-in
// pages by mouse or keyboard, axe, screenshots, and reading a QR code off the screen.
import { type BrowserContext, test as base, expect, type Page } from '@playwright/test';
import {
  axeViolations,
  cumulativeLayoutShift,
  layoutShifts,
  violations,
  watchPage,
} from '../../../scripts/page-checks.ts';

export {
  axeViolations,
  cumulativeLayoutShift,
  errors,
  focusPath,
  layoutShifts,
  readQrCode,
  tabTo,
  violations,
} from '../../../scripts/page-checks.ts';
export { expect };

/** The sandbox platform's origin (OIDC issuer and Open API). */
export const sandboxUrl = process.env.ZHELI_SANDBOX_URL ?? '';
/** The partner app's origin (its backend). */
export const appUrl = process.env.ZHELI_APP_URL ?? '';
/** The Anji car owner, 陈建国. */
export const persona = 'p-anji-driver';
/** The backend's session cookie. */
export const sessionCookie = '__Host-zheli-session';

const screenshotsDir = new URL('../test-results/screenshots/', import.meta.url);

export const test = base.extend<{ page: Page; freshBookings: undefined }>({
  // After each test, the driver's bookings still open are cancelled at the platform, so a test
  // that failed halfway leaves no booking that would block the next one's day (每人每天限约一次).
  freshBookings: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern
    async ({}, use) => {
      await use(undefined);
      for (const appointment of await platformAppointments()) {
        if (appointment.status !== 'booked') continue;
        await fetch(`${sandboxUrl}/v1/appointments/${appointment.id}/cancel`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${process.env.ZHELI_DRIVER_TOKEN}`,
            'content-type': 'application/json',
          },
          body: '{}',
        });
      }
    },
    { auto: true },
  ],
  page: async ({ page }, use) => {
    await watchPage(page);
    await use(page);
  },
});

/** Expects no CSP violation and no layout shift in the current document. */
export async function expectCleanDocument(page: Page): Promise<void> {
  expect(await violations(page), `CSP violations on ${page.url()}`).toEqual([]);
  expect(await cumulativeLayoutShift(page), (await layoutShifts(page)).join('\n')).toBe(0);
}

/** Saves a full-page screenshot for reviewers to `test-results/screenshots/partner-app-<name>.png`. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({
    path: new URL(`partner-app-${name}.png`, screenshotsDir).pathname,
    fullPage: true,
  });
}

/** Checks the page with axe (none allowed), then saves its screenshot. */
export async function checkAndShoot(page: Page, name: string): Promise<void> {
  expect(await axeViolations(page), `axe on ${name}`).toEqual([]);
  await screenshot(page, name);
}

/** The person's appointments as the platform holds them (not as the app shows them). */
export async function platformAppointments(): Promise<
  { id: string; reference: string; status: string; note?: string }[]
> {
  const response = await fetch(`${sandboxUrl}/v1/appointments?limit=100`, {
    headers: { authorization: `Bearer ${process.env.ZHELI_DRIVER_TOKEN}` },
  });
  expect(response.status).toBe(200);
  return (
    (await response.json()) as {
      items: { id: string; reference: string; status: string; note?: string }[];
    }
  ).items;
}

/** The backend's answer to who is signed in, for this browser profile. */
export async function session(
  context: BrowserContext,
): Promise<{ signedIn: boolean; user?: { sub: string } }> {
  return (await context.request.get(`${appUrl}/auth/session`)).json();
}

/**
 * Signs the Anji driver (or the persona `as`) in on the platform's real sign-in and consent pages, from the moment
 * the page reaches them: the persona's radio button, 登录, then 同意. With `keyboard`, only
 * Tab, arrow keys and Enter.
 */
export async function signInOnPlatform(
  page: Page,
  { keyboard = false, as = persona } = {},
): Promise<void> {
  await page.waitForURL(`${sandboxUrl}/interaction/**`);
  if (keyboard) {
    await tabUntil(page, 'input[name="sub"]');
    for (let i = 0; i < 20; i++) {
      const reached = await page.evaluate(
        (sub) => (document.activeElement as HTMLInputElement).value === sub,
        as,
      );
      if (reached) break;
      await page.keyboard.press('ArrowDown');
    }
    await expect(page.locator(`input[name="sub"][value="${as}"]`)).toBeChecked();
    await tabUntil(page, 'button.primary');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: '同意' }).waitFor();
    await tabUntil(page, 'button.primary');
    await page.keyboard.press('Enter');
  } else {
    // A person still signed in at the platform goes straight to its consent page.
    const radio = page.locator(`input[name="sub"][value="${as}"]`);
    const allow = page.getByRole('button', { name: '同意' });
    await radio.or(allow).first().waitFor();
    if (await radio.isVisible()) {
      await radio.check();
      await page.getByRole('button', { name: '登录', exact: true }).click();
    }
    await allow.click();
  }
  await page.waitForURL(`${appUrl}/**`);
}

/** Tab (only Tab) until the focused element of the document matches `selector`. */
export async function tabUntil(page: Page, selector: string, limit = 40): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector} in ${limit} presses`);
}
