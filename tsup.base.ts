import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Options } from 'tsup';

const mapComment = /(?:\n\/\/# sourceMappingURL=[^\n]+)+\n?$/;

/**
 * tsup's tree-shaking pass (Rollup) ends each file with a `sourceMappingURL` comment and tsup
 * appends its own: keep one, so a file names its map once (the maps are published beside it).
 */
async function oneMapComment(outDir: string): Promise<void> {
  const files = await readdir(outDir, { recursive: true, withFileTypes: true });
  for (const file of files) {
    if (!file.isFile() || !file.name.endsWith('.js')) continue;
    const path = join(file.parentPath, file.name);
    const code = await readFile(path, 'utf8');
    const comments = mapComment.exec(code)?.[0];
    if (!comments || comments.trim().split('\n').length < 2) continue;
    const last = comments.trim().split('\n').at(-1);
    await writeFile(path, `${code.slice(0, code.length - comments.length)}\n${last}\n`);
  }
}

/**
 * The one tsup base every package builds with: ESM only, declarations, dependencies external
 * (tsup leaves `dependencies` and `peerDependencies` out of the bundle by default).
 */
export function packageBuild(options: Options = {}): Options {
  return {
    format: ['esm'],
    target: 'es2023',
    dts: true,
    sourcemap: true,
    clean: true,
    splitting: false,
    treeshake: true,
    outDir: 'dist',
    onSuccess: () => oneMapComment(options.outDir ?? 'dist'),
    ...options,
  };
}
