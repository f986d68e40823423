import { describe, expect, it } from 'vitest';
import { csrfRejection } from './csrf.js';

const allowed = new Set(['https://app.example']);

function post(headers: Record<string, string>): Request {
  return new Request('https://app.example/auth/logout', { method: 'POST', headers });
}

describe('csrfRejection', () => {
  it('lets reads through without the header', () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS']) {
      const request = new Request('https://app.example/auth/session', { method });
      expect(csrfRejection(request, 'x-zheli-csrf', allowed)).toBeUndefined();
    }
  });

  it('lets a same-origin write with the header through', () => {
    const request = post({
      'x-zheli-csrf': '1',
      origin: 'https://app.example',
      'sec-fetch-site': 'same-origin',
    });
    expect(csrfRejection(request, 'x-zheli-csrf', allowed)).toBeUndefined();
  });

  it('refuses a write without the header, from another origin, or marked cross-site', async () => {
    const refused = [
      post({ origin: 'https://app.example' }),
      post({ 'x-zheli-csrf': '1', origin: 'https://evil.example' }),
      post({ 'x-zheli-csrf': '1', 'sec-fetch-site': 'cross-site' }),
    ].map((request) => csrfRejection(request, 'x-zheli-csrf', allowed));
    for (const response of refused) {
      expect(response?.status).toBe(403);
      expect(await response?.json()).toMatchObject({ code: 'csrf_rejected' });
    }
  });
});
