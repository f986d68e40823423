import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { minifyHtmlTemplates } from '../scripts/minify-html.mjs';

// The inputs and outputs below are source text, so `${…}` inside plain strings is on purpose.

describe('minifyHtmlTemplates (the build step that collapses html`…` layout whitespace)', () => {
  it('turns each line-breaking whitespace run in html and svg templates into one space', () => {
    const source =
      // biome-ignore lint/suspicious/noTemplateCurlyInString: source text
      'const a = html`<ul>\n    <li>${x}</li>\n  </ul>`;\nconst b = svg`<g>\n  <rect></rect>\n</g>`;';
    expect(minifyHtmlTemplates(source)).toBe(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: source text
      'const a = html`<ul> <li>${x}</li> </ul>`;\nconst b = svg`<g> <rect></rect> </g>`;',
    );
  });

  it('minifies templates nested in expressions and leaves other templates, strings and comments as written', () => {
    const source = [
      // biome-ignore lint/suspicious/noTemplateCurlyInString: source text
      'const t = html`<p>\n  ${items.map((i) => html`<b>\n  ${i}</b>`)}\n</p>`;',
      'const plain = `line one\n  line two`;',
      "const s = 'html`\\n  x`';",
      '/* html`\n  not a template` */',
      'const r = /`/.test(x) ? css`a {\n  color: red;\n}` : "html`";',
      'const ics = `BEGIN:VCALENDAR\r\nEND:VCALENDAR`;',
    ].join('\n');
    const [first = ''] = minifyHtmlTemplates(source).split('\n');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: source text
    expect(first).toBe('const t = html`<p> ${items.map((i) => html`<b> ${i}</b>`)} </p>`;');
    expect(minifyHtmlTemplates(source).slice(first.length + 1)).toBe(
      source.slice(source.indexOf('const plain')),
    );
  });

  it('changes nothing but whitespace inside html templates in every source file', async () => {
    const { glob } = await import('node:fs/promises');
    let changed = 0;
    for await (const file of glob('src/**/*.ts', { cwd: new URL('..', import.meta.url) })) {
      if (file.includes('.test.')) continue;
      const source = await readFile(new URL(`../${file}`, import.meta.url), 'utf8');
      const result = minifyHtmlTemplates(source);
      expect(result.replace(/\s+/g, '')).toBe(source.replace(/\s+/g, ''));
      if (result !== source) changed += 1;
    }
    expect(changed).toBeGreaterThan(5);
  });
});
