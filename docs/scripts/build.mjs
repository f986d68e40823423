// `npm run docs:build`: builds the site into docs/.vitepress/dist and prints how long it took.
// VitePress fails the build on a dead link.
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { build } from 'vitepress';

const started = performance.now();
await build(join(dirname(fileURLToPath(import.meta.url)), '..'));
const seconds = ((performance.now() - started) / 1000).toFixed(1);
process.stdout.write(`docs:build took ${seconds} s\n`);
