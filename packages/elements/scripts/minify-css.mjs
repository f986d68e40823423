// An esbuild plugin that minifies the CSS inside Lit's css`…` templates of this package's
// sources (esbuild minifies the JavaScript around them, never the CSS text itself). Used by the
// npm build (tsup.config.ts), the drop-in and the size report (scripts/bundle.mjs), so what is
// measured is what ships. Templates with `${…}` interpolations are left as they are. The same
// plugin collapses the layout whitespace of html`…` and svg`…` templates (minify-html.mjs).

import { readFile } from 'node:fs/promises';
import { transform } from 'esbuild';
import { minifyHtmlTemplates } from './minify-html.mjs';

/** The browsers the drop-in targets; esbuild keeps every feature they support as written. */
const cssTarget = ['chrome111', 'edge111', 'firefox113', 'safari16.4'];

/**
 * `css` with `change` applied to everything but its quoted strings.
 * @param {string} css
 * @param {(part: string) => string} change
 */
function outsideStrings(css, change) {
  return css
    .split(/("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')/)
    .map((part, index) => (index % 2 === 1 ? part : change(part)))
    .join('');
}

/**
 * Minifies every interpolation-free css`…` template in `source`.
 * @param {string} source
 * @returns {Promise<string>}
 */
export async function minifyCssTemplates(source) {
  const templates = [...source.matchAll(/\bcss`([^`]*)`/g)];
  let result = '';
  let last = 0;
  for (const match of templates) {
    const [whole, text = ''] = match;
    if (text.includes('${') || text.includes('\\')) continue;
    // `charset: 'utf8'` keeps `content: '›'` as written: esbuild's default ASCII output writes
    // `\203a`, an invalid escape in a template literal, so Lit's css`…` got `undefined` and the
    // whole stylesheet was dropped (the region picker rendered unstyled in the built files).
    const { code } = await transform(text, {
      loader: 'css',
      minify: true,
      target: cssTarget,
      charset: 'utf8',
    });
    // Any other backslash would be read by JavaScript first: keep such a template as written.
    if (code.includes('\\')) continue;
    // esbuild keeps custom properties' values as written: drop the space before each value and
    // after each comma in them (insignificant there, `var(--a, 1px)` = `var(--a,1px)`), never
    // inside a quoted string (`content: 'a, b'` keeps its space).
    const tight = outsideStrings(code.trim(), (part) =>
      part.replace(/(--[\w-]+):\s+/g, '$1:').replace(/,\s+/g, ','),
    );
    result += `${source.slice(last, match.index)}css\`${tight}\``;
    last = (match.index ?? 0) + whole.length;
  }
  return result + source.slice(last);
}

/** @returns {import('esbuild').Plugin} */
export function minifyTemplates() {
  return {
    name: 'zheli-minify-templates',
    setup(build) {
      build.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async ({ path }) => {
        if (path.includes('node_modules')) return undefined;
        const source = await readFile(path, 'utf8');
        const hasCss = source.includes('css`');
        const hasHtml = source.includes('html`') || source.includes('svg`');
        if (!hasCss && !hasHtml) return undefined;
        const css = hasCss ? await minifyCssTemplates(source) : source;
        return { contents: hasHtml ? minifyHtmlTemplates(css) : css, loader: 'ts' };
      });
    },
  };
}
