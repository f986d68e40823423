import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.base.ts';

// Two entries: the library (`@zheli/sandbox`) and the `zheli-sandbox` bin (with its shebang, kept
// by tsup). The SQL migrations and the seed data are read from `src/db/migrations/` and `data/` at
// run time (both are in `files`), so they are not bundled.
export default defineConfig(packageBuild({ entry: ['src/index.ts', 'src/cli.ts'] }));
