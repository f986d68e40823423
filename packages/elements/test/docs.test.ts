import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { integrityOf, pin, pinnedPages, scriptTag } from '../scripts/pin-drop-in.mjs';

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
      'zheli-matter',
      'zheli-points',
      'zheli-qr-code',
      'zheli-recommendations',
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

describe('the drop-in in the docs', () => {
  it('is pinned to this version with an integrity hash in every snippet, and in the CSP', async () => {
    const { version } = JSON.parse(
      await readFile(new URL('../package.json', import.meta.url), 'utf8'),
    ) as { version: string };
    for (const page of pinnedPages) {
      const text = await readFile(new URL(`../../../${page}`, import.meta.url), 'utf8');
      const tags = text.match(/<script[^>]*zheli-elements\.js[^>]*>/g) ?? [];
      expect(tags.length, page).toBeGreaterThan(0);
      for (const tag of tags) {
        expect(tag, page).toMatch(
          new RegExp(
            `^<script type="module" src="https://unpkg\\.com/@zheli/elements@${version.replaceAll('.', '\\.')}/dist/browser/zheli-elements\\.js" integrity="sha384-[A-Za-z0-9+/]{64}" crossorigin="anonymous">$`,
          ),
        );
      }
      for (const address of text.match(/unpkg\.com\/@zheli\/elements@[^/"\s]+/g) ?? []) {
        expect(address, page).toBe(`unpkg.com/@zheli/elements@${version}`);
      }
    }
  });

  it('is pinned by the release step: pin() writes the version and the file’s sha384 into every tag', () => {
    const integrity = integrityOf(new TextEncoder().encode('export {};\n'));
    expect(integrity).toMatch(/^sha384-[A-Za-z0-9+/]{64}$/);
    const page = [
      '<script type="module" src="https://unpkg.com/@zheli/elements@0/dist/browser/zheli-elements.js"></script>',
      "script-src 'self' https://unpkg.com/@zheli/elements@0.1.0/dist/browser/;",
    ].join('\n');
    const { text, count } = pin(page, '1.2.3', integrity);
    expect(count).toBe(1);
    expect(text).toBe(
      [
        scriptTag('1.2.3', integrity),
        "script-src 'self' https://unpkg.com/@zheli/elements@1.2.3/dist/browser/;",
      ].join('\n'),
    );
    expect(pin(text, '1.2.3', integrity).text).toBe(text);
  });
});
