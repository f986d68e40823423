// Every operation of the contract is routed and handled, and answers what the contract documents.
import { scopes } from '@zheli/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getContract } from '../src/api/contract.js';
import { handlers } from '../src/api/handlers.js';
import { key, type TestApi, testApi } from './helpers.js';

let t: TestApi;
beforeAll(async () => {
  t = await testApi();
});
afterAll(() => t.close());

const contract = getContract();
const allScopes = scopes.filter((s) => s !== 'offline_access');

/** A request for an operation from the contract's own examples. */
function exampleRequest(operationId: string): { method: string; path: string; body?: unknown } {
  const op = contract.byId.get(operationId as never);
  if (!op) throw new Error(operationId);
  const document = contract.document as {
    paths: Record<string, Record<string, { parameters?: unknown[]; requestBody?: unknown }>>;
  };
  const raw = document.paths[op.path]?.[op.method.toLowerCase()];
  const examples = new Map<string, unknown>();
  const resolve = (node: unknown): Record<string, unknown> => {
    let current = node as Record<string, unknown>;
    while (typeof current?.$ref === 'string') {
      current = (current.$ref as string)
        .slice(2)
        .split('/')
        .reduce<Record<string, unknown>>(
          (at, k) => at[k] as Record<string, unknown>,
          contract.document,
        );
    }
    return current;
  };
  for (const p of raw?.parameters ?? []) {
    const param = resolve(p);
    examples.set(`${param.in}:${param.name}`, param.example);
  }
  const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
    encodeURIComponent(String(examples.get(`path:${name}`))),
  );
  const required = op.parameters.filter((p) => p.in === 'query' && p.required);
  const query = required
    .map((p) => {
      const value = examples.get(`query:${p.name}`);
      return `${p.name}=${encodeURIComponent(Array.isArray(value) ? value.join(',') : String(value))}`;
    })
    .join('&');
  const media = (
    resolve(raw?.requestBody)?.content as
      | Record<string, { example?: unknown; examples?: Record<string, { value: unknown }> }>
      | undefined
  )?.['application/json'];
  const body = media ? (media.example ?? Object.values(media.examples ?? {})[0]?.value) : undefined;
  return {
    method: op.method,
    path: query ? `${path}?${query}` : path,
    ...(body !== undefined ? { body } : {}),
  };
}

describe('the contract', () => {
  it('has a handler for every operation under /v1, and no handler for anything else', () => {
    const operationIds = contract.operations.map((o) => o.operationId).sort();
    expect(Object.keys(handlers).sort()).toEqual(operationIds);
    expect(operationIds).toHaveLength(46);
  });

  for (const op of contract.operations) {
    it(`routes ${op.operationId} (${op.method} ${op.path}) and answers a documented response`, async () => {
      const request = exampleRequest(op.operationId);
      const res = await t.request(request.method, request.path, {
        token: t.token('p-anji-driver', allScopes),
        headers: op.idempotencyKey ? { 'Idempotency-Key': key() } : {},
        ...(request.body !== undefined ? { body: request.body } : {}),
      });
      // The helper has already checked the response against the contract.
      expect(Object.keys(op.responses)).toContain(String(res.status));
      if (res.status === 404) expect(res.body.detail).not.toMatch(/^No route/);
      if (res.status === 400) expect(res.body.code).not.toBe('validation_failed');
    });
  }
});
