import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { forget, keep, parseKept, recall } from './kept-choice.js';

const service = 'svc-330523-vehicle-inspection-booking';
const choice = { siteId: 'site-1', date: '2026-11-24', slotId: 'slot-1', key: 'key-1' };

/** `sessionStorage` as a Map, for Node. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => {
      items.delete(key);
    },
    setItem: (key, value) => {
      items.set(key, value);
    },
  };
}

describe('the choice kept across sign-in', () => {
  beforeEach(() => {
    vi.stubGlobal('sessionStorage', memoryStorage());
  });

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  describe('parseKept', () => {
    it('reads a choice with its site, day, slot and key, and the appointment being moved', () => {
      const rescheduling = { id: 'apt-1' };
      expect(parseKept(JSON.stringify({ ...choice, rescheduling }))).toEqual({
        ...choice,
        rescheduling,
      });
    });

    it('gives nothing for null, a File, broken JSON or a choice missing a field', () => {
      expect(parseKept(null)).toBeUndefined();
      expect(parseKept(new File(['x'], 'x.txt'))).toBeUndefined();
      expect(parseKept('{"siteId":')).toBeUndefined();
      expect(parseKept('null')).toBeUndefined();
      expect(parseKept(JSON.stringify({ ...choice, key: 1 }))).toBeUndefined();
    });
  });

  it('recalls a kept choice for the same service only, until it is forgotten', () => {
    keep(service, JSON.stringify(choice));
    expect(recall(service)).toEqual(choice);
    expect(recall('svc-other')).toBeUndefined();
    forget(service);
    expect(recall(service)).toBeUndefined();
  });

  it('gives a choice kept by one picker back to that picker only (two pickers for one service)', () => {
    keep(service, JSON.stringify({ ...choice, owner: '1' }));
    expect(recall(service, '1')).toEqual({ ...choice, owner: '1' });
    expect(recall(service, '0')).toBeUndefined();
    expect(recall(service, 'booking-form')).toBeUndefined();
    // A choice kept without an owner (before owners were kept) goes to any picker.
    keep(service, JSON.stringify(choice));
    expect(recall(service, '0')).toEqual(choice);
  });

  it('keeps nothing when there is no choice', () => {
    keep(service, null);
    expect(sessionStorage.length).toBe(0);
  });

  it('keeps going without storage (privacy mode): nothing kept, nothing recalled, nothing thrown', () => {
    const refuse = (): never => {
      throw new DOMException('denied', 'SecurityError');
    };
    vi.stubGlobal('sessionStorage', {
      getItem: refuse,
      setItem: refuse,
      removeItem: refuse,
    });
    expect(() => keep(service, JSON.stringify(choice))).not.toThrow();
    expect(recall(service)).toBeUndefined();
    expect(() => forget(service)).not.toThrow();
  });
});
