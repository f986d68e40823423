import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.base.ts';

// The client, `@zheli/client/verify` (offline code verification on its own),
// `@zheli/client/helpers` (error readers and the idempotency key, without ky or the client), and
// the feature modules `applications`, `points` and `recommendation-controls`, each with its own
// operation table, so that `createClient` carries none of them.
// The root's `verifyCode` imports `./verify.js` dynamically, so jose is never in the root's
// static graph: splitting turns that import into a reference to the `verify` entry.
export default defineConfig(
  packageBuild({
    entry: [
      'src/index.ts',
      'src/verify.ts',
      'src/helpers.ts',
      'src/applications.ts',
      'src/points.ts',
      'src/recommendation-controls.ts',
    ],
    splitting: true,
  }),
);
