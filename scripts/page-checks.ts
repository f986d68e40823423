// What the end-to-end suites (examples/*, stories) check on every page, in one place: the CSP
// violations and layout shifts a document reports from its first byte, its uncaught errors, axe,
// keyboard focus through shadow roots and how visible it is, text contrast from computed styles,
// and QR codes read off the screen.
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
  {
    backwards = false,
    limit = 120,
    each,
  }: {
    backwards?: boolean;
    limit?: number;
    /** Called at every element Tab reaches, the target included, with its path. */
    each?: (path: string) => Promise<void>;
  } = {},
): Promise<string> {
  const reached: string[] = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    const path = await focusPath(page);
    await each?.(path);
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

/** An sRGB colour, each channel and alpha from 0 to 1. */
type Rgba = readonly [number, number, number, number];

/** A computed colour as Chromium writes it (`rgb(…)` or `rgba(…)`). */
function parseColour(value: string): Rgba {
  const channels = value
    .match(/^rgba?\(([^)]*)\)$/)?.[1]
    ?.split(/[\s,/]+/)
    .filter(Boolean);
  if (!channels || channels.length < 3) throw new Error(`Cannot read the colour ${value}`);
  const [r = 0, g = 0, b = 0, a = 1] = channels.map(Number.parseFloat);
  return [r / 255, g / 255, b / 255, a];
}

/** `top` painted over the opaque `bottom`. */
function over(top: Rgba, bottom: Rgba): Rgba {
  const mix = (i: number) => (top[i] ?? 0) * top[3] + (bottom[i] ?? 0) * (1 - top[3]);
  return [mix(0), mix(1), mix(2), 1];
}

/**
 * What shows through a stack of background colours, the nearest first: each painted over the
 * ones behind it, on the canvas's white.
 */
function backdrop(layers: readonly string[]): Rgba {
  return layers
    .map(parseColour)
    .reduceRight<Rgba>((behind, layer) => over(layer, behind), [1, 1, 1, 1]);
}

/** WCAG 2's contrast ratio of two opaque colours. */
function contrastRatio(a: Rgba, b: Rgba): number {
  const luminance = ([r, g, b]: Rgba) => {
    const linear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((light ?? 0) + 0.05) / ((dark ?? 0) + 0.05);
}

const hex = ([r, g, b]: Rgba) =>
  `#${[r, g, b]
    .map((c) =>
      Math.round(c * 255)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;

/** How the focused element shows its focus. */
export interface FocusIndicator {
  /** The focused element's path, as `focusPath` writes it. */
  path: string;
  /** Whether Tab can reach it (a heading focused by script, `tabindex="-1"`, cannot). */
  tabStop: boolean;
  /** `outline 3px #c2410c on li.persona`, or `none`. */
  description: string;
  /** The ring's thickness in CSS pixels (0 for none). */
  width: number;
  /** The ring's contrast with the colour around it. */
  contrast: number;
}

/**
 * How visible the focused element's focus is (through shadow roots): the thickest outline or
 * box-shadow on it or on a wrapper holding no other focusable element (a `label` or `li` ringed
 * through `:has(:focus-visible)`), its thickness, and its contrast with the background next to
 * it (the parent's for a ring outside the element, the element's own for one inside).
 */
