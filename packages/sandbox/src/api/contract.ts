// The contract document, read at run time: the routes, each operation's security, and the JSON
// schemas that requests (always) and responses (in tests) are validated against. Nothing here is
// hand-listed: a new operation in openapi.yaml shows up in `operations` by itself.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { OperationId } from '@zheli/contract';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

type Json = Record<string, unknown>;

/** The operations the API serves (the discovery document is the identity provider's). */
export type ApiOperationId = Exclude<OperationId, 'getOpenIdConfiguration'>;

/** One invalid field of a request, as the contract's `FieldError`. */
export interface FieldError {
  field: string;
  code: string;
  message: string;
}

/** A parameter of an operation, with its schema resolved. */
interface Parameter {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required: boolean;
  schema: Json;
  /** `style: form, explode: false` arrays arrive comma-separated. */
  commaSeparated: boolean;
}

/** An operation of the contract, ready to route and validate. */
export interface Operation {
  operationId: ApiOperationId;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The path template, `/v1/sites/{siteId}/slots`. */
  path: string;
  /** The same in Hono's syntax, `/v1/sites/:siteId/slots`. */
  honoPath: string;
  /**
   * The scope sets that grant access (any one of them, each in full), from the operation's
   * `security`; `null` for a public operation.
   */
  security: string[][] | null;
  /** The `Idempotency-Key` header: `required`, `optional`, or absent. */
  idempotencyKey: 'required' | 'optional' | null;
  parameters: Parameter[];
  body: { required: boolean; schema: Json } | null;
  /** Response status (or `default`) → the JSON schema of its body and its content type. */
  responses: Record<string, { contentType: string | null; schema: Json | null }>;
  validateQuery: (data: Json) => FieldError[];
  validatePath: (data: Json) => FieldError[];
  validateHeaders: (data: Json) => FieldError[];
  validateBody: ((data: unknown) => FieldError[]) | null;
}

const require = createRequire(import.meta.url);

/** The contract's OpenAPI document (JSON, YAML anchors resolved). */
function loadContractDocument(): Json {
  const file = require.resolve('@zheli/contract/openapi.json');
  return JSON.parse(readFileSync(file, 'utf8')) as Json;
}

const httpMethods = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Maps Ajv's keywords to the contract's `FieldError.code`s. */
const fieldCodes: Record<string, string> = {
  required: 'required',
  type: 'type',
  format: 'format',
  enum: 'enum',
  const: 'enum',
  minimum: 'minimum',
  exclusiveMinimum: 'minimum',
  maximum: 'maximum',
  exclusiveMaximum: 'maximum',
  minLength: 'minLength',
  maxLength: 'maxLength',
  pattern: 'pattern',
  additionalProperties: 'unknown',
};

/** The contract, compiled: every operation with its validators. */
export interface Contract {
  document: Json;
  operations: Operation[];
  byId: Map<ApiOperationId, Operation>;
  /** Validates a response body against the operation's schema for that status. */
  validateResponse(
    operationId: ApiOperationId,
    status: number,
    contentType: string | null,
    body: unknown,
  ): string[];
  /** Validates an answer outside the operations (an unknown route): a problem of that status. */
  validateProblem(status: number, contentType: string | null, body: unknown): string[];
}

let cached: Contract | undefined;

/** Compiles the contract once per process (Ajv compilation takes a moment). */
export function getContract(): Contract {
  cached ??= compileContract(loadContractDocument());
  return cached;
}

