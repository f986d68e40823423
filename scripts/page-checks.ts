// What the end-to-end suites (examples/*, stories) check on every page, in one place: the CSP
// violations and layout shifts a document reports from its first byte, its uncaught errors, axe,
// keyboard focus through shadow roots and how visible it is, text contrast from computed styles,
// and QR codes read off the screen.
// Longer than 400 lines because it is a toolbox of about 25 small checks that every suite imports
// from one path; each check is a function of its own with no state shared between them.
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

/**
 * The styles of the standard text-spacing bookmarklet (WCAG 1.4.12's test): line height 1.5,
 * letter spacing 0.12em, word spacing 0.16em, 2em after each paragraph.
 */
const textSpacingStyles = `* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
  word-spacing: 0.16em !important; } p { margin-block-end: 2em !important; }`;

/**
 * Applies the text-spacing styles to the document and to every shadow root in it (a page's
 * `*` rule does not reach into shadow roots, so the bookmarklet's own run would miss the
 * elements), as a constructed style sheet: a strict CSP does not block it. Returns how many
 * roots it styled.
 */
export function applyTextSpacing(page: Page): Promise<number> {
  return page.evaluate((styles) => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(styles);
    const roots: (Document | ShadowRoot)[] = [document];
    for (let i = 0; i < roots.length; i++) {
      const root = roots[i] as Document | ShadowRoot;
      if (!root.adoptedStyleSheets.includes(sheet)) {
        root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
      }
      for (const element of root.querySelectorAll('*')) {
        if (element.shadowRoot) roots.push(element.shadowRoot);
      }
    }
    return roots.length;
  }, textSpacingStyles);
}

/** What the text-spacing check found: the texts cut off and the texts drawn over each other. */
export interface TextLayout {
  /** How many visible texts were measured. */
  checked: number;
  /** `zheli-service-card p.name "机动车检验预约" 6 of 36 px tall shown (cut by article.base)`. */
  clipped: string[];
  /** `span.reason "约满" overlaps button.day "18"`. */
  overlapping: string[];
}

/**
 * Whether every visible text on the page (shadow roots included) is shown whole and apart: no
 * line of it cut by an ancestor that hides its overflow (`hidden` or `clip`: a scroll container
 * shows all by scrolling, and visually hidden text is left out), and no two texts' lines drawn
 * over each other in the same layer (an open popover covers what lies under it by design). Run
 * it after `applyTextSpacing` (and a frame for layout).
 */
