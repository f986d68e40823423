import type { OperationId } from '@zheli/contract';
import { ZheliResponseError } from '../errors.js';

/**
 * A success body as the contract allows it: a JSON object holding every field in `required`
 * (comma-separated, `''` for none). Anything else is a `ZheliResponseError`, never retried.
 */
export function parseBody(
  context: { operationId: OperationId; method: string; url: string },
  text: string,
  required: string,
): object {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    throw new ZheliResponseError(context, text, [], { cause });
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ZheliResponseError(context, text, []);
  }
  const missing = required ? required.split(',').filter((field) => !(field in data)) : [];
  if (missing.length) throw new ZheliResponseError(context, text, missing);
  return data;
}
