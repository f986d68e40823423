import { FlowLayout } from '@lit-labs/virtualizer/layouts/flow.js';

type Size = FlowLayout['viewportSize'];
type Scroll = FlowLayout['viewportScroll'];
type Measurements = Parameters<FlowLayout['updateItemSizes']>[0];

/** The rows kept beyond the view on each side once the first screen shows (the virtualizer's). */
const overhang = 1000;
/** How far each later task widens the rows beyond the view: two or three compact rows. */
const step = 250;

/**
 * The virtualizer's flow layout, with two changes.
 *
 * The first screen first: a new list renders only the rows in view, and the rows beyond it
 * (1,000 px each side, for smooth scrolling) come `step` pixels a task after each measurement,
 * so showing the first page is not one long task of a dozen cards nobody sees yet.
 *
 * A list scrolled out of the window keeps the rows around where it was last seen: the
 * virtualizer measures what of the list the window shows, and with nothing shown it would render
 * no rows at all, so find-in-page, a screen reader's browse mode and `role="list"` would find no
 * service. A list never seen yet (below the fold) renders its first rows.
 */
export class KeptFlowLayout extends FlowLayout {
  private seen = false;
  private hidden = false;
  private widening: ReturnType<typeof setTimeout> | undefined;

  protected override _overhang = 0;

  override get viewportSize(): Size {
    return super.viewportSize;
  }

  override set viewportSize(size: Size) {
    this.hidden = size.width === 0 || size.height === 0;
    if (!this.hidden) this.seen = true;
    else if (this.seen) return;
    // One pixel of view at the top, plus the layout's overhang: the first rows.
    super.viewportSize = this.hidden ? { width: size.width || 1, height: 1 } : size;
  }

  override get viewportScroll(): Scroll {
    return super.viewportScroll;
  }

  override set viewportScroll(scroll: Scroll) {
    // Out of view the virtualizer's offset means nothing: the last one seen is kept.
    if (this.hidden && this.seen) return;
    super.viewportScroll = this.hidden ? { top: 0, left: 0 } : scroll;
  }

  override updateItemSizes(sizes: Measurements): void {
    super.updateItemSizes(sizes);
    // The rows rendered so far are measured (and shown in this frame): widen in the next task.
    if (this._overhang >= overhang || this.widening !== undefined) return;
    this.widening = setTimeout(() => {
      this.widening = undefined;
      this._overhang = Math.min(overhang, this._overhang + step);
      this._triggerReflow();
    });
  }
}
