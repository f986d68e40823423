import { readdirSync } from 'node:fs';
import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.base.ts';

// One module per element (dist/components/<name>.js), so an app that renders only the card
// bundles only the card's wrapper and registers only the card. src/generated/ is written by
// scripts/generate.mjs, which `npm run build` runs first.
const generated = readdirSync(new URL('src/generated/', import.meta.url)).filter(
  (file) => file.endsWith('.ts') && file !== 'index.ts',
);

export default defineConfig(
  packageBuild({
    entry: {
      index: 'src/index.ts',
      ...Object.fromEntries(
        generated.map((file) => [
          `components/${file.replace(/\.ts$/, '')}`,
          `src/generated/${file}`,
        ]),
      ),
    },
    splitting: true,
  }),
);
