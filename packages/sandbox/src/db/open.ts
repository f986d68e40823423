// Opens the sandbox's database: PGlite in a data dir or in memory, started from a cached snapshot
// (PGlite's initdb costs seconds and hundreds of MB), or a real PostgreSQL by URL.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSeedData, type SeedData, seedDataHash } from '../data.js';
import type { Logger } from '../logger.js';
import { packageRoot } from '../paths.js';
import type { Persona } from '../personas.js';
import { shanghaiDate } from '../time.js';
import { type Database, openPglite, openPostgres } from './database.js';
import { loadMigrations, migrate, migrationsHash } from './migrate.js';
import { isSeeded, seed } from './seed.js';
import { SlotHorizon } from './slots.js';

/** How the database is opened. */
export interface OpenDatabaseOptions {
  /** PGlite's folder; ignored with `memory` or `databaseUrl`. */
  pgDataDir?: string;
  /** PGlite in memory. */
  memory?: boolean;
  /** A PostgreSQL connection string: use that server instead of PGlite. */
  databaseUrl?: string;
  /**
   * Grow the catalog to this many services, with generated variants; a number below the base
   * catalog (one service per template and region) changes nothing.
   * @default 0 (the base catalog)
   */
  seedServices?: number;
  /** The personas the seed is made for: their applications, codes, documents and evaluations. */
  personas: Persona[];
  /** Where migration, seeding and snapshot progress and a changed seed are reported. */
  logger: Logger;
  /** Where snapshots are cached; default `node_modules/.cache/zheli-sandbox`. */
  cacheDir?: string;
  /**
   * The sandbox's clock: the bookable slots are made for its today and the booking window after
   * it, when the database opens.
   * @default () => new Date()
   */
  now?: () => Date;
}

/** A database the sandbox opened, and how. */
export interface OpenedDatabase {
  /** The database. */
  db: Database;
  /** How it was opened, for the start-up log and the timing figures. */
  source: 'postgres' | 'snapshot-built' | 'snapshot-cached' | 'data-dir';
  /** Milliseconds it took to open. */
  ms: number;
}

/** The snapshot cache folder: `node_modules/.cache/zheli-sandbox` of the project using us. */
function defaultCacheDir(): string {
  const fromEnv = process.env.ZHELI_SANDBOX_CACHE_DIR;
  if (fromEnv) return resolve(fromEnv);
  const root = fileURLToPath(packageRoot);
  const marker = `${sep}node_modules${sep}`;
  const at = root.indexOf(marker);
  if (at >= 0) return join(root.slice(0, at), 'node_modules', '.cache', 'zheli-sandbox');
  for (let dir = root; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'node_modules'))) {
      return join(dir, 'node_modules', '.cache', 'zheli-sandbox');
    }
    if (dirname(dir) === dir) return join(tmpdir(), 'zheli-sandbox-cache');
  }
}

/** The code that shapes the seed, when its sources are at hand (in the repository). */
async function seedCodeHash(): Promise<string> {
  const hash = createHash('sha256');
  for (const file of ['db/catalog.ts', 'db/seed.ts', 'db/evaluation-levels.ts', 'points/seed.ts']) {
    try {
      hash.update(await readFile(new URL(`src/${file}`, packageRoot), 'utf8'));
    } catch {
      // Installed from npm: the sources are not shipped; the package version stands for them.
    }
  }
  const pkg = JSON.parse(await readFile(new URL('package.json', packageRoot), 'utf8')) as {
    version: string;
  };
  return hash.update(pkg.version).digest('hex');
}

/**
 * What a snapshot holds, by version: bumped whenever that changes in a way the hashed sources do
 * not show. 2: no slots (they depend on the day; see `openDatabase`).
 */
const snapshotFormat = 2;

/** Everything the snapshot is made from, hashed: migrations, data, personas, size, seed code. */
async function snapshotKey(data: SeedData, seedServices: number): Promise<string> {
  const migrations = await loadMigrations();
  return createHash('sha256')
    .update(`format ${snapshotFormat}`)
    .update(migrationsHash(migrations))
    .update(seedDataHash(data))
    .update(String(seedServices))
    .update(await seedCodeHash())
    .digest('hex')
    .slice(0, 20);
}

/**
 * Returns the migrated and seeded snapshot (a `dumpDataDir` tarball), building and caching it
 * when missing. Building runs initdb (~5 s); loading a cached one takes about a second.
 * With `keepOpen`, the freshly built database is handed back too, to save a reload.
 */
