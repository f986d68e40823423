// Generates src/generated/operations.ts from @zheli/contract's OpenAPI document: for every
// operation its method and path, whether it takes a bearer token and an Idempotency-Key, and the
// required top-level fields of its success body (what the client checks at run time instead of
// shipping a JSON Schema validator). `node scripts/generate.mjs --check` fails when it is stale.
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const target = new URL('../src/generated/operations.ts', import.meta.url);
const methods = ['get', 'post', 'put', 'patch', 'delete', 'head'];

/** @returns {Promise<string>} the contents of src/generated/operations.ts */
export async function generate() {
  const file = fileURLToPath(import.meta.resolve('@zheli/contract/openapi.json'));
  const doc = JSON.parse(await readFile(file, 'utf8'));
  const deref = (node) => {
    let current = node;
    while (current?.$ref) {
      current = current.$ref
        .replace(/^#\//, '')
        .split('/')
        .reduce((at, key) => at[key], doc);
    }
    return current;
  };
  const requiredOf = (schema) => {
    const s = deref(schema);
    const own = s.required ?? [];
    const parts = (s.allOf ?? []).flatMap(requiredOf);
    return [...new Set([...parts, ...own])];
  };
  const rows = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of methods) {
      const op = item[method];
      if (!op) continue;
      const params = [...(item.parameters ?? []), ...(op.parameters ?? [])].map(deref);
      const auth = (op.security ?? doc.security ?? []).length > 0 ? 1 : 0;
      const idempotent = params.some((p) => p.in === 'header' && p.name === 'Idempotency-Key')
        ? 2
        : 0;
      const status = Object.keys(op.responses).find((code) => /^2\d\d$/.test(code));
      const media = deref(op.responses[status]).content?.['application/json'];
      const required = media ? requiredOf(media.schema) : [];
      rows.push(
        `  ${op.operationId}: [${JSON.stringify(`${method.toUpperCase()} ${path.slice(1)}`)}, ${
          auth | idempotent
        }, ${JSON.stringify(required.join(','))}],`,
      );
    }
  }
  return [
    '// GENERATED FILE: do not edit. Run `npm run generate -w @zheli/client` after the contract changes.',
    '// operationId: [method and path (relative to baseUrl), flags (1 bearer token, 2 Idempotency-Key),',
    '// required top-level fields of the success body].',
    "import type { OperationId } from '@zheli/contract';",
    '',
    'export const operationTable: Record<OperationId, readonly [string, number, string]> = {',
    ...rows,
    '};',
    '',
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const next = await generate();
  if (process.argv.includes('--check')) {
    const current = await readFile(target, 'utf8').catch(() => '');
    if (current !== next) {
      process.stderr.write(
        'src/generated/operations.ts is stale: run `npm run generate -w @zheli/client`\n',
      );
      process.exit(1);
    }
  } else {
    await writeFile(target, next);
  }
}
