import { describe, expect, it } from 'vitest';
import { isZheliResponseError } from '../errors.js';
import { parseBody } from './body.js';

const context = { operationId: 'getProfile', method: 'GET', url: 'http://api.test/v1/me' } as const;

describe('parseBody', () => {
  it('returns a JSON object that has every required field', () => {
    expect(parseBody(context, '{"sub":"p-1","kind":"person"}', 'sub,kind')).toEqual({
      sub: 'p-1',
      kind: 'person',
    });
  });

  it('rejects a body without a required field, naming the missing ones', () => {
    const error = (() => {
      try {
        return parseBody(context, '{"sub":"p-1"}', 'sub,kind,locale');
      } catch (caught) {
        return caught;
      }
    })();
    expect(isZheliResponseError(error) && error.missing).toEqual(['kind', 'locale']);
  });

  it('rejects a body that is not JSON, or not an object', () => {
    for (const text of ['<html>', '[]', 'null', '"text"']) {
      expect(() => parseBody(context, text, '')).toThrow(/not a JSON object/);
    }
  });
});
