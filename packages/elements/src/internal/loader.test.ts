import type { ReactiveController } from 'lit';
import { describe, expect, it } from 'vitest';
import { LatestLoad, Loader, loadOnce } from './loader.js';

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

describe('loadOnce', () => {
  it('loads once and gives every call, at once or later, the same result', async () => {
    let calls = 0;
    const load = loadOnce(async () => {
      calls += 1;
      return { calls };
    });
    const [first, second] = await Promise.all([load(), load()]);
    expect(first).toBe(second);
    expect(await load()).toBe(first);
    expect(calls).toBe(1);
  });

  it('forgets a load that failed: the next call loads again (code that did not arrive)', async () => {
    let calls = 0;
    const load = loadOnce(async () => {
      calls += 1;
      if (calls === 1) throw new TypeError('Failed to fetch dynamically imported module');
      return 'module';
    });
    const [first, second] = await Promise.allSettled([load(), load()]);
    expect(first).toMatchObject({
      status: 'rejected',
      reason: new TypeError('Failed to fetch dynamically imported module'),
    });
    expect(second).toMatchObject({ status: 'rejected' });
    expect(calls).toBe(1);
    await expect(load()).resolves.toBe('module');
    await expect(load()).resolves.toBe('module');
    expect(calls).toBe(2);
  });
});

/** A host that only records its controllers, connected and disconnected by hand. */
function host() {
  const controllers: ReactiveController[] = [];
  return {
    addController: (controller: ReactiveController) => controllers.push(controller),
    removeController: () => undefined,
    requestUpdate: () => undefined,
    updateComplete: Promise.resolve(true),
    connect: () => {
      for (const c of controllers) c.hostConnected?.();
    },
    disconnect: () => {
      for (const c of controllers) c.hostDisconnected?.();
    },
  };
}

describe('LatestLoad', () => {
  it('aborts the load under way when it starts again, and drops that load’s failure', async () => {
    const errors: unknown[] = [];
    const signals: AbortSignal[] = [];
    const load = new LatestLoad(
      host(),
      (signal) => {
        signals.push(signal);
        return new Promise((_resolve, reject) => {
          signal.addEventListener('abort', () => reject(new Error('aborted')));
        });
      },
      (error) => errors.push(error),
    );
    const first = load.start();
    void load.start();
    await first;
    expect(signals.map((s) => s.aborted)).toEqual([true, false]);
    expect(errors).toEqual([]);
  });

  it('reports the failure of the load under way instead of rejecting', async () => {
    const errors: unknown[] = [];
    const load = new LatestLoad(
      host(),
      async () => {
        throw new Error('503');
      },
      (error) => errors.push(error),
    );
    await expect(load.start()).resolves.toBeUndefined();
    expect(errors).toEqual([new Error('503')]);
  });

  it('aborts on disconnect and starts again on connect only the load that was cut off', async () => {
    const element = host();
    const signals: AbortSignal[] = [];
    let finish = (): void => undefined;
    const load = new LatestLoad(
      element,
      (signal) => {
        signals.push(signal);
        return new Promise<void>((resolve) => {
          finish = resolve;
        });
      },
      () => undefined,
    );
    void load.start();
    element.disconnect();
    expect(signals[0]?.aborted).toBe(true);
    element.connect();
    expect(signals).toHaveLength(2);
    finish();
    await Promise.resolve();
    await Promise.resolve();
    element.disconnect();
    element.connect();
    expect(signals).toHaveLength(2);
  });
});