export function textLayout(page: Page): Promise<TextLayout> {
  return page.evaluate(() => {
    const parentOf = (node: Node): Element | null =>
      node instanceof Element || node instanceof Text
        ? ((node as Element | Text).assignedSlot ??
          node.parentElement ??
          (node.parentNode instanceof ShadowRoot ? node.parentNode.host : null))
        : null;
    const name = (element: Element) => {
      const host =
        element.getRootNode() instanceof ShadowRoot
          ? `${(element.getRootNode() as ShadowRoot).host.localName} `
          : '';
      const part = element.getAttribute('part');
      const classes =
        typeof element.className === 'string' && element.className.trim()
          ? `.${element.className.trim().split(/\s+/).join('.')}`
          : '';
      return `${host}${element.localName}${classes}${part ? `[part=${part}]` : ''}`;
    };
    // Visually hidden text (a 1 px box that hides its overflow) is for screen readers only.
    const hiddenByDesign = (element: Element) => {
      for (let at: Element | null = element; at; at = parentOf(at)) {
        const box = at.getBoundingClientRect();
        const style = getComputedStyle(at);
        if ((box.width <= 1 || box.height <= 1) && style.overflow !== 'visible') return true;
        if (style.clipPath === 'inset(50%)') return true;
      }
      return false;
    };
    const roots: (Document | ShadowRoot)[] = [document];
    for (let i = 0; i < roots.length; i++) {
      for (const element of (roots[i] as Document | ShadowRoot).querySelectorAll('*')) {
        if (element.shadowRoot) roots.push(element.shadowRoot);
      }
    }
    // The top layer (an open popover, a modal dialog) is painted over the page by design: a
    // text in it is compared with the texts of its own layer, not with those it covers.
    const layerOf = (element: Element): Element | null => {
      for (let at: Element | null = element; at; at = parentOf(at)) {
        if (at.matches(':popover-open, dialog:modal')) return at;
      }
      return null;
    };
    const lines: {
      owner: Element;
      layer: Element | null;
      text: string;
      rects: { left: number; top: number; right: number; bottom: number }[];
    }[] = [];
    const clipped: string[] = [];
    for (const root of roots) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent?.replace(/\s+/g, ' ').trim() ?? '';
        const owner = node.parentElement;
        if (!text || !owner || owner.closest('script, style, template, option, title')) continue;
        if (!owner.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
        if (hiddenByDesign(owner)) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
        if (rects.length === 0) continue;
        // What of each line the ancestors that clip (scroll containers too) let show: a row
        // scrolled out of its list is compared with nothing.
        let shownRects = rects.map((r) => ({
          left: r.left,
          top: r.top,
          right: r.right,
          bottom: r.bottom,
        }));
        for (let at = parentOf(owner); at && shownRects.length > 0; at = parentOf(at)) {
          const style = getComputedStyle(at);
          if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
          const box = at.getBoundingClientRect();
          shownRects = shownRects
            .map((r) => ({
              left: Math.max(r.left, box.left),
              top: Math.max(r.top, box.top),
              right: Math.min(r.right, box.right),
              bottom: Math.min(r.bottom, box.bottom),
            }))
            .filter((r) => r.right - r.left > 0 && r.bottom - r.top > 0);
        }
        lines.push({ owner, layer: layerOf(owner), text, rects: shownRects });
        // Each ancestor that hides its overflow (the text's own element too) cuts what lies
        // outside its padding box.
        for (let at: Element | null = owner; at; at = parentOf(at)) {
          const style = getComputedStyle(at);
          // What a scroll container holds is shown by scrolling it.
          if (/auto|scroll/.test(`${style.overflowX} ${style.overflowY}`)) break;
          const hidesX = style.overflowX === 'hidden' || style.overflowX === 'clip';
          const hidesY = style.overflowY === 'hidden' || style.overflowY === 'clip';
          if (!hidesX && !hidesY) continue;
          const box = at.getBoundingClientRect();
          const left = box.left + at.clientLeft;
          const top = box.top + at.clientTop;
          const right = left + at.clientWidth;
          const bottom = top + at.clientHeight;
          let shown = 0;
          let total = 0;
          let cut = false;
          for (const r of rects) {
            total += r.height;
            const visibleTop = hidesY ? Math.max(r.top, top) : r.top;
            const visibleBottom = hidesY ? Math.min(r.bottom, bottom) : r.bottom;
            shown += Math.max(0, visibleBottom - visibleTop);
            if (hidesY && (r.top < top - 1 || r.bottom > bottom + 1)) cut = true;
            if (hidesX && (r.left < left - 1 || r.right > right + 1)) cut = true;
          }
          if (cut) {
            clipped.push(
              `${name(owner)} "${text.slice(0, 24)}" ${Math.round(shown)} of ${Math.round(total)} px tall shown (cut by ${name(at)})`,
            );
            break;
          }
        }
      }
    }
    const overlapping: string[] = [];
    for (let i = 0; i < lines.length; i++) {
      for (let j = i + 1; j < lines.length; j++) {
        const a = lines[i];
        const b = lines[j];
        if (!a || !b || a.layer !== b.layer) continue;
        const hit = a.rects.some((p) =>
          b.rects.some(
            (q) =>
              Math.min(p.right, q.right) - Math.max(p.left, q.left) > 2 &&
              Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top) > 2,
          ),
        );
        if (hit) {
          overlapping.push(
            `${name(a.owner)} "${a.text.slice(0, 16)}" overlaps ${name(b.owner)} "${b.text.slice(0, 16)}"`,
          );
        }
      }
    }
    return { checked: lines.length, clipped, overlapping };
  });
}

