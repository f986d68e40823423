import { describe, expect, it } from 'vitest';
import { parseRateLimit } from './rate-limit.js';

describe('parseRateLimit', () => {
  it('reads <requests>/<window> with the window in ms, s, m or h', () => {
    expect(parseRateLimit('600/60s')).toEqual({ limit: 600, windowMs: 60_000 });
    expect(parseRateLimit('120/1m')).toEqual({ limit: 120, windowMs: 60_000 });
    expect(parseRateLimit('10/500ms')).toEqual({ limit: 10, windowMs: 500 });
    expect(parseRateLimit('5000/1h')).toEqual({ limit: 5000, windowMs: 3_600_000 });
  });

  it('says what is wrong with a value it cannot read', () => {
    expect(() => parseRateLimit('600')).toThrow(/write <requests>\/<window>/);
    expect(() => parseRateLimit('1.5/1m')).toThrow(/write <requests>\/<window>/);
    expect(() => parseRateLimit('0/1m')).toThrow(/at least 1/);
    expect(() => parseRateLimit('5/0s')).toThrow(/longer than zero/);
  });
});
