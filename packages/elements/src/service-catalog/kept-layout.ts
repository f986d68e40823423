import { FlowLayout } from '@lit-labs/virtualizer/layouts/flow.js';

type Size = FlowLayout['viewportSize'];
type Scroll = FlowLayout['viewportScroll'];

/**
 * The virtualizer's flow layout, except that a list scrolled out of the window keeps the rows
 * around where it was last seen: the virtualizer measures what of the list the window shows,
 * and with nothing shown it would render no rows at all, so find-in-page, a screen reader's
 * browse mode and `role="list"` would find no service. A list never seen yet (below the fold)
 * renders its first rows.
 */
export class KeptFlowLayout extends FlowLayout {
  private seen = false;
  private hidden = false;

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
}
