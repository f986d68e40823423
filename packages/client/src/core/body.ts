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
  const fields = fieldsOf(required);
  if (fields.some((field) => !(field in data))) {
    throw new ZheliResponseError(
      context,
      text,
      fields.filter((field) => !(field in data)),
    );
  }
  return data;
}

// Each operation's required fields, split once: `required` is one of the generated table's
// strings, so the cache holds at most one array per operation.
const split = new Map<string, readonly string[]>();
const fieldsOf = (required: string): readonly string[] => {
  let fields = split.get(required);
  if (!fields) {
    fields = required ? required.split(',') : [];
    split.set(required, fields);
  }
  return fields;
};
