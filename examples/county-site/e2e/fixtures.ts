// What every county-site test shares: the URLs global-setup started, a page that records CSP
// violations and layout shifts from its first byte, sign-in as a persona, axe, and screenshots.
import { test as base, expect, type Page } from '@playwright/test';
import { createClient } from '@zheli/client';
import { startSandbox } from '@zheli/sandbox';
import { watchPage } from '../../../scripts/page-checks.ts';
import { startCountySite } from '../server.mjs';

export {
  applyTextSpacing,
  axeViolations,
  cumulativeLayoutShift,
  elderMetrics,
  focusPath,
  forcedColours,
  layoutShifts,
  readQrCode,
  tabTo,
  textContrast,
  textLayout,
  violations,
} from '../../../scripts/page-checks.ts';
export { signInAs } from '../../../scripts/sign-in-as.ts';
export { expect };

/** The sandbox platform's origin (OIDC issuer and Open API). */
export const sandboxUrl = process.env.ZHELI_SANDBOX_URL ?? '';
/** The county site's origin. */
export const siteUrl = process.env.ZHELI_SITE_URL ?? '';

/**
 * Cancels every booked appointment of the Anji car owner, so that a test that stopped halfway
 * leaves the next one the same free places (one active booking per person, service and day).
 */
export async function cancelAnjiBookings(): Promise<void> {
  const token = process.env.ZHELI_ANJI_TOKEN;
  const client = createClient({ baseUrl: sandboxUrl, getAccessToken: async () => token });
  for await (const appointment of client.appointments.listAll()) {
    if (appointment.status === 'booked') await client.appointments.cancel(appointment.id);
  }
}

const screenshotsDir = new URL('../test-results/screenshots/', import.meta.url);

export const test = base.extend({
  page: async ({ page }, use) => {
    await watchPage(page);
    await use(page);
  },
});

/** Saves a full-page screenshot for reviewers to `test-results/screenshots/<name>.png`. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: new URL(`${name}.png`, screenshotsDir).pathname, fullPage: true });
}

/** The catalog rows' service names. */
export const catalogRows = 'zheli-service-catalog [part~="item"] zheli-service-card [part~="name"]';
/** The featured vehicle-inspection card. */
export const inspectionCard =
  'zheli-service-card[service-id="svc-330523-vehicle-inspection-booking"]';

/** Waits until the catalog, the inspection card, the login button and the booking picker have rendered. */
export async function waitForContent(page: Page): Promise<void> {
  await page.locator(catalogRows).first().waitFor();
  await page.locator(`${inspectionCard} [part~="name"]`).waitFor();
  await page.locator('zheli-login-button [part~="button"]').waitFor();
  await page.locator('zheli-appointment-picker [part~="site"]').first().waitFor();
}

/** A sandbox and a county site of a spec's own, the sandbox on a clock the spec moves. */
export interface OwnPlatform {
  sandboxUrl: string;
  siteUrl: string;
  /** Sets the sandbox's clock. */
  setClock(at: Date): void;
  /** An access token for a persona, for the test's own look at the platform. */
  token(sub: string, scope: string[]): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Starts a sandbox (in memory) on a clock set to `start` and the county site for it, both on
 * free ports: for a spec whose platform must be on a fixed day (what it recommends) or whose
 * clock it moves (a one-matter application's progress), apart from the shared one.
 */
export async function startOwnPlatform(start: Date): Promise<OwnPlatform> {
  let clock = start;
  const sandbox = await startSandbox({ port: 0, memory: true, now: () => clock });
  const site = await startCountySite({ port: 0, sandboxUrl: sandbox.url });
  return {
    sandboxUrl: sandbox.url,
    siteUrl: site.url,
    setClock: (at) => {
      clock = at;
    },
    // Stamped and checked on the process clock, whatever day the sandbox's is set to.
    token: (sub, scope) => sandbox.mintAccessToken({ sub, scope, clientId: 'county-site' }),
    stop: async () => {
      await site.stop();
      await sandbox.stop();
    },
  };
}
