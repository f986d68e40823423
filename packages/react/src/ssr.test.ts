// Server rendering: the built package imports in Node (no window), and react-dom/server renders
// every component to the custom element's tag, with its attributes, without throwing.
import { type ComponentType, createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

describe('server rendering', () => {
  // The first import transforms the whole element graph, slow on a fresh clone's cold cache.
  it('imports in Node and renders every component with renderToString', {
    timeout: 120_000,
  }, async () => {
    expect(typeof window).toBe('undefined');
    // Node resolves Lit's development build; its one-time dev-mode notice is not a finding.
    Object.assign(globalThis, { litIssuedWarnings: new Set(['dev-mode']) });
    const exported = (await import('../dist/index.js')) as unknown as Record<string, unknown> & {
      components: readonly { tagName: string; component: string }[];
    };
    expect(exported.components.length).toBeGreaterThanOrEqual(6);
    for (const { tagName, component } of exported.components) {
      const Component = exported[component] as ComponentType<Record<string, unknown>>;
      const html = renderToString(createElement(Component, { id: 'x', 'aria-label': '标签' }));
      expect(html).toContain(`<${tagName}`);
      expect(html).toContain('id="x"');
      expect(html).toContain('aria-label="标签"');
    }
  });

  it('renders children inside the config element', { timeout: 120_000 }, async () => {
    const { ZheliConfig, ZheliServiceCard } = await import('../dist/index.js');
    const html = renderToString(
      createElement(ZheliConfig, null, createElement(ZheliServiceCard, { className: 'card' })),
    );
    expect(html).toMatch(/^<zheli-config[^>]*><zheli-service-card[^>]*class="card"/);
  });
});
