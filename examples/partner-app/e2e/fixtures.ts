// What every partner-app test shares: the URLs global-setup started, a page that records CSP
// violations, uncaught errors and layout shifts from its first byte, the platform's own sign-in
// pages by mouse or keyboard, axe, screenshots, and reading a QR code off the screen.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import {
  type BrowserContext,
  test as base,
  expect,
  type Locator,
  type Page,
} from '@playwright/test';
import jsqr from 'jsqr';
import { PNG } from 'pngjs';

export { expect };

/** The sandbox platform's origin (OIDC issuer and Open API). */
export const sandboxUrl = process.env.ZHELI_SANDBOX_URL ?? '';
/** The partner app's origin (its backend). */
export const appUrl = process.env.ZHELI_APP_URL ?? '';
/** The Anji car owner, 陈建国. */
export const persona = 'p-anji-driver';
/** The backend's session cookie. */
export const sessionCookie = '__Host-zheli-session';

/** A violation the page's Content-Security-Policy reported. */
export interface Violation {
  directive: string;
  blocked: string;
  sample: string;
}

// jsQR's CommonJS default export, however the loader presents it.
const jsQR: typeof jsqr.default = typeof jsqr === 'function' ? jsqr : jsqr.default;

const screenshotsDir = new URL('../test-results/screenshots/', import.meta.url);
const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core'), 'utf8');
const pageErrors = new WeakMap<Page, string[]>();

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
    const errors: string[] = [];
    pageErrors.set(page, errors);
    page.on('pageerror', (error) => errors.push(error.message));
    await page.addInitScript(() => {
      const violations: Violation[] = [];
      const shifts: number[] = [];
      const shiftSources: string[] = [];
      Object.assign(window, {
        zheliViolations: violations,
        zheliShifts: shifts,
        zheliShiftSources: shiftSources,
      });
      document.addEventListener('securitypolicyviolation', (event) =>
        violations.push({
          directive: event.violatedDirective,
          blocked: event.blockedURI,
          sample: event.sample,
        }),
      );
      // Cumulative Layout Shift as the browser reports it: shifts not caused by the person.
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as unknown as {
          value: number;
          hadRecentInput: boolean;
          startTime: number;
          sources?: { node?: Node; previousRect: DOMRectReadOnly; currentRect: DOMRectReadOnly }[];
        }[]) {
          if (entry.hadRecentInput) continue;
          shifts.push(entry.value);
          shiftSources.push(
            `${entry.value.toFixed(4)} at ${Math.round(entry.startTime)} ms on ${location.pathname}: ${(
              entry.sources ?? []
            )
              .map((source) => {
                const node = source.node;
                const name =
                  node instanceof Element
                    ? `${node.localName}${node.id ? `#${node.id}` : ''}${node.className && typeof node.className === 'string' ? `.${node.className.split(' ').join('.')}` : ''}`
                    : String(node?.nodeName);
                return `${name} ${Math.round(source.previousRect.y)}→${Math.round(source.currentRect.y)}`;
              })
              .join(', ')}`,
          );
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await use(page);
  },
});

/** Every CSP violation the current document has reported so far. */
export function violations(page: Page): Promise<Violation[]> {
  return page.evaluate(
    () => (window as unknown as { zheliViolations: Violation[] }).zheliViolations,
  );
}

/** Every uncaught error of the page's documents so far. */
export function errors(page: Page): string[] {
  return pageErrors.get(page) ?? [];
}

/** The current document's Cumulative Layout Shift so far (the sum of the unexpected shifts). */
export function cumulativeLayoutShift(page: Page): Promise<number> {
  return page.evaluate(() =>
    (window as unknown as { zheliShifts: number[] }).zheliShifts.reduce((a, b) => a + b, 0),
  );
}

/** What moved in each layout shift counted, for a failure message. */
export function layoutShifts(page: Page): Promise<string[]> {
  return page.evaluate(
    () => (window as unknown as { zheliShiftSources: string[] }).zheliShiftSources,
  );
}

/** Expects no CSP violation and no layout shift in the current document. */
export async function expectCleanDocument(page: Page): Promise<void> {
  expect(await violations(page), `CSP violations on ${page.url()}`).toEqual([]);
  expect(await cumulativeLayoutShift(page), (await layoutShifts(page)).join('\n')).toBe(0);
}

/** axe-core's WCAG 2.2 A/AA violations on the page, as `rule: [targets]` lines. */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const { axe } = window as unknown as {
      axe: {
        run: (
          context: Document,
          options: object,
        ) => Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }>;
      };
    };
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return result.violations.map(
      (violation) => `${violation.id}: ${JSON.stringify(violation.nodes.map((n) => n.target))}`,
    );
  });
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

/** The focused element, through shadow roots: `tag[part] > tag[part] …`, a link with its text. */
export function focusPath(page: Page): Promise<string> {
  return page.evaluate(() => {
    let active = document.activeElement;
    const path: string[] = [];
    while (active) {
      const part = active.getAttribute('part');
      const text = active.localName === 'a' ? `(${active.textContent?.trim()})` : '';
      path.push(`${active.localName}${part ? `[${part}]` : ''}${text}`);
      active = active.shadowRoot?.activeElement ?? null;
    }
    return path.join(' > ');
  });
}

/**
 * Presses Tab (Shift+Tab with `backwards`), at most `limit` times, until the focused element's
 * path (see `focusPath`) matches `target`.
 */
export async function tabTo(
  page: Page,
  target: RegExp,
  { backwards = false, limit = 60 } = {},
): Promise<string> {
  const reached: string[] = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    const path = await focusPath(page);
    if (target.test(path)) return path;
    reached.push(path);
  }
  throw new Error(
    `Tab did not reach ${target} in ${limit} presses; it reached:\n${[...new Set(reached)].join('\n')}`,
  );
}

/**
 * What a QR code on screen says: a screenshot of `locator` decoded by jsQR, an independent
 * decoder, as a phone's camera would read it.
 */
export async function readQrCode(locator: Locator): Promise<string> {
  const png = PNG.sync.read(await locator.screenshot());
  const decoded = jsQR(Uint8ClampedArray.from(png.data), png.width, png.height);
  if (decoded === null) throw new Error('No QR code could be read from the screenshot');
  return decoded.data;
}