export async function ensureSnapshot(options: {
  data: SeedData;
  seedServices?: number;
  logger: Logger;
  cacheDir?: string;
  keepOpen?: boolean;
}): Promise<{ snapshot: Blob; built: boolean; db?: Database }> {
  const { data, logger } = options;
  const seedServices = options.seedServices ?? 0;
  const cacheDir = options.cacheDir ?? defaultCacheDir();
  const file = join(cacheDir, `snapshot-${await snapshotKey(data, seedServices)}.tar.gz`);
  try {
    const bytes = await readFile(file);
    const now = new Date();
    await utimes(file, now, now).catch(() => {});
    return { snapshot: new Blob([bytes]), built: false };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  logger.info(
    { phase: 'snapshot', file },
    'Building the database snapshot (first run; about 10 s)',
  );
  const db = await openPglite();
  try {
    logger.info({ phase: 'migrate' }, 'Migrating');
    await migrate(db);
    logger.info({ phase: 'seed' }, 'Seeding');
    await seed(db, data, { seedServices, hash: seedDataHash(data), logger });
    // No slots: they depend on the day, and the snapshot must not depend on the day it was built.
    // The database generates them for its own clock when it opens (`openDatabase`).
    const dump = await db.pglite.dumpDataDir('gzip');
    const bytes = new Uint8Array(await dump.arrayBuffer());
    await mkdir(cacheDir, { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    await writeFile(temp, bytes);
    await rename(temp, file);
    await pruneSnapshots(cacheDir, file);
    logger.info({ phase: 'snapshot', file, bytes: bytes.length }, 'Snapshot cached');
    if (options.keepOpen) return { snapshot: new Blob([bytes]), built: true, db };
    await db.close();
    return { snapshot: new Blob([bytes]), built: true };
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
}

/** Keeps the four most recently used snapshots. */
async function pruneSnapshots(cacheDir: string, keep: string): Promise<void> {
  const files = (await readdir(cacheDir)).filter((f) => /^snapshot-.*\.tar\.gz$/.test(f));
  const dated = await Promise.all(
    files.map(async (f) => ({ f: join(cacheDir, f), t: (await stat(join(cacheDir, f))).mtimeMs })),
  );
  const old = dated
    .filter((d) => d.f !== keep)
    .sort((a, b) => b.t - a.t)
    .slice(3);
  await Promise.all(old.map((d) => rm(d.f, { force: true })));
}

/** Opens (creating, migrating and seeding as needed) the database the options name. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<OpenedDatabase> {
  const started = performance.now();
  const seedServices = options.seedServices ?? 0;
  const data = await loadSeedData(options.personas);
  const now = options.now ?? (() => new Date());

  const { db, source } = await openBySource(options, data, seedServices);
  // The slots come from the sandbox's clock, whichever way the database was opened.
  try {
    await new SlotHorizon(db).ensure(shanghaiDate(now()));
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
  return { db, source, ms: Math.round(performance.now() - started) };
}

/** Opens the database the options name: a PostgreSQL server, PGlite in memory, or a data dir. */
async function openBySource(
  options: OpenDatabaseOptions,
  data: SeedData,
  seedServices: number,
): Promise<Omit<OpenedDatabase, 'ms'>> {
  const { logger } = options;
  if (options.databaseUrl) {
    const db = await openPostgres(options.databaseUrl);
    await migrateAndSeed(db, 'PostgreSQL', data, seedServices, logger);
    return { db, source: 'postgres' };
  }
  const cacheDir = options.cacheDir ? { cacheDir: options.cacheDir } : {};
  if (options.memory || !options.pgDataDir) {
    const {
      snapshot,
      built,
      db: open,
    } = await ensureSnapshot({ data, seedServices, logger, ...cacheDir, keepOpen: true });
    const db = open ?? (await openPglite({ loadDataDir: snapshot }));
    return { db, source: built ? 'snapshot-built' : 'snapshot-cached' };
  }
  const dir = options.pgDataDir;
  if (existsSync(join(dir, 'PG_VERSION'))) {
    const db = await openPglite({ dataDir: dir });
    await migrateAndSeed(db, 'the data dir', data, seedServices, logger);
    return { db, source: 'data-dir' };
  }
  const { snapshot, built } = await ensureSnapshot({ data, seedServices, logger, ...cacheDir });
  await mkdir(dir, { recursive: true });
  const db = await openPglite({ dataDir: dir, loadDataDir: snapshot });
  return { db, source: built ? 'snapshot-built' : 'snapshot-cached' };
}

/** Brings an existing database up to date: migrations, and the seed when it has none yet. */
async function migrateAndSeed(
  db: Database,
  where: string,
  data: SeedData,
  seedServices: number,
  logger: Logger,
): Promise<void> {
  try {
    const applied = await migrate(db);
    if (applied.length > 0) logger.info({ phase: 'migrate', applied }, `Migrated ${where}`);
    if (!(await isSeeded(db))) {
      logger.info({ phase: 'seed' }, `Seeding ${where}`);
      await seed(db, data, { seedServices, hash: seedDataHash(data), logger });
    } else {
      await warnIfSeedChanged(db, data, logger);
    }
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
}

async function warnIfSeedChanged(db: Database, data: SeedData, logger: Logger): Promise<void> {
  const { rows } = await db.query<{ value: { hash: string } }>(
    `SELECT value FROM meta WHERE key = 'seed'`,
  );
  if (rows[0] && rows[0].value.hash !== seedDataHash(data)) {
    logger.warn(
      { phase: 'seed' },
      'The seed data changed since this database was seeded; run `zheli-sandbox reset` to reseed',
    );
  }
}
