// The packages npm would publish: each folder of `packages/` whose package.json is not `private`,
// in name order. Shared by the checks that walk the published packages.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * @param {string} root the repository's root
 * @returns {Promise<{ name: string, folder: string, dir: string, manifest: Record<string, any> }[]>}
 */
export async function publicPackages(root) {
  const found = [];
  for (const folder of (await readdir(join(root, 'packages'))).sort()) {
    const dir = join(root, 'packages', folder);
    const manifest = JSON.parse(
      await readFile(join(dir, 'package.json'), 'utf8').catch(() => '{}'),
    );
    if (manifest.name && !manifest.private)
      found.push({ name: manifest.name, folder, dir, manifest });
  }
  return found;
}
