// Generates JSX typings for React 19 and Vue's GlobalComponents from custom-elements.json, so
// the framework types follow the manifest and nothing is written twice.
import { mkdir, readFile, writeFile } from 'node:fs/promises';

const root = new URL('..', import.meta.url);
const manifest = JSON.parse(await readFile(new URL('dist/custom-elements.json', root), 'utf8'));

const elements = manifest.modules
  .flatMap((module) => module.declarations ?? [])
  .filter((declaration) => declaration.customElement && declaration.tagName)
  .sort((a, b) => a.tagName.localeCompare(b.tagName));

const eventsOf = (element) =>
  (element.events ?? []).filter((event) => event.name && event.type?.text);
const propsOf = (element) =>
  (element.members ?? [])
    .filter(
      (member) =>
        member.kind === 'field' &&
        (member.privacy ?? 'public') === 'public' &&
        !member.static &&
        !member.readonly,
    )
    .filter(
      (member) =>
        (element.attributes ?? []).some((attribute) => attribute.fieldName === member.name) ||
        member.name === 'service',
    )
    .map((member) => member.name);

const camel = (name) => name.replace(/(^|-)([a-z])/g, (_, __, letter) => letter.toUpperCase());
const eventTypes = [
  ...new Set(elements.flatMap((element) => eventsOf(element).map((event) => event.type.text))),
].sort();
const classes = elements.map((element) => element.name);
const imports = `import type {\n${[...classes, ...eventTypes].map((name) => `  ${name},`).join('\n')}\n} from '../index.js';\n`;
const header =
  '// Generated from custom-elements.json by scripts/framework-types.mjs. Do not edit.\n';
const pick = (element) => {
  const props = propsOf(element);
  return props.length === 0
    ? '{}'
    : `Partial<Pick<${element.name}, ${props.map((prop) => `'${prop}'`).join(' | ')}>>`;
};

const react = `${header}import type { DetailedHTMLProps, HTMLAttributes } from 'react';
${imports}
/**
 * The JSX props of an element \`E\`: React's own for any HTML element (\`className\`, \`ref\`,
 * \`key\`, \`children\`, DOM event handlers) and \`P\`: the element's settable properties from the
 * manifest, all optional, and an \`on<event>\` handler per event it dispatches.
 */
type Props<E, P> = DetailedHTMLProps<HTMLAttributes<E>, E> & P;

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
${elements
  .map((element) => {
    const events = eventsOf(element)
      .map(
        (event) =>
          `\n          /** ${event.description?.split('\n')[0] ?? event.name} */\n          'on${event.name}'?: (event: ${event.type.text}) => void;`,
      )
      .join('');
    return `      /** ${(element.summary ?? '').replace(/\s+/g, ' ')} */\n      '${element.tagName}': Props<\n        ${element.name},\n        ${pick(element)} & {${events}\n        }\n      >;`;
  })
  .join('\n')}
    }
  }
}
`;

const vue = `${header}${imports}
declare module 'vue' {
  interface GlobalComponents {
${elements
  .map((element) => {
    const events = eventsOf(element)
      .map((event) => ` on${camel(event.name)}?: (event: ${event.type.text}) => void;`)
      .join('');
    return `    /** ${(element.summary ?? '').replace(/\s+/g, ' ')} */\n    '${element.tagName}': new () => { $props: ${pick(element)} & {${events} } };`;
  })
  .join('\n')}
  }
}
`;

const out = new URL('dist/frameworks/', root);
await mkdir(out, { recursive: true });
await writeFile(new URL('react.d.ts', out), react);
await writeFile(new URL('vue.d.ts', out), vue);
// The subpaths carry types only; these empty modules keep them importable.
await writeFile(new URL('react.js', out), 'export {};\n');
await writeFile(new URL('vue.js', out), 'export {};\n');
