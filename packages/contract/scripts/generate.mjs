// Generates from openapi.yaml: src/generated/openapi.ts (types, by openapi-typescript) and
// src/generated/constants.ts (the scopes and error codes as runtime lists).
// `node scripts/generate.mjs --check` fails when a committed file is stale.
import { readFile, writeFile } from 'node:fs/promises';
import openapiTS, { astToString } from 'openapi-typescript';
import { parse } from 'yaml';

const root = new URL('../', import.meta.url);
const header = `// GENERATED FILE: do not edit. Run \`npm run generate -w @zheli/contract\` after changing openapi.yaml.\n\n`;

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
    'src/generated/openapi.ts': header + astToString(ast),
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
