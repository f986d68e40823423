// The drop-in built from the current source into a temporary directory, for tests that serve it
// to a page: `dist/browser` (the published build) is left as `npm run build` wrote it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDropIn as buildDropInFiles } from '../scripts/build-browser.mjs';
import { packageRoot } from '../scripts/bundle.mjs';

export interface DropIn {
  /** The directory holding `zheli-elements.js` and its `chunks/`. */
  dir: string;
  /** The file behind a served path: `/dist/browser/…` from `dir`, anything else from the package. */
  file(path: string): string;
  remove(): Promise<void>;
}

export async function buildDropIn(): Promise<DropIn> {
  const dir = await mkdtemp(join(tmpdir(), 'zheli-drop-in-'));
  await buildDropInFiles(dir);
  return {
    dir,
    file: (path) =>
      path.startsWith('/dist/browser/')
        ? join(dir, path.slice('/dist/browser/'.length))
        : join(packageRoot, path),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
