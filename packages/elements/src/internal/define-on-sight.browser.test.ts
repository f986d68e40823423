import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineOnSight } from './define-on-sight.js';

const added: Element[] = [];

afterEach(() => {
  for (const element of added.splice(0)) element.remove();
});

function add(tag: string): void {
  const element = document.createElement(tag);
  document.body.append(element);
  added.push(element);
}

describe('defineOnSight (the drop-in’s lazy registration)', () => {
  it('loads at once when the page already has the tag', async () => {
    add('zheli-sight-present');
    const load = vi.fn(async () => undefined);
    defineOnSight('zheli-sight-present', load);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('waits until the tag is added, then loads once however many follow', async () => {
    const load = vi.fn(async () => undefined);
    defineOnSight('zheli-sight-later', load);
    add('div');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(load).not.toHaveBeenCalled();
    const wrapper = document.createElement('section');
    wrapper.innerHTML = '<p><zheli-sight-later></zheli-sight-later></p>';
    document.body.append(wrapper);
    added.push(wrapper);
    await vi.waitFor(() => expect(load).toHaveBeenCalledTimes(1));
    add('zheli-sight-later');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('does nothing for a tag that is already registered', () => {
    customElements.define('zheli-sight-defined', class extends HTMLElement {});
    add('zheli-sight-defined');
    const load = vi.fn(async () => undefined);
    defineOnSight('zheli-sight-defined', load);
    expect(load).not.toHaveBeenCalled();
  });
});
