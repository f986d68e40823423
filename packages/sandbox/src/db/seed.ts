import type { SeedData } from '../data.js';
import type { Logger } from '../logger.js';
import { seedPoints } from '../points/seed.js';
import { buildCatalog } from './catalog.js';
import type { Database, Queryable } from './database.js';
import { evaluationLevels } from './evaluation-levels.js';

/** Column name → SQL type, for bulk inserts through `jsonb_to_recordset`. */
type Columns = Record<string, string>;

/** Inserts rows in chunks, each chunk one statement with one JSON parameter. */
async function insertRows(
  q: Queryable,
  table: string,
  columns: Columns,
  rows: object[],
  onChunk?: (done: number) => void,
  chunkSize = 1000,
): Promise<void> {
  const names = Object.keys(columns);
  const defs = names.map((n) => `${n} ${columns[n]}`).join(', ');
  const sql = `INSERT INTO ${table} (${names.join(', ')})
    SELECT ${names.join(', ')} FROM jsonb_to_recordset($1::jsonb) AS x(${defs})`;
  for (let i = 0; i < rows.length; i += chunkSize) {
    await q.query(sql, [JSON.stringify(rows.slice(i, i + chunkSize))]);
    onChunk?.(Math.min(i + chunkSize, rows.length));
  }
}

/** Whether the database holds the seed already. */
export async function isSeeded(db: Queryable): Promise<boolean> {
  const { rows } = await db.query(`SELECT 1 FROM meta WHERE key = 'seed'`);
  return rows.length > 0;
}

/**
 * Seeds the catalog, sites, personas' matters and the evaluation levels, in one transaction.
 * Deterministic: the same data and `seedServices` give the same rows. Slots are generated
 * separately (`ensureSlots`), because they depend on the day.
 */
export async function seed(
  db: Database,
  data: SeedData,
  options: { seedServices?: number; hash: string; logger: Logger },
): Promise<{ services: number }> {
  const { logger } = options;
  const rows = buildCatalog(data, options.seedServices ?? 0);
  await db.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('zheli-sandbox-seed'))`);
    if (await isSeeded(tx)) return;
    await insertRows(
      tx,
      'regions',
      {
        code: 'text',
        name: 'text',
        name_tw: 'text',
        name_en: 'text',
        level: 'text',
        parent_code: 'text',
      },
      data.regions.map((r) => ({
        code: r.code,
        name: r.name,
        name_tw: r.nameTw,
        name_en: r.nameEn,
        level: r.level,
        parent_code: r.parentCode,
      })),
    );
    await insertRows(
      tx,
      'categories',
      { id: 'text', position: 'int', name: 'text', name_tw: 'text', name_en: 'text' },
      data.categories.map((c, i) => ({
        id: c.id,
        position: i,
        name: c.name,
        name_tw: c.nameTw,
        name_en: c.nameEn,
      })),
    );
    const total = rows.services.length;
    let reported = 0;
    await insertRows(
      tx,
      'services',
      {
        id: 'text',
        seq: 'int',
        template_key: 'text',
        code: 'text',
        name: 'text',
        name_en: 'text',
        summary: 'text',
        keywords: 'text[]',
        department_id: 'text',
        department_name: 'text',
        department_name_en: 'text',
        level: 'text',
        region_code: 'text',
        audience: 'text',
        category: 'text',
        online_level: 'text',
        max_visits: 'int',
        promised_days: 'int',
        legal_days: 'int',
        fee_amount: 'int',
        fee_note: 'text',
        bookable: 'boolean',
        rating_sum: 'int',
        rating_count: 'int',
        popularity: 'int',
        materials: 'jsonb',
        conditions: 'jsonb',
        search_text: 'text',
        search_name: 'text',
        search_keywords: 'text',
        search_department: 'text',
      },
      rows.services,
      (done) => {
        if (total >= 2000 && (done - reported >= 2000 || done === total)) {
          reported = done;
          logger.info({ phase: 'seed', done, total }, `Seeding services ${done}/${total}`);
        }
      },
    );
    await insertRows(
      tx,
      'bundles',
      {
        id: 'text',
        seq: 'int',
        name: 'text',
        name_en: 'text',
        summary: 'text',
        audience: 'text',
        category: 'text',
        saved_visits: 'int',
        promised_days: 'int',
      },
      rows.bundles,
    );
    await insertRows(
      tx,
      'bundle_steps',
      { bundle_id: 'text', position: 'int', template_key: 'text', service_id: 'text' },
      rows.bundleSteps,
    );
    await insertRows(
      tx,
      'sites',
      {
        id: 'text',
        seq: 'int',
        name: 'text',
        name_en: 'text',
        kind: 'text',
        region_code: 'text',
        address: 'text',
        address_en: 'text',
        phone: 'text',
        lat: 'double precision',
        lng: 'double precision',
        opening_hours: 'jsonb',
      },
      rows.sites,
    );
    await insertRows(
      tx,
      'site_hours',
      { site_id: 'text', weekday: 'int', opens: 'time', closes: 'time' },
      rows.siteHours,
    );
    await insertRows(
      tx,
      'site_services',
      {
        site_id: 'text',
        service_id: 'text',
        position: 'int',
        slot_prefix: 'text',
        slot_minutes: 'int',
        slot_capacity: 'int',
      },
      rows.siteServices,
    );
    await insertRows(
      tx,
      'matters',
      {
        case_number: 'text',
        sub: 'text',
        service_id: 'text',
        status: 'text',
        submitted_at: 'timestamptz',
        handled_at: 'timestamptz',
      },
      rows.matters,
    );
    await insertRows(
      tx,
      'evaluation_levels',
      {
        level: 'text',
        position: 'int',
        score: 'int',
        name: 'text',
        name_tw: 'text',
        name_en: 'text',
      },
      evaluationLevels.map((l, i) => ({
        level: l.level,
        position: i,
        score: l.score,
        name: l.name,
        name_tw: l.nameTw,
        name_en: l.nameEn,
      })),
    );
    await insertRows(
      tx,
      'evaluation_tags',
      {
        level: 'text',
        id: 'text',
        position: 'int',
        name: 'text',
        name_tw: 'text',
        name_en: 'text',
      },
      evaluationLevels.flatMap((l) =>
        l.tags.map((t, i) => ({
          level: l.level,
          id: t.id,
          position: i,
          name: t.name,
          name_tw: t.nameTw,
          name_en: t.nameEn,
        })),
      ),
    );
    await insertRows(
      tx,
      'evaluations',
      {
        id: 'text',
        case_number: 'text',
        sub: 'text',
        service_id: 'text',
        level: 'text',
        tags: 'text[]',
        comment: 'text',
        created_at: 'timestamptz',
      },
      rows.evaluations,
    );
    await seedPoints(tx, data.villages);
    await tx.query(`INSERT INTO meta (key, value) VALUES ('seed', $1::jsonb)`, [
      JSON.stringify({ hash: options.hash, services: total }),
    ]);
  });
  return { services: rows.services.length };
}
