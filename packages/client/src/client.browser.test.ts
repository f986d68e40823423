// The client in a real browser (Chromium): the same build runs there with WebCrypto and the
// browser's fetch, Request and AbortSignal, nothing from Node.
import { CompactSign, exportJWK, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { createClient, isZheliApiError, verifyCode } from './index.js';
import { appointment, booking } from './test-support.js';

describe('@zheli/client in Chromium', () => {
  it('books with an Idempotency-Key made by the browser’s crypto, retrying a 503 with it', async () => {
    const keys: (string | null)[] = [];
    let calls = 0;
    const fetch = async (input: RequestInfo | URL) => {
      keys.push((input as Request).headers.get('idempotency-key'));
      calls++;
      return calls === 1
        ? Response.json(
            {
              type: 'about:blank',
              title: 'Unavailable',
              status: 503,
              code: 'service_unavailable',
              traceId: 't',
            },
            { status: 503, headers: { 'content-type': 'application/problem+json' } },
          )
        : Response.json(appointment(), { status: 201 });
    };
    const client = createClient({
      baseUrl: 'https://open.example',
      fetch,
      retry: { delay: () => 1 },
    });
    expect((await client.appointments.book(booking)).id).toBe('apt-7Hq2KfX9');
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
  });

  it('raises a ZheliApiError from a problem response', async () => {
    const fetch = async () =>
      Response.json(
        { type: 'about:blank', title: 'Not found', status: 404, code: 'not_found', traceId: 't' },
        { status: 404, headers: { 'content-type': 'application/problem+json' } },
      );
    const error = await createClient({ baseUrl: 'https://open.example', fetch })
      .services.get('svc-x')
      .catch((e: unknown) => e);
    expect(isZheliApiError(error) && error.code).toBe('not_found');
  });

  it('verifies a signed code offline with WebCrypto', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', kty: 'EC' };
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: 'https://open.example',
      sub: 'p-anji-driver',
      kind: 'personal',
      ref: null,
      status: 'green',
      iat: now,
      exp: now + 180,
      jti: 'cd-1',
    };
    const token = await new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
      .setProtectedHeader({ alg: 'ES256', typ: 'zheli-code+jwt', kid: 'k1' })
      .sign(privateKey);
    expect(
      await verifyCode(token, { jwks: { keys: [jwk] }, issuer: 'https://open.example' }),
    ).toEqual({ valid: true, claims });
  });

  it('runs in a Web Worker', async () => {
    const worker = new Worker(new URL('./worker-fixture.ts', import.meta.url), { type: 'module' });
    const message = await new Promise<unknown>((resolve) => {
      worker.onmessage = (event) => resolve(event.data);
    });
    worker.terminate();
    expect(message).toEqual({
      ok: true,
      result: { items: [{ code: '330000' }], nextCursor: null, total: 1 },
      url: `${location.origin}/api/v1/regions`,
    });
  });

  it('resolves a relative baseUrl against the page when a request is made', async () => {
    const urls: string[] = [];
    const fetch = async (input: RequestInfo | URL) => {
      urls.push((input as Request).url);
      return Response.json({ items: [] });
    };
    // Created before the page's <base> exists, as at a module's top level beside configure().
    const client = createClient({ baseUrl: '/api', fetch });
    const nested = createClient({ baseUrl: 'api', fetch });
    await client.regions.list();
    const base = document.createElement('base');
    base.href = '/county-site/';
    document.head.append(base);
    try {
      await nested.regions.list();
    } finally {
      base.remove();
    }
    expect(urls).toEqual([
      `${location.origin}/api/v1/regions`,
      `${location.origin}/county-site/api/v1/regions`,
    ]);
  });
});
