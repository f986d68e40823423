// Generates one React component per element of @zheli/elements from its custom elements
// manifest (custom-elements.json, emitted by that package's build), so that a new element gets
// its wrapper, typed props and typed event callbacks without a hand edit. `npm run generate`
// writes src/generated/, which is committed like every generated file here; `--check` (part of
// `npm test`) fails when it is stale.
import { readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const elementsPackage = require.resolve('@zheli/elements/package.json');
const manifestPath = require.resolve('@zheli/elements/custom-elements.json');
// The element classes the package exports (its built declarations' export list).
const elementIndex = await readFile(join(dirname(elementsPackage), 'dist/index.d.ts'), 'utf8');
const exported = (name) => new RegExp(`export \\{[^}]*\\b${name}\\b`).test(elementIndex);
const manifest = JSON.parse(await readFile(manifestPath, 'utf8'));

/** `zheli-service-card` → `ZheliServiceCard`; `zheli-code-refresh` → `onZheliCodeRefresh`. */
const pascal = (name) => name.replace(/(^|-)([a-z0-9])/g, (_, __, letter) => letter.toUpperCase());
const oneLine = (text) => (text ?? '').replace(/\s+/g, ' ').replace(/\*\//g, '*\\/').trim();
const identifier = /^[A-Z][A-Za-z0-9]*$/;

const elements = manifest.modules
  .flatMap((module) =>
    (module.declarations ?? [])
      .filter((declaration) => declaration.customElement && declaration.tagName)
      .map((declaration) => ({ module, declaration })),
  )
  .sort((a, b) => a.declaration.tagName.localeCompare(b.declaration.tagName));

if (elements.length === 0) throw new Error(`No custom elements in ${manifestPath}`);

/** @returns {{ name: string, type: string, description: string, prop: string }[]} */
function eventsOf(declaration) {
  const seen = new Map();
  for (const event of declaration.events ?? []) {
    if (!event.name || seen.has(event.name)) continue;
    const type = event.type?.text?.trim();
    seen.set(event.name, {
      name: event.name,
      type: type && identifier.test(type) ? type : 'Event',
      description: oneLine(event.description),
      prop: `on${pascal(event.name)}`,
    });
  }
  return [...seen.values()];
}

const out = fileURLToPath(new URL('../src/generated/', import.meta.url));
/** What the generator writes: file name → contents. */
const files = new Map();
const header =
  "// Generated from @zheli/elements' custom-elements.json by scripts/generate.mjs. Do not edit.\n";

const index = [];
const table = [];
for (const { declaration } of elements) {
  const { tagName, name: className } = declaration;
  if (!exported(className)) {
    throw new Error(`${tagName}: @zheli/elements does not export its class ${className}`);
  }
  const events = eventsOf(declaration);
  const eventTypes = [...new Set(events.map((event) => event.type).filter((t) => t !== 'Event'))];
  const file = tagName.replace(/^zheli-/, '');
  const props = `${className}Props`;
  const lines = [
    header,
    `import { createComponent${events.length ? ', type EventName' : ''} } from '@lit/react';`,
    // The element's own define entry: it registers the element as the elements do (the picker's
    // also how its ticket loads <zheli-qr-code>), and exports the class.
    `import { ${className} as ${className}Element } from '@zheli/elements/${file}/define.js';`,
    ...(eventTypes.length
      ? [`import type { ${eventTypes.sort().join(', ')} } from '@zheli/elements';`]
      : []),
    `import React, { type ComponentProps } from 'react';`,
    `import { defineElement } from '../define.js';`,
    '',
    `defineElement('${tagName}', ${className}Element);`,
    '',
    '/**',
    ` * \`<${tagName}>\` as a React component. ${oneLine(declaration.summary ?? declaration.description)}`,
    ' *',
    " * Props are the element's properties (set as properties, objects included); callbacks:",
    ...(events.length
      ? events.map(
          (event) =>
            ` * - \`${event.prop}\` (\`${event.name}\`, \`${event.type}\`)${event.description ? `: ${event.description}` : ''}`,
        )
      : [' * none.']),
    ' */',
    `export const ${className} = createComponent({`,
    '  react: React,',
    `  tagName: '${tagName}',`,
    `  elementClass: ${className}Element,`,
    events.length
      ? `  events: {\n${events
          .map((event) =>
            event.type === 'Event'
              ? `    ${event.prop}: '${event.name}',`
              : `    ${event.prop}: '${event.name}' as EventName<${event.type}>,`,
          )
          .join('\n')}\n  },`
      : '  events: {},',
    `  displayName: '${className}',`,
    '});',
    '',
    `/** The props of {@link ${className}}. */`,
    `export type ${props} = ComponentProps<typeof ${className}>;`,
    '',
  ];
  files.set(`${file}.ts`, lines.join('\n'));
  index.push(`export { ${className}, type ${props} } from './${file}.js';`);
  table.push({
    tagName,
    component: className,
    events: Object.fromEntries(events.map((event) => [event.prop, event.name])),
  });
}

files.set(
  'index.ts',
  `${header}${index.join('\n')}\n\n/** Every generated component: its tag and its event callbacks (tests, tools). */\nexport const components = ${JSON.stringify(table, null, 2)} as const;\n`,
);

if (process.argv.includes('--check')) {
  // Generated code is committed (CONTRIBUTING.md): fail when it is not what the manifest makes.
  const current = await readdir(out).catch(() => []);
  const stale = [...new Set([...current, ...files.keys()])].filter(
    (file) =>
      files.get(file) !==
      (current.includes(file) ? readFileSync(`${out}${file}`, 'utf8') : undefined),
  );
  if (stale.length > 0) {
    process.stderr.write(
      `src/generated/ is stale (${stale.join(', ')}): run \`npm run generate -w @zheli/react\`\n`,
    );
    process.exit(1);
  }
} else {
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  for (const [file, contents] of files) await writeFile(`${out}${file}`, contents);
}
