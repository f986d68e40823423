import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSeedData } from '../src/data.js';
import { buildCatalog } from '../src/db/catalog.js';
import { loadMigrations } from '../src/db/migrate.js';
import { openDatabase } from '../src/db/open.js';
import { generateSlots } from '../src/db/slots.js';
import { silentLogger } from '../src/logger.js';
import { loadPersonas } from '../src/personas.js';
import { testNow } from './helpers.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('the seed', () => {
  it('is deterministic: the same data gives the same rows', async () => {
    const data = await loadSeedData(await loadPersonas());
    const a = buildCatalog(data);
    const b = buildCatalog(data);
    expect(b).toEqual(a);
  });

  it('makes one service per template and region of its level, with region-prefixed departments', async () => {
    const data = await loadSeedData(await loadPersonas());
    const { services, bundles, sites, matters } = buildCatalog(data);
    const expected = data.templates.reduce(
      (n, t) =>
        n +
        t.levels.reduce((m, level) => m + data.regions.filter((r) => r.level === level).length, 0),
      0,
    );
    expect(services).toHaveLength(expected);
    expect(services.length).toBeGreaterThanOrEqual(650);
    expect(new Set(services.map((s) => s.id)).size).toBe(services.length);
    const anji = services.find((s) => s.id === 'svc-330523-vehicle-inspection-booking');
    expect(anji).toMatchObject({
      department_name: '安吉县公安局',
      department_name_en: 'Anji County Public Security Bureau',
    });
    expect(bundles.map((b) => b.id)).toContain('bnd-school-enrollment');
    expect(sites.map((s) => s.id)).toContain('site-anji-inspection-1');
    expect(matters.find((m) => m.case_number === '330523-20261118-000123')?.sub).toBe(
      'p-anji-driver',
    );
  });

  it('grows the catalog to the number of services asked for', async () => {
    const data = await loadSeedData(await loadPersonas());
    const { services } = buildCatalog(data, 16_000);
    expect(services).toHaveLength(16_000);
    expect(new Set(services.map((s) => s.id)).size).toBe(16_000);
    expect(new Set(services.map((s) => s.code)).size).toBe(16_000);
  });
});

describe('a data dir', () => {
  it('starts from the snapshot, keeps what was written across a restart, and migrates once', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'zheli-data-'));
    dirs.push(dir);
    const personas = await loadPersonas();
    const first = await openDatabase({ pgDataDir: dir, personas, logger: silentLogger });
    expect(first.source).toMatch(/^snapshot-/);
    await first.db.query(
      `UPDATE slots SET booked = 2 WHERE id = (SELECT id FROM slots ORDER BY id LIMIT 1)`,
    );
    await first.db.close();
    const second = await openDatabase({ pgDataDir: dir, personas, logger: silentLogger });
    expect(second.source).toBe('data-dir');
    const { rows } = await second.db.query<{ booked: number }>(
      'SELECT booked FROM slots ORDER BY id LIMIT 1',
    );
    expect(rows[0]?.booked).toBe(2);
    const migrations = await second.db.query<{ version: string }>(
      'SELECT version FROM schema_migrations',
    );
    expect(migrations.rows.map((r) => r.version)).toEqual(
      (await loadMigrations()).map((m) => m.version),
    );
    await second.db.close();
  });
});

describe('slots', () => {
  it('are generated once per day and site service: a second run adds nothing', async () => {
    const personas = await loadPersonas();
    // The sandbox opens on the tests' Monday, so its booking window ends weeks before 4 January.
    const { db } = await openDatabase({
      memory: true,
      personas,
      logger: silentLogger,
      now: () => testNow,
    });
    try {
      const added = await generateSlots(db, '2027-01-04', '2027-01-04');
      expect(added).toBeGreaterThan(0);
      expect(await generateSlots(db, '2027-01-04', '2027-01-04')).toBe(0);
      const { rows } = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM slots WHERE day = '2027-01-03'`, // a Sunday: every site is closed
      );
      expect(rows[0]?.n).toBe(0);
    } finally {
      await db.close();
    }
  });
});