/** A state an element shows, and what tells it apart in forced colours. */
export interface ForcedColours {
  /** How many groups of like elements (same root, tag, part and role) in different states were compared. */
  compared: number;
  /** `zheli-evaluation label.choice[part=level]: checked and unchecked look the same`. */
  alike: string[];
}

/**
 * Whether each state an element shows only by its look still shows in forced colours (Windows
 * High Contrast: the browser replaces the page's colours with the few system colours and drops
 * shadows and background images). Call it with forced colours emulated
 * (`page.emulateMedia({ forcedColors: 'active' })`). Every element in a state (`aria-pressed`,
 * `aria-selected`, `aria-checked`, `aria-current`, `aria-invalid`, a checked box, the option
 * `aria-activedescendant` points to) is compared with the elements like it (same root, tag, part
 * and role) in another state: what is drawn (the element, its `::before`/`::after`, its
 * descendants, and the `label` around a form control: colours, borders, outlines, text
 * decoration, weight) must differ. A native check box or radio button that keeps its own look
 * draws its state itself.
 */
export function forcedColours(page: Page): Promise<ForcedColours> {
  return page.evaluate(() => {
    const roots: (Document | ShadowRoot)[] = [document];
    for (let i = 0; i < roots.length; i++) {
      for (const element of (roots[i] as Document | ShadowRoot).querySelectorAll('*')) {
        if (element.shadowRoot) roots.push(element.shadowRoot);
      }
    }
    // A background of the system's Canvas is no fill on a Canvas page: it shows nothing.
    const probe = document.createElement('span');
    probe.style.backgroundColor = 'Canvas';
    document.body.append(probe);
    const canvas = getComputedStyle(probe).backgroundColor;
    probe.remove();
    const line = (style: CSSStyleDeclaration, prefix: string) => {
      const width = style.getPropertyValue(`${prefix}-width`);
      const kind = style.getPropertyValue(`${prefix}-style`);
      return kind === 'none' || kind === 'hidden' || Number.parseFloat(width) === 0
        ? 'none'
        : `${width} ${kind} ${style.getPropertyValue(`${prefix}-color`)}`;
    };
    const look = (element: Element) =>
      [null, '::before', '::after']
        .map((pseudo) => {
          const style = getComputedStyle(element, pseudo);
          const background = style.backgroundColor;
          return [
            style.color,
            background === canvas || /^rgba\(.*,\s*0\)$/.test(background) ? 'none' : background,
            ...['top', 'right', 'bottom', 'left'].map((side) => line(style, `border-${side}`)),
            line(style, 'outline'),
            style.textDecorationLine,
            style.fontWeight,
            style.fill,
            style.stroke,
            style.opacity,
            style.content,
          ].join(' ');
        })
        .join(' | ');
    const drawn = (element: Element) => {
      const wrapper = element.matches('input, select, textarea')
        ? (element.closest('label') ?? element)
        : element;
      return [wrapper, ...wrapper.querySelectorAll('*')].slice(0, 40).map(look).join('\n');
    };
    const nativeLook = (element: Element) =>
      element.matches('input[type=checkbox], input[type=radio]') &&
      getComputedStyle(element).appearance !== 'none' &&
      element.getBoundingClientRect().width > 1;
    const states = [
      'aria-pressed',
      'aria-selected',
      'aria-checked',
      'aria-current',
      'aria-invalid',
    ] as const;
    const groups = new Map<string, { element: Element; state: string }[]>();
    for (const root of roots) {
      const active = new Set(
        [...root.querySelectorAll('[aria-activedescendant]')].map((owner) =>
          owner.getAttribute('aria-activedescendant'),
        ),
      );
      const host = root instanceof ShadowRoot ? root.host.localName : 'document';
      const candidates = root.querySelectorAll(
        `${states.map((state) => `[${state}]`).join(', ')}, input[type=checkbox], input[type=radio], [id]`,
      );
      for (const element of candidates) {
        if (!element.checkVisibility()) continue;
        const parts: string[] = states
          .filter((state) => element.hasAttribute(state))
          .map((state) => `${state}=${element.getAttribute(state)}`);
        if (element instanceof HTMLInputElement && /checkbox|radio/.test(element.type)) {
          if (nativeLook(element)) continue;
          parts.push(element.checked ? 'checked' : 'unchecked');
        }
        if (element.id && active.size > 0 && element.getAttribute('role') === 'option') {
          parts.push(active.has(element.id) ? 'active' : 'inactive');
        }
        if (parts.length === 0) continue;
        const name = `${host} ${element.localName}${element.getAttribute('part') ? `[part=${element.getAttribute('part')}]` : ''}${element.getAttribute('role') ? `[role=${element.getAttribute('role')}]` : ''}`;
        const group = groups.get(name) ?? [];
        group.push({ element, state: parts.join(' ') });
        groups.set(name, group);
      }
    }
    let compared = 0;
    const alike: string[] = [];
    for (const [kind, members] of groups) {
      // Each state's looks: a state shows when no element in it looks like one in another state.
      const looks = new Map<string, Set<string>>();
      for (const { element, state } of members) {
        looks.set(state, (looks.get(state) ?? new Set()).add(drawn(element)));
      }
      if (looks.size < 2) continue;
      compared++;
      const entries = [...looks];
      for (const [i, [state, seen]] of entries.entries()) {
        for (const [other, otherSeen] of entries.slice(i + 1)) {
          if ([...seen].some((look) => otherSeen.has(look))) {
            alike.push(`${kind}: ${state} and ${other} look the same`);
          }
        }
      }
    }
    return { compared, alike };
  });
}

