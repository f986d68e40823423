// What every partner-app test shares: the URLs global-setup started, a page that records CSP
// violations, uncaught errors and layout shifts from its first byte, the platform's own sign-in
// pages by mouse, touch or keyboard, axe, screenshots, text sizes, and the ticket's QR code read
// off the screen and verified.
import { type BrowserContext, test as base, expect, type Page } from '@playwright/test';
import { createClient, verifyCode } from '@zheli/client';
import {
  axeViolations,
  cumulativeLayoutShift,
  focusPath,
  layoutShifts,
  readQrCode,
  tabTo,
  violations,
  watchPage,
} from '../../../scripts/page-checks.ts';

export {
  axeViolations,
  errors,
  focusIndicator,
  focusPath,
  tabTo,
  textContrast,
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
 * Tab, arrow keys and Enter; with `touch`, taps. `step` runs on each page as it opens, and with
 * the keyboard after every key too. `app` is the app's origin the platform returns to.
 */
export async function signInOnPlatform(
  page: Page,
  {
    keyboard = false,
    touch = false,
    as = persona,
    step,
    app = appUrl,
  }: {
    keyboard?: boolean;
    touch?: boolean;
    as?: string;
    step?: () => Promise<void>;
    app?: string;
  } = {},
): Promise<void> {
  await page.waitForURL(`${sandboxUrl}/interaction/**`);
  if (keyboard) {
    await step?.();
    await tabUntil(page, 'input[name="sub"]', 40, step);
    for (let i = 0; i < 20; i++) {
      const reached = await page.evaluate(
        (sub) => (document.activeElement as HTMLInputElement).value === sub,
        as,
      );
      if (reached) break;
      await page.keyboard.press('ArrowDown');
      await step?.();
    }
    await expect(page.locator(`input[name="sub"][value="${as}"]`)).toBeChecked();
    await tabUntil(page, 'button.primary', 40, step);
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: '同意' }).waitFor();
    await step?.();
    await tabUntil(page, 'button.primary', 40, step);
    await page.keyboard.press('Enter');
  } else {
    // A person still signed in at the platform goes straight to its consent page.
    const radio = page.locator(`input[name="sub"][value="${as}"]`);
    const allow = page.getByRole('button', { name: '同意' });
    await radio.or(allow).first().waitFor();
    await step?.();
    if (await radio.isVisible()) {
      const signIn = page.getByRole('button', { name: '登录', exact: true });
      if (touch) {
        await radio.tap();
        await expect(radio).toBeChecked();
        await signIn.tap();
      } else {
        await radio.check();
        await signIn.click();
      }
      await allow.waitFor();
      await step?.();
    }
    await (touch ? allow.tap() : allow.click());
  }
  await page.waitForURL(`${app}/**`);
}

/**
 * Tab (only Tab) until the focused element of the document matches `selector`; `each` runs at
 * every element reached.
 */
export async function tabUntil(
  page: Page,
  selector: string,
  limit = 40,
  each?: () => Promise<void>,
): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    await each?.();
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector} in ${limit} presses`);
}

/**
 * The booking form by keyboard alone, from where Tab reaches the plate field within `limit`
 * presses: types `plate`, then in the picker Enter on the first station, arrows in the calendar
 * grid to the first day with places, Enter, Enter on its first open time; ends on the confirm
 * step's heading. `each` runs at every key stop (checks of focus, sizes, contrast).
 */
export async function chooseSlotByKeyboard(
  page: Page,
  plate: string,
  { limit = 40, each }: { limit?: number; each?: () => Promise<void> } = {},
): Promise<void> {
  await tabUntil(page, 'input[type="text"]', limit, each);
  await page.keyboard.type(plate);
  // The stations come from the platform: on a busy machine they may still be loading when the
  // plate is typed, and Tab from the field would then leave the page. A person waits for them.
  await page.locator('zheli-appointment-picker [part~="site"]').first().waitFor();
  await tabTo(page, /^zheli-appointment-picker > button\[site\]/, {
    limit: 5,
    ...(each === undefined ? {} : { each }),
  });
  await page.keyboard.press('Enter');
  await expect.poll(() => focusPath(page)).toMatch(/^zheli-appointment-picker > td\[day\]/);
  await each?.();
  for (let i = 0; i < 62; i++) {
    const open = await page.evaluate(
      () =>
        document
          .querySelector('zheli-appointment-picker')
          ?.shadowRoot?.activeElement?.getAttribute('aria-disabled') === 'false',
    );
    if (open) break;
    await page.keyboard.press('ArrowRight');
    await each?.();
  }
  await page.keyboard.press('Enter');
  // Choosing a day moves focus to its first open time.
  await expect.poll(() => focusPath(page)).toMatch(/^zheli-appointment-picker > button\[slot\]/);
  await each?.();
  await page.keyboard.press('Enter');
  await expect.poll(() => focusPath(page)).toMatch(/^zheli-appointment-picker > h2\[heading\]/);
}

/** The reference in 我的预约's success message. */
export async function bookedReference(page: Page): Promise<string> {
  const notice = page.getByText(/^预约成功：/);
  await notice.waitFor();
  return (await notice.textContent())?.match(/预约号 (\S+?)。/)?.[1] ?? '';
}

/**
 * The smallest font size of any visible text on the page, the elements' shadow roots included,
 * and a sample of that text.
 */
export function smallestText(page: Page): Promise<{ size: number; text: string }> {
  return page.evaluate(() => {
    let smallest = { size: Number.POSITIVE_INFINITY, text: '' };
    const visit = (root: Document | ShadowRoot) => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent?.trim() ?? '';
        const parent = node.parentElement;
        if (!text || !parent || parent.closest('script, style, .visually-hidden')) continue;
        if (!parent.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
        const size = Number.parseFloat(getComputedStyle(parent).fontSize);
        if (size < smallest.size) smallest = { size, text: text.slice(0, 40) };
      }
      for (const element of root.querySelectorAll('*')) {
        if (element.shadowRoot) visit(element.shadowRoot);
      }
    };
    visit(document);
    return smallest;
  });
}

/** The open ticket's QR code, read off the screen, verifies offline as this appointment's. */
export async function expectTicketVerifies(page: Page, reference: string): Promise<void> {
  const appointment = (await platformAppointments()).find((a) => a.reference === reference);
  expect(appointment?.status).toBe('booked');
  const code = page.locator('li.appointment', { hasText: reference }).locator('zheli-qr-code');
  await expect(code.locator('svg path').first()).toHaveAttribute('d', /\S/);
  await code.scrollIntoViewIfNeeded();
  const token = await readQrCode(code);
  const platform = createClient({ baseUrl: sandboxUrl });
  const result = await verifyCode(token, {
    jwks: () => platform.codes.keys(),
    issuer: sandboxUrl,
    kind: 'appointment',
  });
  expect(result.valid).toBe(true);
  if (result.valid) {
    expect(result.claims.sub).toBe(persona);
    expect(result.claims.ref).toBe(appointment?.id);
  }
}
