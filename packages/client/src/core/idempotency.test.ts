import { describe, expect, it } from 'vitest';
import { newIdempotencyKey } from './idempotency.js';

describe('newIdempotencyKey', () => {
  it('makes a version 4 UUID the contract accepts as an Idempotency-Key', () => {
    for (let i = 0; i < 50; i++) {
      const key = newIdempotencyKey();
      expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
  });

  it('makes a different key every time', () => {
    const keys = new Set(Array.from({ length: 100 }, newIdempotencyKey));
    expect(keys.size).toBe(100);
  });
});
