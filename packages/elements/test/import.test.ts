import { describe, expect, it } from 'vitest';

describe('importing the package (after a build)', () => {
  it('touches no window, document or customElements at import, so it loads in Node and SSR', async () => {
    expect(typeof window).toBe('undefined');
    // Node resolves Lit's development build here; its one-time dev-mode notice is not a finding.
    Object.assign(globalThis, { litIssuedWarnings: new Set(['dev-mode']) });
    const elements = await import('../dist/index.js');
    expect(typeof elements.configure).toBe('function');
    expect(typeof elements.ZheliServiceCard).toBe('function');
    await expect(import('../dist/define.js')).resolves.toBeDefined();
  });
});
