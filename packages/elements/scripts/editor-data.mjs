// Generates what editors read to complete the elements' tags, attributes and values in plain
// HTML, from the custom elements manifest (dist/custom-elements.json, emitted by the build), as
// Shoelace does: `vscode.html-custom-data.json` (VS Code's `html.customData`) and
// `web-types.json` (JetBrains IDEs, found through package.json's `web-types` field).
//
//   node scripts/editor-data.mjs           (`npm run generate`) writes both, committed
//   node scripts/editor-data.mjs --check   (part of `npm test`) fails when either is stale
//
// Attribute values come from the types: string literal unions, the aliases the built
// declarations define (`type Mode = 'standard' | 'elder'`) and the contract's enums
// (`Schemas['ServiceSort']`).
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const docsUrl = 'https://github.com/zheli-sdk/zheli-sdk/blob/main/docs/elements.md';

/** The committed files, by name, and what writes each. */
const outputs = {
  'vscode.html-custom-data.json': vscodeData,
  'web-types.json': webTypes,
};

async function aliases() {
  const found = new Map();
  const files = await readdir(join(packageDir, 'dist'), { recursive: true });
  for (const file of files.filter((name) => name.endsWith('.d.ts'))) {
    const text = await readFile(join(packageDir, 'dist', file), 'utf8');
    for (const match of text.matchAll(/\btype (\w+) = ([^;]+);/g)) found.set(match[1], match[2]);
  }
  return found;
}

async function contractEnums() {
  const require = createRequire(import.meta.url);
  const openapi = JSON.parse(
    await readFile(require.resolve('@zheli/contract/openapi.json'), 'utf8'),
  );
  return openapi.components.schemas;
}

/** The values a type text allows, when they are a closed set of strings. */
function valuesOf(text, context, seen = new Set()) {
  const values = [];
  for (const part of (text ?? '').split('|').map((item) => item.trim())) {
    if (part === 'undefined' || part === 'null') continue;
    const literal = /^'([^']*)'$/.exec(part);
    const schema = /^Schemas\['(\w+)'\]$/.exec(part);
    if (literal) values.push(literal[1]);
    else if (schema && Array.isArray(context.schemas[schema[1]]?.enum)) {
      values.push(...context.schemas[schema[1]].enum);
    } else if (context.aliases.has(part) && !seen.has(part)) {
      const resolved = valuesOf(context.aliases.get(part), context, new Set([...seen, part]));
      if (!resolved) return undefined;
      values.push(...resolved);
    } else return undefined;
  }
  return values.length > 0 ? values : undefined;
}

const oneLine = (text) => (text ?? '').replace(/\s+/g, ' ').trim();
const unquote = (value) => value?.replace(/^'(.*)'$/, '$1');

function elementsOf(manifest) {
  return manifest.modules
    .flatMap((module) => module.declarations ?? [])
    .filter((declaration) => declaration.customElement && declaration.tagName)
    .sort((a, b) => a.tagName.localeCompare(b.tagName));
}

const eventsOf = (element) => (element.events ?? []).filter((event) => event.name);

function vscodeData(elements, context) {
  return {
    $schema:
      'https://raw.githubusercontent.com/microsoft/vscode-html-languageservice/main/docs/customData.schema.json',
    version: 1.1,
    tags: elements.map((element) => ({
      name: element.tagName,
      description: [
        oneLine(element.summary),
        eventsOf(element).length > 0
          ? `Events: ${eventsOf(element)
              .map((event) => event.name)
              .join(', ')}.`
          : '',
        (element.cssParts ?? []).length > 0
          ? `Parts: ${element.cssParts.map((part) => part.name).join(', ')}.`
          : '',
      ]
        .filter(Boolean)
        .join('\n\n'),
      attributes: (element.attributes ?? []).map((attribute) => {
        const values = valuesOf(attribute.type?.text, context);
        return {
          name: attribute.name,
          description: [
            oneLine(attribute.description),
            attribute.default ? `Default: ${attribute.default}.` : '',
          ]
            .filter(Boolean)
            .join(' '),
          ...(attribute.type?.text === 'boolean' ? { valueSet: 'v' } : {}),
          ...(values ? { values: values.map((name) => ({ name })) } : {}),
        };
      }),
      references: [{ name: 'Documentation', url: `${docsUrl}#${element.tagName}` }],
    })),
  };
}

function webTypes(elements, context) {
  return {
    $schema: 'https://json.schemastore.org/web-types',
    name: '@zheli/elements',
    version: context.version,
    'description-markup': 'markdown',
    'js-types-syntax': 'typescript',
    contributions: {
      html: {
        elements: elements.map((element) => ({
          name: element.tagName,
          description: oneLine(element.summary),
          'doc-url': `${docsUrl}#${element.tagName}`,
          attributes: (element.attributes ?? []).map((attribute) => {
            const values = valuesOf(attribute.type?.text, context);
            return {
              name: attribute.name,
              description: oneLine(attribute.description),
              ...(attribute.default ? { default: unquote(attribute.default) } : {}),
              value: {
                type: values
                  ? values.map((value) => `'${value}'`).join(' | ')
                  : attribute.type?.text,
                ...(attribute.type?.text === 'boolean' ? { required: false } : {}),
              },
            };
          }),
          events: eventsOf(element).map((event) => ({
            name: event.name,
            description: oneLine(event.description),
          })),
          js: {
            properties: (element.attributes ?? [])
              .filter((attribute) => attribute.fieldName)
              .map((attribute) => ({
                name: attribute.fieldName,
                description: oneLine(attribute.description),
                type: attribute.type?.text,
              })),
            events: eventsOf(element).map((event) => ({
              name: event.name,
              description: oneLine(event.description),
            })),
          },
          css: {
            parts: (element.cssParts ?? []).map((part) => ({
              name: part.name,
              description: oneLine(part.description),
            })),
            properties: (element.cssProperties ?? []).map((property) => ({
              name: property.name,
              description: oneLine(property.description),
            })),
          },
        })),
      },
    },
  };
}

/** The generated files' text, by name. */
export async function generate() {
  const manifest = JSON.parse(
    await readFile(join(packageDir, 'dist/custom-elements.json'), 'utf8'),
  );
  const { version } = JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8'));
  const context = { aliases: await aliases(), schemas: await contractEnums(), version };
  const elements = elementsOf(manifest);
  if (elements.length === 0) throw new Error('No custom elements in dist/custom-elements.json');
  return Object.fromEntries(
    Object.entries(outputs).map(([name, make]) => [
      name,
      `${JSON.stringify(make(elements, context), null, 2)}\n`,
    ]),
  );
}

async function main() {
  const check = process.argv.includes('--check');
  const stale = [];
  for (const [name, text] of Object.entries(await generate())) {
    const file = join(packageDir, name);
    const written = await readFile(file, 'utf8').catch(() => '');
    if (written === text) continue;
    if (check) stale.push(name);
    else await writeFile(file, text);
  }
  if (stale.length > 0) {
    process.stderr.write(
      `Stale: ${stale.join(', ')}. Run \`npm run generate -w @zheli/elements\` after a build.\n`,
    );
    process.exitCode = 1;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