function compileContract(document: Json): Contract {
  const options = { strict: false, allErrors: true, validateSchema: false } as const;
  // Parameters arrive as strings: coerce them to the schema's types. Bodies are JSON: no coercion.
  const coercing = new Ajv2020({ ...options, coerceTypes: true, useDefaults: true });
  const strict = new Ajv2020(options);
  for (const ajv of [coercing, strict]) {
    addFormats.default(ajv);
    ajv.addSchema(document, 'openapi.json');
  }

  const deref = (node: unknown): Json => {
    let current = node as Json;
    while (current && typeof current.$ref === 'string') {
      const pointer = current.$ref.replace(/^#\//, '').split('/');
      current = pointer.reduce<Json>((at, key) => at[key.replace(/~1/g, '/')] as Json, document);
    }
    return current;
  };

  const rootSecurity = (document.security as Json[] | undefined) ?? [];
  const operations: Operation[] = [];
  const paths = document.paths as Record<string, Json>;
  for (const [path, item] of Object.entries(paths)) {
    if (!path.startsWith('/v1/')) continue;
    for (const method of httpMethods) {
      const op = item[method] as Json | undefined;
      if (!op) continue;
      const operationId = op.operationId as ApiOperationId;
      const parameters = [
        ...((item.parameters as Json[] | undefined) ?? []),
        ...((op.parameters as Json[] | undefined) ?? []),
      ].map((p): Parameter => {
        const param = deref(p);
        const schema = param.schema as Json;
        const resolved = deref(schema);
        return {
          name: param.name as string,
          in: param.in as Parameter['in'],
          required: param.required === true,
          schema,
          commaSeparated:
            resolved.type === 'array' &&
            (param.style ?? 'form') === 'form' &&
            param.explode === false,
        };
      });
      const requirements = (op.security as Json[] | undefined) ?? rootSecurity;
      const security =
        requirements.length === 0
          ? null
          : requirements.map((r) => Object.values(r).flat() as string[]);
      const keyParam = parameters.find((p) => p.in === 'header' && p.name === 'Idempotency-Key');
      const requestBody = op.requestBody ? deref(op.requestBody) : null;
      const bodySchema = requestBody
        ? ((requestBody.content as Json)['application/json'] as Json | undefined)?.schema
        : undefined;
      const responses: Operation['responses'] = {};
      for (const [status, r] of Object.entries(op.responses as Json)) {
        const response = deref(r);
        const content = response.content as Json | undefined;
        const [contentType, media] = Object.entries(content ?? {})[0] ?? [null, null];
        responses[status] = {
          contentType,
          schema: ((media as Json | null)?.schema as Json | undefined) ?? null,
        };
      }
      const group = (where: Parameter['in']) => parameters.filter((p) => p.in === where);
      operations.push({
        operationId,
        method: method.toUpperCase() as Operation['method'],
        path,
        honoPath: path.replace(/\{([^}]+)\}/g, ':$1'),
        security,
        idempotencyKey: keyParam ? (keyParam.required ? 'required' : 'optional') : null,
        parameters,
        body: bodySchema
          ? { required: requestBody?.required === true, schema: bodySchema as Json }
          : null,
        responses,
        validateQuery: paramValidator(coercing, group('query'), 'query', false),
        validatePath: paramValidator(coercing, group('path'), 'path', false),
        // Requests carry many headers the contract does not name: only the named ones are checked.
        validateHeaders: paramValidator(coercing, group('header'), 'header', true),
        validateBody: bodySchema ? bodyValidator(strict, bodySchema as Json) : null,
      });
    }
  }
  // Literal segments before parameters, so `/v1/services/batch` wins over `/v1/services/{id}`.
  operations.sort((a, b) => paramCount(a.path) - paramCount(b.path));

  const responseValidators = new Map<string, ValidateFunction>();
  const problemValidator = strict.compile({ $ref: 'openapi.json#/components/schemas/Problem' });
  return {
    validateProblem(status, contentType, body) {
      const problems: string[] = [];
      if (status < 400) problems.push(`status ${status} outside any operation`);
      if (contentType?.split(';')[0]?.trim() !== 'application/problem+json') {
        problems.push(`content type ${contentType} instead of application/problem+json`);
      }
      if (!problemValidator(body)) {
        problems.push(
          ...(problemValidator.errors ?? []).map(
            (e) => `${e.instancePath || '/'} ${e.message ?? ''}`,
          ),
        );
      }
      return problems;
    },
    document,
    operations,
    byId: new Map(operations.map((o) => [o.operationId, o])),
    validateResponse(operationId, status, contentType, body) {
      const op = operations.find((o) => o.operationId === operationId);
      if (!op) return [`unknown operation ${operationId}`];
      const spec = op.responses[String(status)] ?? op.responses.default;
      if (!spec) return [`status ${status} is not a documented response of ${operationId}`];
      const problems: string[] = [];
      const type = contentType?.split(';')[0]?.trim() ?? null;
      if (spec.contentType !== type) {
        problems.push(`content type ${type} instead of ${spec.contentType}`);
      }
      if (spec.schema) {
        const key = `${operationId} ${status}`;
        let validate = responseValidators.get(key);
        if (!validate) {
          validate = strict.compile(wrap(spec.schema));
          responseValidators.set(key, validate);
        }
        if (!validate(body)) {
          problems.push(
            ...(validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`),
          );
        }
      }
      return problems;
    },
  };
}

function paramCount(path: string): number {
  return (path.match(/\{/g) ?? []).length;
}

function paramValidator(
  ajv: Ajv2020,
  params: Parameter[],
  where: Parameter['in'],
  allowUnknown: boolean,
): (data: Json) => FieldError[] {
  const schema = {
    type: 'object',
    properties: Object.fromEntries(params.map((p) => [p.name, wrap(p.schema)])),
    required: params.filter((p) => p.required).map((p) => p.name),
    additionalProperties: allowUnknown,
  };
  const validate = ajv.compile(schema);
  return (data) => [
    ...unstorableFields(data, where),
    ...(validate(data) ? [] : fieldErrors(validate.errors ?? [], where)),
  ];
}

function bodyValidator(ajv: Ajv2020, schema: Json): (data: unknown) => FieldError[] {
  const validate = ajv.compile(wrap(schema));
  return (data) => [
    ...unstorableFields(data, 'body'),
    ...(validate(data) ? [] : fieldErrors(validate.errors ?? [], 'body')),
  ];
}

/** A UTF-16 surrogate without its other half: a JSON escape such as `"\udfff"` can make one. */
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why a string cannot be stored, or `null`. */
function unstorable(text: string): string | null {
  if (text.includes('\u0000')) return 'the control character U+0000';
  if (loneSurrogate.test(text)) return 'a lone UTF-16 surrogate (ill-formed Unicode)';
  return null;
}

/**
 * The strings the database cannot store, as field errors: PostgreSQL cannot store NUL in text
 * (`invalid byte sequence for encoding UTF8: 0x00`), and a lone surrogate has no UTF-8 encoding
 * (the driver's bytes are refused the same way), so the contract refuses both in every string of
 * a request.
 */
function unstorableFields(data: unknown, at: string): FieldError[] {
  if (typeof data === 'string') {
    const reason = unstorable(data);
    return reason ? [{ field: at, code: 'invalid', message: `must not contain ${reason}` }] : [];
  }
  if (Array.isArray(data)) {
    return data.flatMap((item, i) => unstorableFields(item, `${at}[${i}]`));
  }
  if (data && typeof data === 'object') {
    return Object.entries(data).flatMap(([k, v]) => {
      const reason = unstorable(k);
      return [
        ...(reason
          ? [{ field: at, code: 'invalid', message: `must not name a field with ${reason}` }]
          : []),
        ...unstorableFields(v, `${at}.${k}`),
      ];
    });
  }
  return [];
}

/** Inline schemas are compiled against the document, so their `$ref`s resolve. */
function wrap(schema: Json): Json {
  return rebase(schema) as Json;
}
function rebase(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rebase);
  if (node && typeof node === 'object') {
    return Object.fromEntries(
      Object.entries(node).map(([k, v]) => [
        k,
        k === '$ref' && typeof v === 'string' && v.startsWith('#') ? `openapi.json${v}` : rebase(v),
      ]),
    );
  }
  return node;
}

/** Turns Ajv's errors into the contract's field errors: `body.slotId`, `query.limit`, … */
function fieldErrors(errors: ErrorObject[], where: string): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const segments = error.instancePath
      .split('/')
      .slice(1)
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    const params = error.params as { missingProperty?: string; additionalProperty?: string };
    if (params.missingProperty) segments.push(params.missingProperty);
    if (params.additionalProperty) segments.push(params.additionalProperty);
    const field = segments.reduce(
      (at, s) => (/^\d+$/.test(s) ? `${at}[${s}]` : `${at}.${s}`),
      where,
    );
    const code = fieldCodes[error.keyword] ?? 'invalid';
    const message =
      error.keyword === 'additionalProperties'
        ? 'is not a known field'
        : error.keyword === 'enum'
          ? `must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`
          : (error.message ?? 'is invalid');
    out.push({ field, code, message });
  }
  // A failed `oneOf`/`anyOf` repeats what its branches said: keep the specific errors.
  const specific = new Set(out.filter((e) => e.code !== 'invalid').map((e) => e.field));
  const seen = new Set<string>();
  return out.filter((e) => {
    if (e.code === 'invalid' && specific.has(e.field)) return false;
    const key = `${e.field} ${e.code}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
