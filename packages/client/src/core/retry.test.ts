import { NetworkError } from 'ky';
import { describe, expect, it } from 'vitest';
import { httpError } from '../test-support.js';
import { inProgressWait, retryDecision, retryOptions } from './retry.js';

describe('retryDecision', () => {
  it('leaves errors without a response to ky’s own rules', () => {
    expect(retryDecision(new NetworkError(new Request('http://api.test/')), 30_000)).toBe(
      undefined,
    );
    expect(retryDecision(new Error('boom'), 30_000)).toBe(undefined);
  });

  it('leaves every 409 to the statuses, which do not include it (untilHandled waits one out)', () => {
    expect(retryDecision(httpError(409, { code: 'idempotency_in_progress' }), 30_000)).toBe(
      undefined,
    );
    expect(retryDecision(httpError(409, { code: 'slot_full' }), 30_000)).toBe(undefined);
    expect(retryDecision(httpError(409, 'not a problem'), 30_000)).toBe(undefined);
  });

  it('refuses a Retry-After that does not fit in what is left of the call', () => {
    expect(retryDecision(httpError(429, undefined, { 'retry-after': '5' }), 5000)).toBe(false);
    expect(retryDecision(httpError(503, undefined, { 'retry-after': '120' }), 30_000)).toBe(false);
  });

  it('leaves a Retry-After that fits, or none, to the statuses', () => {
    expect(retryDecision(httpError(429, undefined, { 'retry-after': '1' }), 5000)).toBe(undefined);
    expect(retryDecision(httpError(503), 5000)).toBe(undefined);
  });
});

describe('inProgressWait', () => {
  const inProgress = (headers: Record<string, string> = {}) =>
    httpError(409, { code: 'idempotency_in_progress' }, headers);

  it('waits for the Retry-After of a write whose key is still being handled', () => {
    expect(inProgressWait(inProgress({ 'retry-after': '1' }))).toBe(1000);
    expect(inProgressWait(inProgress({ 'retry-after': '3' }))).toBe(3000);
  });

  it('waits a second without a Retry-After, at least 100 ms, at most maxRetryAfter', () => {
    expect(inProgressWait(inProgress())).toBe(1000);
    expect(inProgressWait(inProgress({ 'retry-after': '0' }))).toBe(100);
    expect(inProgressWait(inProgress({ 'retry-after': '60' }), 5000)).toBe(5000);
  });

  it('does not wait for anything else', () => {
    expect(inProgressWait(httpError(409, { code: 'slot_full' }, { 'retry-after': '1' }))).toBe(
      undefined,
    );
    expect(inProgressWait(httpError(503, { code: 'idempotency_in_progress' }))).toBe(undefined);
    expect(inProgressWait(new Error('boom'))).toBe(undefined);
  });
});

describe('retryOptions', () => {
  const left = () => 30_000;

  it('retries reads twice with jitter and on timeouts by default', () => {
    expect(retryOptions({}, 'GET', undefined, left)).toMatchObject({
      limit: 2,
      jitter: true,
      retryOnTimeout: true,
      methods: ['get'],
    });
  });

  it('takes a number as the limit and an object as the caller’s policy', () => {
    expect(retryOptions(5, 'GET', undefined, left).limit).toBe(5);
    expect(retryOptions({ limit: 1, jitter: false }, 'GET', undefined, left)).toMatchObject({
      limit: 1,
      jitter: false,
    });
  });

  it('never retries a write without an Idempotency-Key, whatever the policy', () => {
    expect(retryOptions(5, 'POST', undefined, left).limit).toBe(0);
    expect(retryOptions(5, 'POST', 'key-0001', left)).toMatchObject({
      limit: 5,
      methods: ['post'],
    });
  });

  it('retries only the transient statuses, and waits for Retry-After on 429 and 503', () => {
    const options = retryOptions({}, 'GET', undefined, left);
    expect(options.statusCodes).toEqual([408, 429, 500, 502, 503, 504]);
    expect(options.afterStatusCodes).toEqual([429, 503]);
  });

  it('judges a Retry-After against the time left when the answer arrives', async () => {
    let remaining = 30_000;
    const options = retryOptions({}, 'GET', undefined, () => remaining);
    const error = httpError(429, undefined, { 'retry-after': '10' });
    const state = { error, retryCount: 1 } as Parameters<
      NonNullable<typeof options.shouldRetry>
    >[0];
    expect(await options.shouldRetry?.(state)).toBe(undefined);
    remaining = 9000;
    expect(await options.shouldRetry?.(state)).toBe(false);
  });
});
