import { describe, expect, it } from 'vitest';
import { operationUrl } from './url.js';

describe('operationUrl', () => {
  const base = new URL('http://api.test/open/');

  it('fills the path template with encoded parameters under the base path', () => {
    const url = operationUrl(base, 'v1/sites/{siteId}/slots', { siteId: 'a b/c' }, undefined);
    expect(String(url)).toBe('http://api.test/open/v1/sites/a%20b%2Fc/slots');
  });

  it('sets defined query members, arrays as comma-separated lists', () => {
    const url = operationUrl(base, 'v1/services', undefined, {
      q: '机动车',
      limit: 20,
      ids: ['a', 'b'],
      cursor: undefined,
    });
    expect(url.searchParams.get('q')).toBe('机动车');
    expect(url.searchParams.get('limit')).toBe('20');
    expect(url.searchParams.get('ids')).toBe('a,b');
    expect(url.searchParams.has('cursor')).toBe(false);
  });
});
