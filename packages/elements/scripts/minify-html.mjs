// Collapses the layout whitespace inside Lit's html`…` and svg`…` templates of this package's
// sources: every run of whitespace that contains a line break becomes one space. The rendered
// result is the same (HTML collapses such a run to one space anyway, and no template of this
// package puts template text inside <pre>, <textarea> or a `white-space: pre*` element), but the
// indentation of long templates no longer ships. Only the literal text between `${…}` is touched;
// strings, comments, regular expressions and other templates are copied as they are.
//
// Why not the library esbuild-minify-templates (0.13.1, measured November 2026): it rewrites the
// bundled output, so it also needs `write: false` and its `writeFiles()` in the drop-in build, and
// its `stripWhitespace` drops the space between tags (`> <` to `><`) and at a template part's
// edges. It saved at most 102 B gzip (define.js, 0.2 %; drop-in 81 B) but changed what people
// read: the card facts became "Promised time3 working days", "FeeCN¥50.00" (three cards changed
// per locale, a different screenshot and accessibility tree). Without `taggedOnly` it also
// rewrote untagged templates: lit-html's own `[ \t\n\f\r]` and the calendar file's `\r\n`.
// test/minified-render.test.ts checks that the build renders exactly as the sources do.

/** Characters after which a `/` starts a regular expression rather than a division. */
const beforeRegExp = new Set([
  '',
  '(',
  ',',
  '=',
  ':',
  '[',
  '!',
  '&',
  '|',
  '?',
  '{',
  '}',
  ';',
  '+',
  '-',
  '*',
  '%',
  '<',
  '>',
  '~',
  '^',
]);

/**
 * Collapses line-breaking whitespace in every html`…` and svg`…` template of `source`.
 * @param {string} source TypeScript or JavaScript source
 * @returns {string}
 */
export function minifyHtmlTemplates(source) {
  let out = '';
  let i = 0;
  /** @type {({ kind: 'template'; minify: boolean } | { kind: 'expression'; depth: number })[]} */
  const stack = [];
  let last = '';
  const n = source.length;

  const code = () => {
    // Copies code until a template starts or the enclosing `${…}` ends; returns on either.
    while (i < n) {
      const c = source[i];
      const next = source[i + 1];
      if (c === '/' && next === '/') {
        const end = source.indexOf('\n', i);
        const stop = end === -1 ? n : end;
        out += source.slice(i, stop);
        i = stop;
      } else if (c === '/' && next === '*') {
        const end = source.indexOf('*/', i + 2);
        const stop = end === -1 ? n : end + 2;
        out += source.slice(i, stop);
        i = stop;
      } else if (c === "'" || c === '"') {
        let j = i + 1;
        while (j < n && source[j] !== c) j += source[j] === '\\' ? 2 : 1;
        out += source.slice(i, j + 1);
        i = j + 1;
        last = c;
      } else if (
        c === '/' &&
        (beforeRegExp.has(last) || /\b(return|typeof|case|of|in)$/.test(out))
      ) {
        let j = i + 1;
        let inClass = false;
        while (j < n && (inClass || source[j] !== '/')) {
          if (source[j] === '\\') j += 1;
          else if (source[j] === '[') inClass = true;
          else if (source[j] === ']') inClass = false;
          j += 1;
        }
        out += source.slice(i, j + 1);
        i = j + 1;
        last = '/';
      } else if (c === '`') {
        const minify = /\b(html|svg)\s*$/.test(out);
        out += c;
        i += 1;
        stack.push({ kind: 'template', minify });
        return;
      } else if (c === '{' && stack.at(-1)?.kind === 'expression') {
        /** @type {{ kind: 'expression'; depth: number }} */ (stack.at(-1)).depth += 1;
        out += c;
        i += 1;
        last = c;
      } else if (c === '}' && stack.at(-1)?.kind === 'expression') {
        const top = /** @type {{ kind: 'expression'; depth: number }} */ (stack.at(-1));
        out += c;
        i += 1;
        last = c;
        if (top.depth === 0) {
          stack.pop();
          return;
        }
        top.depth -= 1;
      } else {
        out += c;
        i += 1;
        if (!/\s/.test(c)) last = /[\w$]/.test(c) ? 'word' : c;
      }
    }
  };

  const template = () => {
    // Copies template text until `${` or the closing backtick; returns on either.
    const top = /** @type {{ kind: 'template'; minify: boolean }} */ (stack.at(-1));
    let text = '';
    while (i < n) {
      const c = source[i];
      if (c === '\\') {
        text += source.slice(i, i + 2);
        i += 2;
      } else if (c === '`') {
        out += top.minify ? text.replace(/\s*\n\s*/g, ' ') : text;
        out += c;
        i += 1;
        stack.pop();
        last = ')';
        return;
      } else if (c === '$' && source[i + 1] === '{') {
        out += top.minify ? text.replace(/\s*\n\s*/g, ' ') : text;
        out += '${';
        i += 2;
        stack.push({ kind: 'expression', depth: 0 });
        last = '{';
        return;
      } else {
        text += c;
        i += 1;
      }
    }
    out += text;
  };

  while (i < n) {
    if (stack.at(-1)?.kind === 'template') template();
    else code();
  }
  return out;
}
