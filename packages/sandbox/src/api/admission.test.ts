import { describe, expect, it } from 'vitest';
import { Admission } from './admission.js';

describe('Admission', () => {
  it('lets maxInFlight in, queues maxQueue, refuses the rest, and hands turns over in order', async () => {
    const admission = new Admission({ maxInFlight: 1, maxQueue: 2 });
    const first = await admission.enter();
    const order: string[] = [];
    const second = admission.enter()?.then((leave) => {
      order.push('second');
      return leave;
    });
    const third = admission.enter()?.then((leave) => {
      order.push('third');
      return leave;
    });
    expect(admission.enter()).toBeNull();
    first?.();
    first?.(); // leaving twice hands over one turn only
    const leaveSecond = await second;
    expect(order).toEqual(['second']);
    leaveSecond?.();
    (await third)?.();
    expect(order).toEqual(['second', 'third']);
    // All left: the next two are let in and queued again.
    expect(admission.enter()).not.toBeNull();
    expect(admission.enter()).not.toBeNull();
  });
});
