// Builds the migrated and seeded database snapshot once, before the test workers start, so no two
// workers build it at the same time and each test file starts its database in about a second.

import { loadSeedData } from '../src/data.js';
import { ensureSnapshot } from '../src/db/open.js';
import { silentLogger } from '../src/logger.js';
import { loadPersonas } from '../src/personas.js';

export async function setup(): Promise<void> {
  await ensureSnapshot({ data: await loadSeedData(await loadPersonas()), logger: silentLogger });
}
