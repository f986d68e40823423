// `npm run docs:build`: builds the site into docs/.vitepress/dist and prints how long it took.
// VitePress fails the build on a dead link.
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';

const started = performance.now();
execFileSync('vitepress', ['build', '.'], { stdio: 'inherit' });
const seconds = ((performance.now() - started) / 1000).toFixed(1);
process.stdout.write(`${`docs:build took ${seconds} s`}\n`);