export async function focusIndicator(page: Page): Promise<FocusIndicator> {
  const found = await page.evaluate(() => {
    const parentOf = (element: Element) =>
      element.parentElement ??
      (element.getRootNode() instanceof ShadowRoot
        ? (element.getRootNode() as ShadowRoot).host
        : null);
    const backgrounds = (start: Element | null) => {
      const layers: string[] = [];
      for (let element = start; element; element = parentOf(element)) {
        layers.push(getComputedStyle(element).backgroundColor);
      }
      return layers;
    };
    const name = (element: Element) =>
      `${element.localName}${typeof element.className === 'string' && element.className ? `.${element.className.trim().split(/\s+/).join('.')}` : ''}`;
    let focused = document.activeElement;
    while (focused?.shadowRoot?.activeElement) focused = focused.shadowRoot.activeElement;
    if (!focused || focused === document.body) return undefined;
    const controls = 'a[href], button, input, select, textarea, summary, [tabindex]';
    const candidates: Element[] = [focused];
    for (let element = parentOf(focused); element && candidates.length < 3; ) {
      if (element.querySelectorAll(controls).length !== 1) break;
      candidates.push(element);
      element = parentOf(element);
    }
    const rings = candidates.map((element) => {
      const style = getComputedStyle(element);
      return {
        element: name(element),
        outlineStyle: style.outlineStyle,
        outlineWidth: Number.parseFloat(style.outlineWidth),
        outlineColor: style.outlineColor,
        outlineOffset: Number.parseFloat(style.outlineOffset),
        boxShadow: style.boxShadow,
        outside: backgrounds(parentOf(element)),
        inside: backgrounds(element),
      };
    });
    return { tabStop: (focused as HTMLElement).tabIndex >= 0, rings };
  });
  const path = await focusPath(page);
  const none = {
    path,
    tabStop: found?.tabStop ?? false,
    description: 'none',
    width: 0,
    contrast: 1,
  };
  if (!found) return none;
  const indicators: FocusIndicator[] = [];
  for (const ring of found.rings) {
    if (ring.outlineStyle !== 'none' && ring.outlineWidth > 0) {
      const around = backdrop(ring.outlineOffset < 0 ? ring.inside : ring.outside);
      const colour = over(parseColour(ring.outlineColor), around);
      indicators.push({
        path,
        tabStop: found.tabStop,
        description: `outline ${ring.outlineWidth}px ${hex(colour)} on ${ring.element}`,
        width: ring.outlineWidth,
        contrast: contrastRatio(colour, around),
      });
    }
    // Chromium writes a computed shadow colour first: `rgb(…) 0px 0px 0px 3px`, maybe `inset`.
    const shadow = ring.boxShadow.match(/^(rgba?\([^)]*\))\s+(.*)$/);
    if (shadow?.[1] && shadow[2]) {
      const lengths = shadow[2].split(/\s+/).map(Number.parseFloat);
      const width = Math.max(lengths[2] ?? 0, lengths[3] ?? 0);
      const around = backdrop(shadow[2].includes('inset') ? ring.inside : ring.outside);
      const colour = over(parseColour(shadow[1]), around);
      if (width > 0) {
        indicators.push({
          path,
          tabStop: found.tabStop,
          description: `box-shadow ${width}px ${hex(colour)} on ${ring.element}`,
          width,
          contrast: contrastRatio(colour, around),
        });
      }
    }
  }
  // The thickest ring shows best (a browser's thin default ring may sit inside a page's own).
  return indicators.sort((a, b) => b.width - a.width || b.contrast - a.contrast)[0] ?? none;
}

/** The contrast of the page's own text (its light DOM: not the elements' shadow roots). */
export interface TextContrast {
  /** How many elements with visible text (or a placeholder) were measured. */
  checked: number;
  /** The lowest ratio found. */
  lowest: number;
  /** Each text below the minimum: `p.hint "随预约一并告知…" 6.23:1 (#4a5360 on #f3f6f7)`. */
  below: string[];
}

/**
 * Measures every element of the page's own DOM that shows text (and every empty field's
 * placeholder) from its computed styles: its colour, faded by its ancestors' opacity, over the
 * background colours stacked behind it. Text under a background image cannot be measured this
 * way and is listed as below. Disabled controls are left out (WCAG exempts them).
 */
export async function textContrast(page: Page, minimum: number): Promise<TextContrast> {
  const texts = await page.evaluate(() => {
    const found: {
      element: string;
      text: string;
      colour: string;
      opacity: number;
      backgrounds: string[];
      image: boolean;
    }[] = [];
    const name = (element: Element) =>
      `${element.localName}${typeof element.className === 'string' && element.className ? `.${element.className.trim().split(/\s+/).join('.')}` : ''}`;
    const measure = (element: Element, text: string, colour: string) => {
      let opacity = 1;
      let image = false;
      const backgrounds: string[] = [];
      for (let at: Element | null = element; at; at = at.parentElement) {
        const style = getComputedStyle(at);
        opacity *= Number.parseFloat(style.opacity);
        backgrounds.push(style.backgroundColor);
        if (style.backgroundImage !== 'none') image = true;
      }
      found.push({
        element: name(element),
        text: text.slice(0, 24),
        colour,
        opacity,
        backgrounds,
        image,
      });
    };
    const seen = new Set<Element>();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim() ?? '';
      const parent = node.parentElement;
      if (!text || !parent || seen.has(parent) || parent.closest('script, style, :disabled')) {
        continue;
      }
      seen.add(parent);
      const box = parent.getBoundingClientRect();
      if (box.width <= 1 || box.height <= 1) continue;
      if (!parent.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
      measure(parent, text, getComputedStyle(parent).color);
    }
    for (const field of document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(
      'input[placeholder]:not(:disabled), textarea[placeholder]:not(:disabled)',
    )) {
      if (field.value !== '' || !field.checkVisibility()) continue;
      measure(field, field.placeholder, getComputedStyle(field, '::placeholder').color);
    }
    return found;
  });
  let lowest = Number.POSITIVE_INFINITY;
  const below: string[] = [];
  for (const text of texts) {
    const behind = backdrop(text.backgrounds);
    const [r, g, b, a] = parseColour(text.colour);
    const colour = over([r, g, b, a * text.opacity], behind);
    const ratio = contrastRatio(colour, behind);
    lowest = Math.min(lowest, ratio);
    if (ratio < minimum || text.image) {
      below.push(
        `${text.element} "${text.text}" ${ratio.toFixed(2)}:1 (${hex(colour)} on ${hex(behind)}${text.image ? ', over a background image' : ''})`,
      );
    }
  }
  return { checked: texts.length, lowest, below };
}
