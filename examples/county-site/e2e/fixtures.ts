// What every county-site test shares: the URLs global-setup started, a page that records CSP
// violations and layout shifts from its first byte, sign-in as a persona, axe, and screenshots.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { createClient } from '@zheli/client';
import jsqr from 'jsqr';
import { PNG } from 'pngjs';

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

export const test = base.extend({
  page: async ({ page }, use) => {
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
            `${entry.value.toFixed(4)} at ${Math.round(entry.startTime)} ms: ${(entry.sources ?? [])
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

/** Every CSP violation the page has reported so far. */
export function violations(page: Page): Promise<Violation[]> {
  return page.evaluate(
    () => (window as unknown as { zheliViolations: Violation[] }).zheliViolations,
  );
}

/** The page's Cumulative Layout Shift so far (the sum of the unexpected shifts). */
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

/** Saves a full-page screenshot for reviewers to `test-results/screenshots/<name>.png`. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: new URL(`${name}.png`, screenshotsDir).pathname, fullPage: true });
}

/**
 * Makes the sandbox's login page sign `persona` in when the page reaches it. The sandbox signs a
 * persona in when its interaction page is fetched with `X-Zheli-Persona`; Playwright does not
 * route requests reached through a redirect, so the interaction page is reloaded once on arrival,
 * and that direct request carries the header.
 */
export async function signInAs(page: Page, persona: string): Promise<void> {
  await page.route(`${sandboxUrl}/interaction/**`, (route) =>
    route.continue({ headers: { ...route.request().headers(), 'x-zheli-persona': persona } }),
  );
  const reloaded = new Set<string>();
  page.on('framenavigated', (frame) => {
    if (frame !== page.mainFrame() || !/\/interaction\/[^/?#]+$/.test(frame.url())) return;
    if (reloaded.has(frame.url())) return;
    reloaded.add(frame.url());
    frame.evaluate(() => location.replace(location.href)).catch(() => {});
  });
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
 * What a QR code on screen says: a screenshot of `locator` decoded by jsQR, an independent
 * decoder, as a phone's camera would read it.
 */
export async function readQrCode(locator: Locator): Promise<string> {
  const png = PNG.sync.read(await locator.screenshot());
  const decoded = jsQR(Uint8ClampedArray.from(png.data), png.width, png.height);
  if (decoded === null) throw new Error('No QR code could be read from the screenshot');
  return decoded.data;
}

/**
 * Presses Tab (Shift+Tab with `backwards`), at most `limit` times, until the focused element's
 * path (see `focusPath`) matches `target`.
 */
export async function tabTo(
  page: Page,
  target: RegExp,
  { backwards = false, limit = 120 } = {},
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
