import { describe, expect, it } from 'vitest';
import { minifyCssTemplates } from '../scripts/minify-css.mjs';

describe('the css`…` template minifier', () => {
  it('tightens custom properties and commas but leaves quoted strings as written', async () => {
    const out = await minifyCssTemplates(
      'css`:host { --gap: var(--zheli-space, 8px); } .a::before { content: \'a, b\'; } .b::after { content: "c, d"; }`',
    );
    expect(out).toContain('--gap:var(--zheli-space,8px)');
    expect(out).toContain("'a, b'".replaceAll("'", '"'));
    expect(out).toContain('"c, d"');
  });

  it('keeps non-ASCII content as written, never as a CSS escape that breaks the template literal', async () => {
    const out = await minifyCssTemplates("css`.next::after { content: '›'; }`");
    expect(out).toContain('›');
    expect(out).not.toContain('\\');
  });

  it('leaves templates with interpolations alone', async () => {
    const source = 'css`.a { color: ${color}; }`';
    expect(await minifyCssTemplates(source)).toBe(source);
  });
});
