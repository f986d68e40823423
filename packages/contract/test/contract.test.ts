import { readFile } from 'node:fs/promises';
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { generate } from '../scripts/generate.mjs';

type Json = Record<string, unknown>;
type Operation = Json & {
  operationId?: string;
  summary?: string;
  description?: string;
  parameters?: Json[];
  requestBody?: Json;
  responses: Record<string, Json>;
  security?: Json[];
};

const root = new URL('../', import.meta.url);
const source = await readFile(new URL('openapi.yaml', root), 'utf8');
const doc = parse(source, { maxAliasCount: -1 }) as Json & {
  paths: Record<string, Record<string, Operation>>;
  components: Record<string, Record<string, Json>>;
};
const methods = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];
const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
  Object.entries(item)
    .filter(([method]) => methods.includes(method))
    .map(([method, op]) => ({ path, method, op })),
);

function deref<T = Json>(node: unknown): T {
  let current = node as Json;
  while (current && typeof current.$ref === 'string') {
    const pointer = (current.$ref as string).replace(/^#\//, '').split('/');
    current = pointer.reduce<Json>((at, key) => at[key] as Json, doc);
  }
  return current as T;
}

const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
addFormats.default(ajv);
ajv.addSchema(doc, 'openapi.json');

function exampleValues(holder: Json): { name: string; value: unknown }[] {
  const out: { name: string; value: unknown }[] = [];
  if ('example' in holder) out.push({ name: 'example', value: holder.example });
  for (const [name, example] of Object.entries((holder.examples as Json | undefined) ?? {})) {
    out.push({ name, value: deref<Json>(example).value });
  }
  return out;
}

function validate(schema: unknown, value: unknown): string[] {
  const check = ajv.compile(wrap(schema));
  return check(value) ? [] : (check.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

/** Inline schemas are compiled against the document so their `$ref`s resolve. */
function wrap(schema: unknown): Json {
  const ref = (schema as Json).$ref;
  if (typeof ref === 'string') return { $ref: `openapi.json${ref}` };
  return { allOf: [rebase(schema)] };
}
function rebase(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rebase);
  if (node && typeof node === 'object') {
    return Object.fromEntries(
      Object.entries(node).map(([k, v]) => [
        k,
        k === '$ref' && typeof v === 'string' ? `openapi.json${v}` : rebase(v),
      ]),
    );
  }
  return node;
}

/** The keywords a schema object may hold: JSON Schema 2020-12 and OpenAPI 3.1's own. */
const schemaKeywords = new Set([
  ...['$schema', '$id', '$ref', '$anchor', '$dynamicRef', '$dynamicAnchor', '$defs', '$comment'],
  ...['type', 'enum', 'const', 'title', 'description', 'default', 'examples', 'example'],
  ...['deprecated', 'readOnly', 'writeOnly', 'format', 'contentEncoding', 'contentMediaType'],
  ...['multipleOf', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'],
  ...['minLength', 'maxLength', 'pattern', 'minItems', 'maxItems', 'uniqueItems'],
  ...['minContains', 'maxContains', 'minProperties', 'maxProperties', 'required'],
  ...['dependentRequired', 'properties', 'patternProperties', 'additionalProperties'],
  ...['propertyNames', 'unevaluatedProperties', 'dependentSchemas', 'items', 'prefixItems'],
  ...['contains', 'unevaluatedItems', 'allOf', 'anyOf', 'oneOf', 'not', 'if', 'then', 'else'],
  ...['discriminator', 'xml', 'externalDocs', 'contentSchema'],
]);
const schemaValued = ['additionalProperties', 'propertyNames', 'unevaluatedProperties', 'items'];
const schemaValuedToo = ['contains', 'unevaluatedItems', 'not', 'if', 'then', 'else'];
const schemaMaps = ['properties', 'patternProperties', '$defs', 'dependentSchemas'];
const schemaLists = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];

/** Keys of schema objects that are no keyword (`x-` extensions allowed), as JSON pointers. */
function unknownSchemaKeywords(document: Json): string[] {
  const found: string[] = [];
  const schema = (node: unknown, at: string): void => {
    if (!node || typeof node !== 'object' || Array.isArray(node)) return;
    for (const [key, value] of Object.entries(node)) {
      const here = `${at}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (!schemaKeywords.has(key) && !key.startsWith('x-')) found.push(here);
      if ([...schemaValued, ...schemaValuedToo].includes(key)) schema(value, here);
      if (schemaMaps.includes(key) && value && typeof value === 'object') {
        for (const [name, sub] of Object.entries(value)) schema(sub, `${here}/${name}`);
      }
      if (schemaLists.includes(key) && Array.isArray(value)) {
        for (const [i, sub] of value.entries()) schema(sub, `${here}/${i}`);
      }
    }
  };
  // Schemas sit under components.schemas and under every `schema` key (parameters, media types,
  // headers); examples are data, not schemas, and are skipped.
  const walk = (node: unknown, at: string): void => {
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      const here = `${at}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (key === 'schema') schema(value, here);
      else if (key !== 'example' && key !== 'examples') walk(value, here);
    }
  };
  const components = (document.components as Json | undefined) ?? {};
  for (const [name, sub] of Object.entries((components.schemas as Json | undefined) ?? {})) {
    schema(sub, `#/components/schemas/${name}`);
  }
  walk(document.paths, '#/paths');
  walk({ ...components, schemas: undefined }, '#/components');
  return found;
}

describe('openapi.yaml', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('covers every resource of the platform', () => {
    const ids = operations.map(({ op }) => op.operationId).sort();
    expect(ids).toEqual(
      [
        'batchGetServices',
        'bookAppointment',
        'cancelAppointment',
        'getAppointment',
        'getBundle',
        'getCodeKeys',
        'getMyMatter',
        'getMyPoints',
        'getOpenIdConfiguration',
        'getProfile',
        'getRegion',
        'getService',
        'getSite',
        'getVenueCode',
        'issueCode',
        'listBundles',
        'listCategories',
        'listEvaluationTags',
        'listMyAppointments',
        'listMyEvaluations',
        'listMyMatters',
        'listMyPointEntries',
        'listPointHouseholds',
        'listPointRules',
        'recordPoints',
        'redeemPoints',
        'listRecommendations',
        'dismissRecommendation',
        'snoozeRecommendation',
        'restoreRecommendation',
        'listDataConsents',
        'setDataConsent',
        'listRegions',
        'listSites',
        'listSlots',
        'rescheduleAppointment',
        'searchServices',
        'submitEvaluation',
        'verifyCode',
        // One-matter applications (一件事办理).
        'getBundleGuide',
        'listMyDocuments',
        'getBundleDraft',
        'saveBundleDraft',
        'submitBundleApplication',
        'listMyBundleApplications',
        'getBundleApplication',
        'resubmitBundleStep',
      ].sort(),
    );
    expect(new Set(ids).size).toBe(ids.length);
  });

  describe.each(operations)('$method $path', ({ method, op }) => {
    it('has an operationId, a summary, a description and a tag', () => {
      expect(op.operationId).toMatch(/^[a-z][A-Za-z]+$/);
      expect(op.summary?.length).toBeGreaterThan(10);
      expect(op.description?.length).toBeGreaterThan(20);
      expect((op.tags as string[] | undefined)?.length).toBeGreaterThan(0);
    });

    it('declares its security: public, or the oidc scheme with scopes', () => {
      expect(op.security).toBeDefined();
      for (const requirement of op.security ?? []) {
        expect(Object.keys(requirement)).toEqual(['oidc']);
        expect((requirement.oidc as string[]).length).toBeGreaterThan(0);
      }
    });

    it('declares the error responses it can give, all as problem details', () => {
      const codes = Object.keys(op.responses);
      const params = (op.parameters ?? []).map((p) => deref<Json>(p));
      const isWellKnown = op.operationId === 'getOpenIdConfiguration';
      if (!isWellKnown) expect(codes).toEqual(expect.arrayContaining(['429', '503']));
      // Every API operation refuses an unknown query parameter, those without any included.
      if (!isWellKnown) expect(codes).toContain('400');
      if (op.requestBody) expect(codes).toEqual(expect.arrayContaining(['400', '413']));
      if ((op.security ?? []).length > 0)
        expect(codes).toEqual(expect.arrayContaining(['401', '403']));
      if (params.some((p) => p.in === 'path')) expect(codes).toContain('404');
      if (params.some((p) => p.name === 'Idempotency-Key' && p.required)) {
        expect(codes).toEqual(expect.arrayContaining(['409', '422']));
      }
      for (const code of codes.filter((c) => Number(c) >= 400)) {
        const response = deref<Json>(op.responses[code]);
        const content = response.content as Record<string, Json>;
        expect(Object.keys(content)).toEqual(['application/problem+json']);
        expect(content['application/problem+json']?.schema).toEqual({
          $ref: '#/components/schemas/Problem',
        });
      }
      expect(codes.some((c) => c.startsWith('2'))).toBe(true);
      // Reads are GET and actions POST; PUT only replaces a whole resource the person owns (a draft).
      expect(method).toMatch(/^(get|post|put)$/);
    });

    it('has examples for every parameter, body and response, each valid against its schema', () => {
      const problems: string[] = [];
      for (const param of (op.parameters ?? []).map((p) => deref<Json>(p))) {
        const examples = exampleValues(param);
        if (examples.length === 0) problems.push(`parameter ${param.name}: no example`);
        for (const { value } of examples) {
          for (const e of validate(param.schema, value))
            problems.push(`parameter ${param.name}: ${e}`);
        }
      }
      const bodies = [
        ...(op.requestBody ? [{ where: 'request', holder: deref<Json>(op.requestBody) }] : []),
        ...Object.entries(op.responses).map(([code, r]) => ({
          where: code,
          holder: deref<Json>(r),
        })),
      ];
      for (const { where, holder } of bodies) {
        for (const [type, media] of Object.entries(
          (holder.content as Record<string, Json>) ?? {},
        )) {
          const examples = exampleValues(media);
          if (examples.length === 0) problems.push(`${where} ${type}: no example`);
          for (const { name, value } of examples) {
            for (const e of validate(media.schema, value)) problems.push(`${where} ${name}: ${e}`);
            if (type === 'application/problem+json') {
              expect((value as Json).status, `${where} example status`).toBe(Number(where));
            }
          }
        }
      }
      expect(problems).toEqual([]);
    });
  });

  describe('components', () => {
    const schemas = Object.entries(doc.components.schemas ?? {});

    it.each(schemas)('schema %s has a description', (_, schema) => {
      expect(typeof schema.description).toBe('string');
    });

    it.each(schemas)(
      'schema %s: its own and its properties’ examples are valid',
      (name, schema) => {
        const problems: string[] = [];
        for (const value of (schema.examples as unknown[] | undefined) ?? []) {
          for (const e of validate({ $ref: `#/components/schemas/${name}` }, value)) {
            problems.push(`${name}: ${e}`);
          }
        }
        const properties = (schema.properties as Record<string, Json> | undefined) ?? {};
        for (const [prop, sub] of Object.entries(properties)) {
          for (const value of (sub.examples as unknown[] | undefined) ?? []) {
            const ref = `#/components/schemas/${name}/properties/${prop}`;
            for (const e of validate({ $ref: ref }, value)) problems.push(`${name}.${prop}: ${e}`);
          }
        }
        expect(problems).toEqual([]);
      },
    );

    it('documents where each error code occurs', () => {
      const described = Object.values(doc.components.responses ?? {})
        .map((r) => String(r.description))
        .join('\n');
      const codes = (doc.components.schemas?.ErrorCode?.enum as string[]) ?? [];
      expect(codes.length).toBeGreaterThan(10);
      const undocumented = codes.filter(
        (code) => !described.includes(`\`${code}\``) && code !== 'internal_error',
      );
      expect(undocumented).toEqual([]);
    });
  });

  it('has only JSON Schema and OpenAPI keywords in its schemas, so no YAML slip becomes a key', () => {
    expect(unknownSchemaKeywords(doc)).toEqual([]);
  });

  it('finds a key that is not a keyword, such as the end of a description cut off by a comma', () => {
    const slip = { type: 'object', properties: { reason: { type: 'string', 'optional.': null } } };
    expect(unknownSchemaKeywords({ components: { schemas: { Slip: slip } } })).toEqual([
      '#/components/schemas/Slip/properties/reason/optional.',
    ]);
  });

  it('rejects an example that breaks its schema, so the example checks above can fail', () => {
    const wrong = { id: 'not-an-id', start: 'yesterday', capacity: -1 };
    expect(validate({ $ref: '#/components/schemas/Slot' }, wrong).length).toBeGreaterThanOrEqual(4);
    expect(
      validate({ type: 'array', items: { $ref: '#/components/schemas/ServiceId' } }, [
        'svc-x',
        'x',
      ]),
    ).toHaveLength(1);
  });

  it('has no stale generated files', async () => {
    const files = await generate();
    for (const [path, contents] of Object.entries(files)) {
      expect(await readFile(new URL(path, root), 'utf8'), `${path} is stale`).toBe(contents);
    }
  });

  it('is described in docs/contract.md: every scope and error code', async () => {
    const docs = await readFile(new URL('../../docs/contract.md', root), 'utf8');
    const scopes = Object.keys(
      (
        (doc.components.securitySchemes as Json).oidc as {
          flows: { authorizationCode: { scopes: Json } };
        }
      ).flows.authorizationCode.scopes,
    );
    const codes = doc.components.schemas?.ErrorCode?.enum as string[];
    const missing = [...scopes, ...codes].filter((name) => !docs.includes(`\`${name}\``));
    expect(missing).toEqual([]);
  });
});
