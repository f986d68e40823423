// What each card costs the page, counted (never timed): its DOM nodes, and the per-page work every
// card shares (the number formats, the window's listeners).
import { html } from 'lit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { service } from '../../test/fake-data.js';
import { cleanup, fixture } from '../../test/fixture.js';
import './define.js';
import type { ZheliServiceCard } from './service-card.js';

afterEach(cleanup);

/** The nodes in `root` by kind, and the whitespace-only text nodes with their parents. */
function nodesOf(root: Node): { all: number; elements: number; blank: string[] } {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_ALL);
  let all = 0;
  let elements = 0;
  const blank: string[] = [];
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
    all += 1;
    if (node.nodeType === Node.ELEMENT_NODE) elements += 1;
    if (node.nodeType === Node.TEXT_NODE && (node.textContent ?? '').trim() === '') {
      blank.push(`${node.previousSibling?.nodeName}+${node.nextSibling?.nodeName}`);
    }
  }
  return { all, elements, blank };
}

async function cards(count: number): Promise<ZheliServiceCard[]> {
  const list = await fixture<HTMLDivElement>(
    html`<div>${Array.from({ length: count }, () => html`<zheli-service-card .service=${service()}></zheli-service-card>`)}</div>`,
    {},
  );
  const all = [...list.querySelectorAll('zheli-service-card')];
  await Promise.all(all.map((card) => card.updateComplete));
  return all;
}

describe('the cost of a card', () => {
  it('renders a full card in 63 DOM nodes (94, then 69 before its badges and facts were inline and not a list), with no whitespace text but the space after each term', async () => {
    const [card] = await cards(1);
    const counted = nodesOf(card?.shadowRoot as ShadowRoot);
    // The space between a fact's term and its value (inline), as the words read.
    expect(counted.blank).toEqual(['DT+DD', 'DT+DD', 'DT+DD']);
    expect(counted.elements).toBe(22);
    expect(counted.all).toBe(63);
  });

  it('writes no variant attribute for the default, and reflects any other variant', async () => {
    // Each attribute written on a card is an attribute change and its callback, in every card.
    const [card] = await cards(1);
    expect(card?.hasAttribute('variant')).toBe(false);
    if (card) card.variant = 'compact';
    await card?.updateComplete;
    expect(card?.getAttribute('variant')).toBe('compact');
    if (card) card.variant = 'full';
    await card?.updateComplete;
    expect(card?.hasAttribute('variant')).toBe(false);
  });

  it('formats numbers with formats shared by every card, not a new one each time', async () => {
    // `toLocaleString` makes a new `Intl.NumberFormat` on each call: three a card, which was the
    // most of a card's time beyond Lit's in a profile of 1,000 cards (npm run bench -- --profile).
    const made = vi.spyOn(Number.prototype, 'toLocaleString');
    try {
      const [card] = await cards(20);
      expect(card?.shadowRoot?.textContent).toContain('12,873');
      expect(made).not.toHaveBeenCalled();
    } finally {
      made.mockRestore();
    }
  });

  it('formats each number once for cards that show the same ones, not four times a card', async () => {
    // `format` is a getter that returns a bound function: counted as it is read, once a call.
    const { prototype } = Intl.NumberFormat;
    const real = Object.getOwnPropertyDescriptor(prototype, 'format');
    let formats = 0;
    Object.defineProperty(prototype, 'format', {
      configurable: true,
      get(this: Intl.NumberFormat) {
        formats += 1;
        return real?.get?.call(this);
      },
    });
    try {
      const shown = await cards(20);
      expect(shown[19]?.shadowRoot?.textContent).toContain('12,873');
      // The days, the fee, the score and the count: each at most once for the twenty cards.
      expect(formats).toBeLessThanOrEqual(4);
    } finally {
      if (real) Object.defineProperty(prototype, 'format', real);
    }
  });

  it('adds no listener and reads no URL for each further card: the page’s are added once', async () => {
    await cards(1);
    const onWindow = vi.spyOn(window, 'addEventListener');
    const onDocument = vi.spyOn(document, 'addEventListener');
    const parsed = vi.spyOn(window, 'URLSearchParams');
    try {
      await cards(20);
      const types = [...onWindow.mock.calls, ...onDocument.mock.calls].map(([type]) => type);
      expect(types.filter((type) => type !== 'click')).toEqual([]);
      expect(parsed).not.toHaveBeenCalled();
    } finally {
      onWindow.mockRestore();
      onDocument.mockRestore();
      parsed.mockRestore();
    }
  });
});
