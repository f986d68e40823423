import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineOnSight } from './define-on-sight.js';

const added: Element[] = [];

afterEach(() => {
  for (const element of added.splice(0)) element.remove();
  vi.useRealTimers();
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

  it('asks again for code that did not arrive: after 2, 4, 8, 16 and 32 s, then when back online', async () => {
    vi.useFakeTimers();
    add('zheli-sight-failing');
    const load = vi.fn(async () => {
      throw new TypeError('Failed to fetch dynamically imported module');
    });
    defineOnSight('zheli-sight-failing', load);
    await vi.advanceTimersByTimeAsync(0);
    expect(load).toHaveBeenCalledTimes(1);
    for (const [seconds, calls] of [
      [2, 2],
      [4, 3],
      [8, 4],
      [16, 5],
      [32, 6],
    ] as const) {
      await vi.advanceTimersByTimeAsync(seconds * 1000 - 1);
      expect(load).toHaveBeenCalledTimes(calls - 1);
      await vi.advanceTimersByTimeAsync(1);
      expect(load).toHaveBeenCalledTimes(calls);
    }
    // No more timed attempts; the device coming back online asks again.
    await vi.advanceTimersByTimeAsync(600_000);
    expect(load).toHaveBeenCalledTimes(6);
    dispatchEvent(new Event('online'));
    await vi.advanceTimersByTimeAsync(0);
    expect(load).toHaveBeenCalledTimes(7);
  });

  it('stops asking once the code has arrived', async () => {
    vi.useFakeTimers();
    add('zheli-sight-flaky');
    let calls = 0;
    const load = vi.fn(async () => {
      calls += 1;
      if (calls === 1) throw new TypeError('Failed to fetch dynamically imported module');
      customElements.define('zheli-sight-flaky', class extends HTMLElement {});
    });
    defineOnSight('zheli-sight-flaky', load);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(load).toHaveBeenCalledTimes(2);
    expect(customElements.get('zheli-sight-flaky')).toBeDefined();
    await vi.advanceTimersByTimeAsync(600_000);
    dispatchEvent(new Event('online'));
    await vi.advanceTimersByTimeAsync(0);
    expect(load).toHaveBeenCalledTimes(2);
  });
});
