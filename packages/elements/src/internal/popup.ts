import type { Placement } from '@floating-ui/dom';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { getLogger } from './logger.js';

/** The positioning functions `PopupController` uses. */
export type FloatingUi = typeof import('./position.js');
let floatingUi: Promise<FloatingUi> | undefined;

/**
 * `@floating-ui/dom`, loaded once for the page on the first popup (or `prepare()`), not with the
 * element: no popup is open when an element first renders, so it stays off the critical path.
 */
function loadFloatingUi(): Promise<FloatingUi> {
  floatingUi ??= import('./position.js');
  return floatingUi;
}

/** Options of `PopupController`. */
export interface PopupOptions {
  /** The element the popup is placed against. */
  anchor(): HTMLElement | null | undefined;
  /** The popup itself; give it `popover="manual"` to lift it into the top layer. */
  floating(): HTMLElement | null | undefined;
  /** @default 'bottom-start' */
  placement?: Placement;
  /** How the positioning code is loaded; by default `@floating-ui/dom`, once for the page. */
  load?: () => Promise<FloatingUi>;
}

/**
 * The one popup every element uses: `@floating-ui/dom`'s `computePosition` with flip, shift and
 * size, kept in place by `autoUpdate`, and cleaned up when closed or when the host disconnects.
 * The popup is shown in the top layer (the popover API) and positioned with `strategy: 'fixed'`,
 * so no scroll container or `overflow: hidden` ancestor clips it. Positions are written through
 * the CSSOM (`element.style.left`), which strict CSP allows; no `style=` attribute is rendered.
 */
export class PopupController implements ReactiveController {
  private readonly options: PopupOptions;
  private stop: (() => void) | undefined;

  constructor(host: ReactiveControllerHost, options: PopupOptions) {
    this.options = options;
    host.addController(this);
  }

  /** Whether the popup is open. */
  get isOpen(): boolean {
    return this.stop !== undefined;
  }

  hostDisconnected(): void {
    this.close();
  }

  /** Starts loading the positioning code, e.g. when a control that opens the popup appears. */
  prepare(): void {
    void loadFloatingUi().catch(() => undefined);
  }

  /**
   * Shows the popup and keeps it placed until `close()`. The popup stays invisible until its
   * first position is known, so it never flashes where the browser would put it; should the
   * positioning code fail to load (a dropped connection), it is shown where the styles put it.
   * @returns settles once the popup is visible (focus can move into it then), or was closed.
   */
  open(): Promise<void> {
    const anchor = this.options.anchor();
    const floating = this.options.floating();
    if (anchor == null || floating == null || this.stop !== undefined) return Promise.resolve();
    let closed = false;
    let cleanup: (() => void) | undefined;
    this.stop = () => {
      closed = true;
      cleanup?.();
    };
    floating.style.visibility = 'hidden';
    if (typeof floating.showPopover === 'function' && floating.hasAttribute('popover')) {
      if (!floating.matches(':popover-open')) floating.showPopover();
    }
    const placement = this.options.placement ?? 'bottom-start';
    return (this.options.load ?? loadFloatingUi)().then(
      ({ autoUpdate, computePosition, flip, offset, shift, size }) =>
        new Promise<void>((shown) => {
          if (closed) {
            shown();
            return;
          }
          const place = async (): Promise<void> => {
            const { x, y } = await computePosition(anchor, floating, {
              strategy: 'fixed',
              placement,
              middleware: [
                offset(4),
                flip(),
                shift({ padding: 8 }),
                size({
                  padding: 8,
                  apply({ availableHeight, rects, elements }) {
                    elements.floating.style.minWidth = `${rects.reference.width}px`;
                    elements.floating.style.maxHeight = `${Math.max(120, availableHeight)}px`;
                  },
                }),
              ],
            });
            floating.style.left = `${x}px`;
            floating.style.top = `${y}px`;
            floating.style.visibility = '';
            shown();
          };
          cleanup = autoUpdate(anchor, floating, () => void place().catch(shown));
        }),
      (error: unknown) => {
        floatingUi = undefined;
        floating.style.visibility = '';
        getLogger().warn('Could not load @floating-ui/dom; the popup is shown unplaced', error);
      },
    );
  }

  /** Hides the popup and stops following the anchor. */
  close(): void {
    this.stop?.();
    this.stop = undefined;
    const floating = this.options.floating();
    if (floating != null && typeof floating.hidePopover === 'function') {
      if (floating.matches(':popover-open')) floating.hidePopover();
    }
  }
}