/** What elder mode promises that a page's own content misses (see `elderMetrics`). */
export interface ElderMetrics {
  /** Each visible text under the size: `a "政务公开" 17.5px`. */
  smallText: string[];
  /** Each link, button or field smaller than the target: `a "政务公开" 56×20`. */
  smallTargets: string[];
}

/**
 * Elder mode's size promises (适老化: text of at least 18 px, targets of at least 48 × 48 px)
 * measured on the page's own DOM (the elements measure their shadow roots in their own tests).
 * A link that is hidden until focused (a skip link off screen) is left out.
 */
export function elderMetrics(
  page: Page,
  { fontSize = 18, target = 48 }: { fontSize?: number; target?: number } = {},
): Promise<ElderMetrics> {
  return page.evaluate(
    ({ fontSize, target }) => {
      const label = (element: Element) =>
        `${element.localName}${typeof element.className === 'string' && element.className ? `.${element.className.trim().split(/\s+/).join('.')}` : ''} "${(element.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 20)}"`;
      const onScreen = (box: DOMRect) =>
        box.right > 0 && box.bottom > 0 && box.left < document.documentElement.scrollWidth;
      const smallText: string[] = [];
      const seen = new Set<Element>();
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (!node.textContent?.trim() || !parent || seen.has(parent)) continue;
        seen.add(parent);
        if (parent.closest('script, style, [aria-hidden="true"]')) continue;
        if (!parent.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
        const box = parent.getBoundingClientRect();
        if (box.width <= 1 || box.height <= 1 || !onScreen(box)) continue;
        const size = Number.parseFloat(getComputedStyle(parent).fontSize);
        if (size < fontSize - 0.01) smallText.push(`${label(parent)} ${size}px`);
      }
      const smallTargets: string[] = [];
      for (const control of document.querySelectorAll(
        'a[href], button, input:not([type=hidden]), select, textarea, summary',
      )) {
        if (!control.checkVisibility({ visibilityProperty: true })) continue;
        const box = control.getBoundingClientRect();
        if (!onScreen(box)) continue;
        if (box.width < target - 0.5 || box.height < target - 0.5) {
          smallTargets.push(`${label(control)} ${Math.round(box.width)}×${Math.round(box.height)}`);
        }
      }
      return { smallText, smallTargets };
    },
    { fontSize, target },
  );
}
