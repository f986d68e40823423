import { glob, readFile } from 'node:fs/promises';
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

  it('leaves runs of spaces on one line as written, in text and in attribute values', () => {
    const source = 'const a = html`<p title="a  b">x \t y</p>`;';
    expect(minifyHtmlTemplates(source)).toBe(source);
  });

  // A minifier that also drops whitespace between tags (`> <` to `><`) turns the card's
  // "Fee ¥50.00" into "Fee¥50.00" (esbuild-minify-templates did: see minify-html.mjs).
  it('keeps one space where a line break separated a tag from a tag or a value', () => {
    const source =
      // biome-ignore lint/suspicious/noTemplateCurlyInString: source text
      'html`<div>\n  <dt>${label}</dt>\n  <dd>${value}</dd>\n  <span>!</span>\n  ${text}\n</div>`';
    expect(minifyHtmlTemplates(source)).toBe(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: source text
      'html`<div> <dt>${label}</dt> <dd>${value}</dd> <span>!</span> ${text} </div>`',
    );
  });

  it('only shortens whitespace runs in html templates in every source file, never removes one', async () => {
    let changed = 0;
    for await (const [source, result] of sources()) {
      expect(result.replace(/\s+/g, ' ')).toBe(source.replace(/\s+/g, ' '));
      if (result !== source) changed += 1;
    }
    expect(changed).toBeGreaterThan(5);
  });

  // The collapse is invisible only outside <pre> and <textarea> content and attribute values.
  it('finds a collapsed line break inside an attribute value or <pre>, and none in the sources', async () => {
    const sample = 'html`<p title="one\n  two">x</p><pre>a\n  b</pre><p>\n  c</p>`';
    expect(risky(sample, minifyHtmlTemplates(sample))).toEqual(['attribute', 'pre']);
    let checked = 0;
    for await (const [source, result] of sources()) {
      expect(risky(source, result)).toEqual([]);
      checked += collapsed(source, result).length;
    }
    expect(checked).toBeGreaterThan(100);
  });
});

/** Each source file of the package (tests left out) with what the build makes of it. */
async function* sources(): AsyncGenerator<[string, string]> {
  for await (const file of glob('src/**/*.ts', { cwd: new URL('..', import.meta.url) })) {
    if (file.includes('.test.')) continue;
    const source = await readFile(new URL(`../${file}`, import.meta.url), 'utf8');
    yield [source, minifyHtmlTemplates(source)];
  }
}

/** Where `result` has a collapsed whitespace run of `source`: offsets into `result`. */
function collapsed(source: string, result: string): number[] {
  const at: number[] = [];
  let i = 0;
  let j = 0;
  const space = (text: string, from: number) => /^\s*/.exec(text.slice(from))?.[0] ?? '';
  while (i < source.length) {
    const before = space(source, i);
    const after = space(result, j);
    if (before === '') {
      i += 1;
      j += 1;
      continue;
    }
    if (before !== after) at.push(j);
    i += before.length;
    j += after.length;
  }
  return at;
}

/** The collapses that land inside a quoted attribute value or in <pre> or <textarea> content. */
function risky(source: string, result: string): string[] {
  return collapsed(source, result).flatMap((at) => {
    const before = result.slice(0, at);
    const tag = before.slice(before.lastIndexOf('<'));
    if (!tag.includes('>')) return (tag.match(/["']/g) ?? []).length % 2 === 1 ? ['attribute'] : [];
    const open = Math.max(before.lastIndexOf('<pre'), before.lastIndexOf('<textarea'));
    const close = Math.max(before.lastIndexOf('</pre'), before.lastIndexOf('</textarea'));
    return open > close ? ['pre'] : [];
  });
}
