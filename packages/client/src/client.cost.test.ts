// What one call costs beyond ky's own work, counted (never timed): the signals and timers the
// client adds to a read. The timings are the benchmark's (`npm run bench -- --only client`).
import ky from 'ky';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createClient } from './index.js';
import { base, recordTimers } from './test-support.js';

afterEach(() => {
  vi.restoreAllMocks();
});

const region = {
  code: '330523',
  name: '安吉县',
  nameEn: 'Anji County',
  nameTw: '安吉縣',
  level: 'county',
  parentCode: '330500',
  hasChildren: true,
  path: [],
  children: [],
};
const answer = () =>
  Promise.resolve(
    new Response(JSON.stringify(region), {
      headers: { 'content-type': 'application/json' },
    }),
  );

describe('the cost of a call', () => {
  it('combines no abort signals for a call without a signal of its own', async () => {
    const client = createClient({ baseUrl: base, fetch: answer });
    const combined = vi.spyOn(AbortSignal, 'any');
    await client.regions.get('330523');
    expect(combined).not.toHaveBeenCalled();
  });

  it('sets only ky’s own timers on a read without a token source: the attempt’s and the body’s', async () => {
    const client = createClient({ baseUrl: base, fetch: answer });
    const timers = recordTimers();
    await client.regions.get('330523');
    timers.restore();
    expect(timers.delays).toHaveLength(2);
  });

  it('hands ky no hooks to merge into every call when there are none, and the caller’s as they are', async () => {
    const create = vi.spyOn(ky, 'create');
    const beforeRequest = vi.fn();
    const hooks = { beforeRequest: [beforeRequest] };
    await createClient({ baseUrl: base, fetch: answer }).regions.get('330523');
    await createClient({ baseUrl: base, fetch: answer, hooks }).regions.get('330523');
    // ky merges an instance's hooks (five lists) into the options of every call, even empty ones.
    expect(create.mock.calls.map(([defaults]) => defaults?.hooks)).toEqual([undefined, hooks]);
    expect(beforeRequest).toHaveBeenCalledTimes(1);
  });
});
