import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.base.ts';

// Three entries: the client, `@zheli/client/verify` (offline code verification on its own), and
// `@zheli/client/helpers` (error readers and the idempotency key, without ky or the client).
// The root's `verifyCode` imports `./verify.js` dynamically, so jose is never in the root's
// static graph: splitting turns that import into a reference to the `verify` entry.
export default defineConfig(
  packageBuild({ entry: ['src/index.ts', 'src/verify.ts', 'src/helpers.ts'], splitting: true }),
);
