// Generates from openapi.yaml: src/generated/openapi.ts (types, by openapi-typescript) and
// src/generated/constants.ts (the scopes and error codes as runtime lists).
// `node scripts/generate.mjs --check` fails when a committed file is stale.
import { readFile, writeFile } from 'node:fs/promises';
import openapiTS, { astToString } from 'openapi-typescript';
import { parse } from 'yaml';

const root = new URL('../', import.meta.url);
const header = `// GENERATED FILE: do not edit. Run \`npm run generate -w @zheli/contract\` after changing openapi.yaml.\n\n`;

/**
 * The doc comments of the root types: openapi-typescript writes none, and the API reference
 * documents every exported name. Each is put before the declaration it names.
 */
const rootDocs = {
  'export type paths = {': [
    "Every path of the platform's Open API, keyed by its template as in `openapi.yaml`",
    '(`/v1/appointments/{id}`), each with its HTTP methods: `get`, `post`, `put` point at the',
    'operation in {@link operations}, a method the path does not have is `never`. Paths are',
    "relative to the API's origin (the sandbox serves them at `http://127.0.0.1:4010`).",
  ],
  'export type components = {': [
    'The reusable parts of the Open API: `schemas` (the bodies, by name: also exported as',
    '`Schemas`), `responses` (shared problem responses), `parameters` (shared path, query and',
    'header parameters) and `headers` (shared response headers), each as in `openapi.yaml`.',
  ],
  'export interface operations {': [
    'Every operation of the Open API by its `operationId` (`listRegions`, `bookAppointment`, …):',
    'its `parameters` (path, query, header), its `requestBody` and its `responses` by status, with',
    'the summary and description from `openapi.yaml` on each.',
  ],
};

/** Puts each of {@link rootDocs} before its declaration; fails when one is missing. */
function documentRoots(code) {
  let out = code;
  for (const [declaration, lines] of Object.entries(rootDocs)) {
    // At the start of a line: the start of the file, or after a newline.
    const at = out.startsWith(declaration) ? 0 : out.indexOf(`\n${declaration}`) + 1;
    if (at === 0 && !out.startsWith(declaration)) {
      throw new Error(`openapi-typescript wrote no "${declaration}"`);
    }
    const doc = ['/**', ...lines.map((line) => ` * ${line}`), ' */'].join('\n');
    out = `${out.slice(0, at)}${doc}\n${out.slice(at)}`;
  }
  return out;
}

/** @returns {Promise<Record<string, string>>} file path (relative to the package) → contents */
export async function generate() {
  const source = new URL('openapi.yaml', root);
  const ast = await openapiTS(source, { alphabetize: false, exportType: true, rootTypes: false });
  const document = parse(await readFile(source, 'utf8'), { maxAliasCount: -1 });
  const scopes = Object.keys(
    document.components.securitySchemes.oidc.flows.authorizationCode.scopes,
  );
  const errorCodes = document.components.schemas.ErrorCode.enum;
  const constants = [
    '/** The OAuth scopes the platform grants, as in the `oidc` security scheme. */',
    `export const scopes = ${JSON.stringify(scopes)} as const;`,
    '',
    '/** The stable error codes of problem details, as in the `ErrorCode` schema. */',
    `export const errorCodes = ${JSON.stringify(errorCodes)} as const;`,
    '',
  ].join('\n');
  return {
    'src/generated/openapi.ts': header + documentRoots(astToString(ast)),
    'src/generated/constants.ts': header + constants,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const files = await generate();
  const check = process.argv.includes('--check');
  let stale = false;
  for (const [path, next] of Object.entries(files)) {
    const target = new URL(path, root);
    if (!check) await writeFile(target, next);
    else if ((await readFile(target, 'utf8').catch(() => '')) !== next) {
      process.stderr.write(`${path} is stale: run \`npm run generate -w @zheli/contract\`\n`);
      stale = true;
    }
  }
  if (stale) process.exit(1);
}
