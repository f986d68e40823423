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
  it('renders a full card in 69 DOM nodes (94 before), with no whitespace text but the space after each term', async () => {
    const [card] = await cards(1);
    const counted = nodesOf(card?.shadowRoot as ShadowRoot);
    // The space between a fact's term and its value (inline), as the words read.
    expect(counted.blank).toEqual(['DT+DD', 'DT+DD', 'DT+DD']);
    expect(counted.elements).toBe(22);
    expect(counted.all).toBe(69);
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

  it('listens on the window once for the page, not once per card', async () => {
    const added = vi.spyOn(window, 'addEventListener');
    try {
      await cards(20);
      const listeners = added.mock.calls.map(([type, listener]) => [type, listener] as const);
      for (const type of ['lit-localize-status', 'zheli-app-change']) {
        const of = new Set(listeners.filter(([t]) => t === type).map(([, listener]) => listener));
        expect(of.size, type).toBe(1);
      }
    } finally {
      added.mockRestore();
    }
  });
});
