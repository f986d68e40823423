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

  it('retries with what the load asked for instead of itself', async () => {
    const loader = new Loader(() => undefined);
    let again = 0;
    await loader.run(() => Promise.reject(new Error('503')), {
      again: async () => {
        again += 1;
        return true;
      },
    });
    await loader.retry();
    expect(again).toBe(1);
  });

  it('does not report the failure of a load a newer one replaced', async () => {
    const errors: unknown[] = [];
    const loader = new Loader((error) => errors.push(error));
    await expect(
      loader.run(() => Promise.reject(new Error('old')), { stale: () => true }),
    ).resolves.toBe(false);
    expect(errors).toEqual([]);
    expect(loader.retry()).toBeUndefined();
  });
});
