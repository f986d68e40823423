import { describe, expect, it } from 'vitest';
import { Loader } from './loader.js';

describe('Loader', () => {
  it('resolves true for a load that succeeds, and reports nothing', async () => {
    const errors: unknown[] = [];
    const loader = new Loader((error) => errors.push(error));
    await expect(loader.run(async () => 'month')).resolves.toBe(true);
    expect(errors).toEqual([]);
    expect(loader.retry()).toBeUndefined();
  });

  it('reports a failure instead of rejecting, and retries that load until it succeeds', async () => {
    const errors: unknown[] = [];
    const loader = new Loader((error) => errors.push(error));
    let calls = 0;
    const load = async (): Promise<void> => {
      calls += 1;
      if (calls === 1) throw new Error('503');
    };
    await expect(loader.run(load)).resolves.toBe(false);
    expect(errors).toEqual([new Error('503')]);
    await expect(loader.retry()).resolves.toBe(true);
    expect(calls).toBe(2);
    expect(loader.retry()).toBeUndefined();
  });
});
