import { describe, expect, it } from 'vitest';
import { defaultForwardHeaders, forwarder, withoutHopByHop } from './proxy.js';

describe('forwarder', () => {
  it('forwards only the allowed headers, the body, and the access token it is given', async () => {
    const sent: Request[] = [];
    const send = await forwarder(
      new Request('https://app.example/api/v1/appointments', {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: 'session=1', 'x-other': '1' },
        body: '{"slot":1}',
      }),
      'https://api.example/v1/appointments',
      {
        forwardHeaders: defaultForwardHeaders,
        fetch: async (input, init) => {
          sent.push(new Request(input, init));
          return new Response(null, { status: 204 });
        },
        timeoutMs: 10_000,
      },
    );
    await send('at-1');
    await send('at-2');
    expect(sent.map((r) => r.headers.get('authorization'))).toEqual(['Bearer at-1', 'Bearer at-2']);
    expect([...(sent[1]?.headers.keys() ?? [])].sort()).toEqual(['authorization', 'content-type']);
    expect(await sent[1]?.text()).toBe('{"slot":1}');
  });
});

describe('withoutHopByHop', () => {
  it('drops connection headers and the API’s cookies but keeps the rest', () => {
    const response = withoutHopByHop(
      new Response('{}', {
        status: 201,
        headers: { 'set-cookie': 'api=1', connection: 'close', 'content-type': 'application/json' },
      }),
    );
    expect(response.status).toBe(201);
    expect([...response.headers.keys()]).toEqual(['content-type']);
  });
});
