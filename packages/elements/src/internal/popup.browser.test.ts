import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setLogger } from './logger.js';
import { type FloatingUi, PopupController } from './popup.js';

const host: ReactiveControllerHost = {
  addController: (_controller: ReactiveController) => undefined,
  removeController: () => undefined,
  requestUpdate: () => undefined,
  updateComplete: Promise.resolve(true),
};

/** A button near the top of the page and a `popover="manual"` panel for it. */
function page(): { anchor: HTMLButtonElement; panel: HTMLDivElement } {
  const anchor = document.createElement('button');
  anchor.textContent = '详情';
  anchor.style.cssText = 'position: absolute; top: 40px; left: 40px;';
  const panel = document.createElement('div');
  panel.setAttribute('popover', 'manual');
  panel.style.cssText = 'position: fixed; margin: 0;';
  panel.textContent = '09:00–09:30 剩余 2 个名额';
  document.body.append(anchor, panel);
  return { anchor, panel };
}

afterEach(() => {
  document.body.replaceChildren();
  setLogger(undefined);
});

describe('PopupController', () => {
  it('keeps the popup invisible until floating-ui has placed it below its anchor', async () => {
    const { anchor, panel } = page();
    const popup = new PopupController(host, { anchor: () => anchor, floating: () => panel });
    const shown = popup.open();
    expect(panel.matches(':popover-open')).toBe(true);
    expect(panel.style.visibility).toBe('hidden');
    await shown;
    expect(panel.style.visibility).toBe('');
    expect(panel.getBoundingClientRect().top).toBeGreaterThanOrEqual(
      anchor.getBoundingClientRect().bottom,
    );
    expect(Number.parseFloat(panel.style.left)).toBeCloseTo(anchor.getBoundingClientRect().left, 0);
    popup.close();
    expect(panel.matches(':popover-open')).toBe(false);
  });

  it('shows the popup unplaced, and says why, when the positioning code cannot load', async () => {
    const warn = vi.fn();
    setLogger({ warn, error: vi.fn() });
    const { anchor, panel } = page();
    const popup = new PopupController(host, {
      anchor: () => anchor,
      floating: () => panel,
      load: () => Promise.reject(new TypeError('Failed to fetch dynamically imported module')),
    });
    await popup.open();
    expect(panel.matches(':popover-open')).toBe(true);
    expect(panel.style.visibility).toBe('');
    expect(panel.style.left).toBe('');
    expect(warn).toHaveBeenCalledWith(
      'Could not load @floating-ui/dom; the popup is shown unplaced',
      expect.any(TypeError),
    );
  });

  it('settles and places nothing when closed before the positioning code arrives', async () => {
    const { anchor, panel } = page();
    let arrive: (value: FloatingUi) => void = () => undefined;
    const popup = new PopupController(host, {
      anchor: () => anchor,
      floating: () => panel,
      load: () => new Promise<FloatingUi>((resolve) => (arrive = resolve)),
    });
    const shown = popup.open();
    popup.close();
    expect(popup.isOpen).toBe(false);
    arrive(await import('./position.js'));
    await shown;
    // Long enough for a placement that should not happen to have happened.
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    expect(panel.matches(':popover-open')).toBe(false);
    expect(panel.style.left).toBe('');
  });
});
