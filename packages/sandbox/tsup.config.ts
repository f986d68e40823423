import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.base.ts';

// The identity branch builds its own entry; the package's `src/index.ts` (owned by the API
// branch) re-exports it when the branches merge.
export default defineConfig(packageBuild({ entry: { index: 'src/identity/index.ts' } }));
