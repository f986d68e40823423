// The package as a whole: its generated operation table is fresh, importing it runs nothing,
// and its browser bundle holds nothing Node-only and stays within the size budget.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { generate } from '../scripts/generate.mjs';

const root = new URL('../', import.meta.url);

describe('@zheli/client', () => {
  it('has operation tables generated from the current contract', async () => {
    const tables = await generate();
    expect([...tables.keys()].sort()).toEqual([
      'applications.ts',
      'operations.ts',
      'points.ts',
      'recommendation-controls.ts',
    ]);
    for (const [name, next] of tables) {
      expect(await readFile(new URL(`src/generated/${name}`, root), 'utf8'), name).toBe(next);
    }
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

  it('keeps jose out of the eager code of an app that creates a client and verifies codes lazily', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'zheli-client-split-'));
    try {
      const entry = join(dir, 'app.js');
      const src = new URL('src/', root).pathname;
      await writeFile(
        entry,
        `import { createClient, verifyCode } from '${src}index.ts';
export const client = createClient({ baseUrl: 'https://example.test' });
export const offline = () => import('${src}verify.ts');
export { verifyCode };`,
      );
      const result = await build({
        entryPoints: { app: entry },
        outdir: join(dir, 'out'),
        bundle: true,
        splitting: true,
        format: 'esm',
        platform: 'browser',
        write: false,
        metafile: true,
        logLevel: 'silent',
      });
      const outputs = result.metafile.outputs;
      const eager = new Set<string>();
      const visit = (path: string) => {
        if (eager.has(path)) return;
        eager.add(path);
        for (const imported of outputs[path]?.imports ?? []) {
          if (imported.kind === 'import-statement') visit(imported.path);
        }
      };
      const app = Object.keys(outputs).find((path) => path.endsWith('/app.js')) ?? '';
      visit(app);
      const eagerInputs = [...eager].flatMap((path) => Object.keys(outputs[path]?.inputs ?? {}));
      const allInputs = Object.values(outputs).flatMap((output) => Object.keys(output.inputs));
      expect(eagerInputs.some((input) => input.includes('src/client.ts'))).toBe(true);
      expect(eagerInputs.filter((input) => input.includes('node_modules/jose'))).toEqual([]);
      expect(allInputs.some((input) => input.includes('node_modules/jose'))).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('exports the offline verification on its own subpath, the same code as the root', async () => {
    const subpath = await import('@zheli/client/verify');
    const rootEntry = await import('@zheli/client');
    expect(typeof subpath.verifyCode).toBe('function');
    const options = { jwks: { keys: [] }, issuer: 'https://example.test' };
    expect(await subpath.verifyCode('not-a-jws', options)).toEqual({
      valid: false,
      reason: 'malformed',
    });
    expect(await rootEntry.verifyCode('not-a-jws', options)).toEqual(
      await subpath.verifyCode('not-a-jws', options),
    );
  });
});
