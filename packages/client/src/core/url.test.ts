import { afterEach, describe, expect, it, vi } from 'vitest';
import { baseResolver, operationUrl } from './url.js';

describe('baseResolver', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('reads an absolute baseUrl once, with its path ending in a slash', () => {
    expect(String(baseResolver('http://api.test/open')())).toBe('http://api.test/open/');
    expect(String(baseResolver(new URL('http://api.test'))())).toBe('http://api.test/');
  });

  it('takes a relative baseUrl where there is no page, and says at request time to pass an absolute one', () => {
    const base = baseResolver('/api');
    expect(base).toThrow(TypeError);
    expect(base).toThrow(/baseUrl '\/api' is relative .*: pass an absolute URL/);
  });

  it('resolves a relative baseUrl against the location when a request is made', () => {
    const base = baseResolver('/api');
    vi.stubGlobal('location', { href: 'https://county.example/services/list?x=1' });
    expect(String(base())).toBe('https://county.example/api/');
  });

  it('throws at once for a baseUrl that is no URL at all', () => {
    expect(() => baseResolver('http://[')).toThrow(TypeError);
  });
});

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
