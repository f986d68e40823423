// What the end-to-end suites (examples/*, stories) check on every page, in one place: the CSP
// violations and layout shifts a document reports from its first byte, its uncaught errors, axe,
// keyboard focus through shadow roots, and QR codes read off the screen.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Locator, Page } from '@playwright/test';
import jsqr from 'jsqr';
import { PNG } from 'pngjs';

/** A violation the page's Content-Security-Policy reported. */
export interface Violation {
  directive: string;
  blocked: string;
  sample: string;
}

// jsQR's CommonJS default export, however the loader presents it.
const jsQR: typeof jsqr.default = typeof jsqr === 'function' ? jsqr : jsqr.default;
const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core'), 'utf8');
const pageErrors = new WeakMap<Page, string[]>();

/**
 * Starts recording on `page`, for every document it loads: CSP violations, the layout shifts not
 * caused by the person (Cumulative Layout Shift as the browser reports it, with what moved), and
 * uncaught errors.
 */
export async function watchPage(page: Page): Promise<void> {
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
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as unknown as {
        value: number;
        hadRecentInput: boolean;
        startTime: number;
        sources?: { node?: Node; previousRect: DOMRectReadOnly; currentRect: DOMRectReadOnly }[];
      }[]) {
        if (entry.hadRecentInput) continue;
        shifts.push(entry.value);
        const moved = (entry.sources ?? []).map((source) => {
          const node = source.node;
          const name =
            node instanceof Element
              ? `${node.localName}${node.id ? `#${node.id}` : ''}${typeof node.className === 'string' && node.className ? `.${node.className.split(' ').join('.')}` : ''}`
              : String(node?.nodeName);
          return `${name} ${Math.round(source.previousRect.y)}→${Math.round(source.currentRect.y)}`;
        });
        shiftSources.push(
          `${entry.value.toFixed(4)} at ${Math.round(entry.startTime)} ms on ${location.pathname}: ${moved.join(', ')}`,
        );
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

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
