import { describe, expect, it } from 'vitest';
import { errorStatus, problemCode } from './error-readers.js';
import { ZheliApiError } from './errors.js';

/** A `ZheliApiError` as another copy of the package (or another realm) makes it. */
class OtherCopyApiError extends Error {
  override name = 'ZheliApiError' as const;
  status = 409;
  code = 'slot_full';
}

const apiError = (status: number, body: unknown) =>
  new ZheliApiError(
    { operationId: 'bookAppointment', method: 'POST', url: 'http://api.test/v1/appointments' },
    new Request('http://api.test/v1/appointments', { method: 'POST' }),
    new Response(null, { status }),
    body,
  );

describe('errorStatus and problemCode', () => {
  it('read the status and problem code of a ZheliApiError', () => {
    const error = apiError(409, { code: 'slot_full' });
    expect(errorStatus(error)).toBe(409);
    expect(problemCode(error)).toBe('slot_full');
  });

  it('read them from a ZheliApiError of another copy of the package, by its name', () => {
    expect(errorStatus(new OtherCopyApiError())).toBe(409);
    expect(problemCode(new OtherCopyApiError())).toBe('slot_full');
  });

  it('give no code for an error status whose body was not a problem', () => {
    const error = apiError(502, '<html>Bad gateway</html>');
    expect(errorStatus(error)).toBe(502);
    expect(problemCode(error)).toBe(undefined);
  });

  it('give nothing for other errors, even ones with a status or code of their own', () => {
    for (const other of [
      new Error('offline'),
      Object.assign(new Error('unauthorized'), { status: 401, code: 'unauthorized' }),
      { status: 401 },
      'failed',
      undefined,
      null,
    ]) {
      expect(errorStatus(other)).toBe(undefined);
      expect(problemCode(other)).toBe(undefined);
    }
  });
});
