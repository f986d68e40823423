import { describe, expect, it } from 'vitest';

describe('importing the package (after a build)', () => {
  it('touches no window, document or customElements at import, so it loads in Node and SSR', async () => {
    expect(typeof window).toBe('undefined');
    const elements = await import('../dist/index.js');
    expect(typeof elements.configure).toBe('function');
    expect(typeof elements.ZheliServiceCard).toBe('function');
    await expect(import('../dist/define.js')).resolves.toBeDefined();
  });
});
