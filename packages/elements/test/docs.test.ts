import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';

interface Named {
  name?: string;
}
interface Declaration {
  tagName?: string;
  customElement?: boolean;
  attributes?: Named[];
  events?: Named[];
  cssParts?: Named[];
  cssProperties?: Named[];
}

describe('docs/elements.md', () => {
  it('documents every element, attribute, event, part, custom property and token (after a build)', async () => {
    const docs = await readFile(new URL('../../../docs/elements.md', import.meta.url), 'utf8');
    const manifest = JSON.parse(
      await readFile(new URL('../dist/custom-elements.json', import.meta.url), 'utf8'),
    ) as { modules: { declarations?: Declaration[] }[] };
    const tokens = [
      await readFile(new URL('../src/styles/colors.ts', import.meta.url), 'utf8'),
      await readFile(new URL('../src/styles/tokens.ts', import.meta.url), 'utf8'),
    ].join('\n');
    const missing: string[] = [];
    const elements = manifest.modules
      .flatMap((module) => module.declarations ?? [])
      .filter((item) => item.tagName);
    expect(elements.map((element) => element.tagName).sort()).toEqual([
      'zheli-appointment-picker',
      'zheli-config',
      'zheli-evaluation',
      'zheli-login-button',
      'zheli-qr-code',
      'zheli-region-picker',
      'zheli-service-card',
      'zheli-service-catalog',
    ]);
    for (const element of elements) {
      const start = docs.indexOf(`### \`<${element.tagName}>\``);
      const end = docs.indexOf('### ', start + 4);
      const section = start < 0 ? '' : docs.slice(start, end < 0 ? undefined : end);
      if (section === '') missing.push(`<${element.tagName}>`);
      const names = [
        ...(element.attributes ?? []),
        ...(element.events ?? []),
        ...(element.cssParts ?? []),
        ...(element.cssProperties ?? []),
      ].flatMap((item) => (item.name ? [item.name] : []));
      for (const name of names)
        if (!section.includes(`\`${name}\``)) missing.push(`${element.tagName} ${name}`);
    }
    const colorRoles = [...tokens.matchAll(/^\s+'?([a-z-]+)'?: \['#/gm)].map((match) => match[1]);
    expect(colorRoles.length).toBeGreaterThan(10);
    const generated = colorRoles.flatMap((role) => [
      `--zheli-color-${role}`,
      `--zheli-elder-color-${role}`,
    ]);
    const written = [...tokens.matchAll(/var\(\s*(--zheli-[a-z0-9-]+)/g)].map((match) => match[1]);
    for (const token of [
      ...generated.filter((name) => !/elder-color-(focus|skeleton)$/.test(name)),
      ...written,
    ]) {
      if (token !== undefined && !docs.includes(`\`${token}\``)) missing.push(token);
    }
    expect(missing).toEqual([]);
  });
});
