// The install itself: third-party versions as the committed lockfile pins them, and the install
// line of docs/react.md enough for every import its code shows, under a strict layout.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { check, consumersDir, expect } from './fixtures.ts';

const exec = promisify(execFile);
const docs = (name: string) => readFile(new URL(`../../../docs/${name}`, import.meta.url), 'utf8');

check(
  'install: every third-party version is the one examples/consumers/package-lock.json pins',
  async () => {
    const drift = JSON.parse(await readFile(join(consumersDir, 'lock-drift.json'), 'utf8'));
    expect(
      drift,
      'run `npm run lock -w @zheli/example-consumer-matrix` and commit the lockfile',
    ).toEqual([]);
  },
);

check(
  'install-lines: every import of docs/react.md resolves with its install line (linked)',
  async () => {
    const text = await docs('react.md');
    const line = /```sh\nnpm install ([^\n#]+)/.exec(text)?.[1]?.trim().split(/\s+/) ?? [];
    const app = join(consumersDir, 'install-lines');
    const manifest = JSON.parse(await readFile(join(app, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    // The app installs exactly what the docs tell people to install.
    expect(Object.keys(manifest.dependencies).sort()).toEqual([...line].sort());
    const imports = new Set<string>();
    for (const block of text.matchAll(/```tsx?\n([\s\S]*?)```/g)) {
      for (const found of (block[1] ?? '').matchAll(/from '([^'.][^']*)'/g)) {
        if (found[1]) imports.add(found[1]);
      }
    }
    expect(imports.size).toBeGreaterThan(0);
    const unresolved: string[] = [];
    for (const specifier of imports) {
      try {
        await exec(
          process.execPath,
          ['--input-type=module', '-e', `import.meta.resolve(${JSON.stringify(specifier)})`],
          { cwd: app },
        );
      } catch (error) {
        unresolved.push(
          `${specifier}: ${String((error as { stderr?: string }).stderr).match(/ERR_[A-Z_]+/)?.[0]}`,
        );
      }
    }
    expect(unresolved).toEqual([]);
  },
);
