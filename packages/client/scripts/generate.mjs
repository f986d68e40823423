// Generates the operation tables in src/generated/ from @zheli/contract's OpenAPI document: for
// every operation its method and path, whether it takes a bearer token and an Idempotency-Key,
// and the required top-level fields of its success body (what the client checks at run time
// instead of shipping a JSON Schema validator). The operations of a feature tag (below) get a
// table of their own, which only that feature's module (`@zheli/client/points`, …) imports, so
// `createClient` does not carry them; the rest are in operations.ts.
// `node scripts/generate.mjs --check` fails when a table is stale.
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const methods = ['get', 'post', 'put', 'patch', 'delete', 'head'];

/** Contract tag → the generated file (and table name) of its feature module. */
const features = {
  applications: 'applications',
  points: 'points',
  'recommendation-controls': 'recommendationControls',
};

const fileOf = (name) => `${name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}.ts`;

/** @returns {Promise<Map<string, string>>} file name in src/generated → its contents */
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
  /** @type {Map<string, string[]>} table name → its rows */
  const tables = new Map([['operations', []], ...Object.values(features).map((n) => [n, []])]);
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
      const feature = (op.tags ?? []).find((tag) => tag in features);
      tables
        .get(feature ? features[feature] : 'operations')
        ?.push(
          `  ${op.operationId}: [${JSON.stringify(`${method.toUpperCase()} ${path.slice(1)}`)}, ${
            auth | idempotent
          }, ${JSON.stringify(required.join(','))}],`,
        );
    }
  }
  const header = [
    '// GENERATED FILE: do not edit. Run `npm run generate -w @zheli/client` after the contract changes.',
    '// operationId: [method and path (relative to baseUrl), flags (1 bearer token, 2 Idempotency-Key),',
    '// required top-level fields of the success body].',
  ];
  const files = new Map();
  for (const [name, rows] of tables) {
    const ids = rows.map((row) => row.trim().split(':')[0]);
    const type =
      name === 'operations'
        ? 'CoreOperationId'
        : `${name[0].toUpperCase()}${name.slice(1)}OperationId`;
    const table = name === 'operations' ? 'operationTable' : `${name}Table`;
    files.set(
      fileOf(name),
      [
        ...header,
        "import type { OperationEntry } from '../core/entry.js';",
        '',
        name === 'operations'
          ? '/** The operations `createClient` carries: those of no feature module. */'
          : `/** The operations of \`@zheli/client/${fileOf(name).slice(0, -3)}\`. */`,
        `export type ${type} =`,
        ...ids.map((id, index) => `  | '${id}'${index === ids.length - 1 ? ';' : ''}`),
        '',
        `export const ${table}: Record<${type}, OperationEntry> = {`,
        ...rows,
        '};',
        '',
      ].join('\n'),
    );
  }
  return files;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const [name, next] of await generate()) {
    const target = new URL(`../src/generated/${name}`, import.meta.url);
    if (process.argv.includes('--check')) {
      const current = await readFile(target, 'utf8').catch(() => '');
      if (current !== next) {
        process.stderr.write(
          `src/generated/${name} is stale: run \`npm run generate -w @zheli/client\`\n`,
        );
        process.exitCode = 1;
      }
    } else {
      await writeFile(target, next);
    }
  }
}
