import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

async function sources(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter(
      (entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.includes('.test.'),
    )
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('the element sources', () => {
  it('use no unsafeHTML, no styleMap and no style= binding (strict CSP)', async () => {
    const offending: string[] = [];
    for (const file of await sources(new URL('../src', import.meta.url).pathname)) {
      const text = await readFile(file, 'utf8');
      for (const pattern of [
        /unsafeHTML/,
        /unsafeSVG/,
        /styleMap/,
        /\sstyle=/,
        /innerHTML/,
        /\.insertAdjacentHTML/,
      ]) {
        if (pattern.test(text)) offending.push(`${file}: ${pattern}`);
      }
    }
    expect(offending).toEqual([]);
  });
});
