// The docs cannot drift from the code: every option of createClient is documented in both the
// README and docs/client.md, and the Node example there is the script a test runs.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';

const root = new URL('../', import.meta.url);
const read = (path: string) => readFile(new URL(path, root), 'utf8');

describe('docs', () => {
  it('document every option of createClient with its default, in the README and the guide', async () => {
    const source = await read('src/client.ts');
    const block = source.slice(source.indexOf('export interface ClientOptions'));
    const options = [...block.slice(0, block.indexOf('\n}')).matchAll(/^ {2}(\w+)\??:/gm)].map(
      (m) => m[1],
    );
    expect(options).toContain('batchDelay');
    for (const doc of [await read('README.md'), await read('../../docs/client.md')]) {
      const rows = doc.split('\n').filter((line) => line.startsWith('| `'));
      for (const option of options) {
        expect(rows.some((row) => row.startsWith(`| \`${option}\` |`))).toBe(true);
      }
    }
  });

  it('show the Node example exactly as examples/node.mjs is', async () => {
    const example = await read('examples/node.mjs');
    expect(await read('../../docs/client.md')).toContain(`\`\`\`js\n${example}\`\`\``);
  });

  it('list every resource group of the client', async () => {
    const types = await read('src/types.ts');
    const groups = [...types.matchAll(/^ {2}(\w+): \{$/gm)].map((m) => m[1]);
    expect(groups.length).toBeGreaterThanOrEqual(10);
    for (const doc of [await read('README.md'), await read('../../docs/client.md')]) {
      for (const group of groups) expect(doc).toContain(`client.${group}`);
    }
  });
});
