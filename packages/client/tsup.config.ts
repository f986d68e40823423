import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.base.ts';

// Two entries: the client, and `@zheli/client/verify` (offline code verification on its own).
// The root's `verifyCode` imports `./verify.js` dynamically, so jose is never in the root's
// static graph: splitting turns that import into a reference to the `verify` entry.
export default defineConfig(
  packageBuild({ entry: ['src/index.ts', 'src/verify.ts'], splitting: true }),
);
