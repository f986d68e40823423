import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { generate } from '../scripts/editor-data.mjs';

interface CustomData {
  tags: {
    name: string;
    attributes: { name: string; valueSet?: string; values?: { name: string }[] }[];
    references: { url: string }[];
  }[];
}
interface WebTypes {
  name: string;
  version: string;
  contributions: {
    html: {
      elements: {
        name: string;
        attributes: { name: string; value: { type: string } }[];
        events: { name: string }[];
        js: { properties: { name: string }[] };
      }[];
    };
  };
}

const committed = async (name: string) => readFile(new URL(`../${name}`, import.meta.url), 'utf8');

describe('editor data for plain HTML (after a build)', () => {
  it('is committed as the manifest generates it (npm run generate)', async () => {
    const generated = await generate();
    expect(Object.keys(generated).sort()).toEqual([
      'vscode.html-custom-data.json',
      'web-types.json',
    ]);
    for (const [name, text] of Object.entries(generated))
      expect(await committed(name), name).toBe(text);
  });

  it('gives VS Code every element with its attributes, their values and a link to the docs', async () => {
    const data = JSON.parse(await committed('vscode.html-custom-data.json')) as CustomData;
    const manifest = JSON.parse(
      await readFile(new URL('../dist/custom-elements.json', import.meta.url), 'utf8'),
    ) as { modules: { declarations?: { tagName?: string; attributes?: { name: string }[] }[] }[] };
    const elements = manifest.modules
      .flatMap((module) => module.declarations ?? [])
      .filter((declaration) => declaration.tagName);
    expect(data.tags.map((tag) => tag.name).sort()).toEqual(
      elements.map((element) => element.tagName).sort(),
    );
    for (const element of elements) {
      const tag = data.tags.find((item) => item.name === element.tagName);
      expect(tag?.attributes.map((attribute) => attribute.name)).toEqual(
        (element.attributes ?? []).map((attribute) => attribute.name),
      );
      expect(tag?.references[0]?.url).toMatch(/docs\/elements\.md#zheli-/);
    }
    const attribute = (tagName: string, name: string) =>
      data.tags.find((tag) => tag.name === tagName)?.attributes.find((item) => item.name === name);
    expect(attribute('zheli-service-card', 'variant')?.values).toEqual([
      { name: 'full' },
      { name: 'compact' },
    ]);
    expect(attribute('zheli-service-card', 'mode')?.values).toEqual([
      { name: 'standard' },
      { name: 'elder' },
    ]);
    expect(attribute('zheli-service-catalog', 'sort')?.values?.map((value) => value.name)).toEqual([
      'relevance',
      'popularity',
      'rating',
      'name',
    ]);
    expect(
      attribute('zheli-qr-code', 'error-correction')?.values?.map((value) => value.name),
    ).toEqual(['L', 'M', 'Q', 'H']);
    expect(attribute('zheli-service-catalog', 'url-state')?.valueSet).toBe('v');
  });

  it('gives JetBrains IDEs the elements, attributes, events and properties, named in package.json', async () => {
    const types = JSON.parse(await committed('web-types.json')) as WebTypes;
    const pkg = JSON.parse(await committed('package.json')) as {
      version: string;
      'web-types': string;
      files: string[];
      exports: Record<string, unknown>;
    };
    expect(types.name).toBe('@zheli/elements');
    expect(types.version).toBe(pkg.version);
    expect(pkg['web-types']).toBe('./web-types.json');
    expect(pkg.files).toEqual(
      expect.arrayContaining(['web-types.json', 'vscode.html-custom-data.json']),
    );
    expect(pkg.exports['./web-types.json']).toBe('./web-types.json');
    expect(pkg.exports['./vscode.html-custom-data.json']).toBe('./vscode.html-custom-data.json');
    const card = types.contributions.html.elements.find(
      (item) => item.name === 'zheli-service-card',
    );
    expect(card?.attributes.find((item) => item.name === 'variant')?.value.type).toBe(
      "'full' | 'compact'",
    );
    expect(card?.events.map((event) => event.name)).toEqual([
      'zheli-apply',
      'zheli-book',
      'zheli-error',
    ]);
    expect(card?.js.properties.map((property) => property.name)).toContain('serviceId');
  });
});
