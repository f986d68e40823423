// The package as a whole: its generated operation table is fresh, importing it runs nothing,
// and its browser bundle holds nothing Node-only and stays within the size budget.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { generate } from '../scripts/generate.mjs';

const root = new URL('../', import.meta.url);

describe('@zheli/client', () => {
  it('has an operation table generated from the current contract', async () => {
    const current = await readFile(new URL('src/generated/operations.ts', root), 'utf8');
    expect(current).toBe(await generate());
  });

  it('runs none of its own code when imported: only imports survive tree-shaking', async () => {
    const result = await build({
      stdin: { contents: "import './src/index.ts';", resolveDir: root.pathname, loader: 'ts' },
      bundle: true,
      format: 'esm',
      write: false,
      platform: 'neutral',
      external: ['ky', 'jose', '@zheli/contract'],
      // Judge the code, not the `sideEffects: false` promise in package.json.
      ignoreAnnotations: true,
      logLevel: 'silent',
    });
    const statements = (result.outputFiles[0]?.text ?? '')
      .split('\n')
      .filter((line) => line.trim() && !line.startsWith('//') && !line.startsWith('import '));
    expect(statements).toEqual([]);
  });

  it('bundles for the browser within 4 KB gzipped on top of ky', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['scripts/size.mjs', '--json'], {
      cwd: root,
    });
    const figures = JSON.parse(stdout) as {
      clientWithKy: { gzip: number };
      ky: { gzip: number };
      clientOwnGzip: number;
      budget: number;
    };
    expect(figures.budget).toBe(4096);
    expect(figures.clientOwnGzip).toBe(figures.clientWithKy.gzip - figures.ky.gzip);
    expect(figures.clientOwnGzip).toBeGreaterThan(1000);
    expect(figures.clientOwnGzip).toBeLessThan(figures.budget);
  });
});
