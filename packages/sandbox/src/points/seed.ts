// Seeds the points ledgers: villages, rules, rewards, officers, households and members, then
// each member's history as ledger entries, oldest first, so the balances come from the entries
// through the ledger's own trigger, as they do for every later entry.
import type { Queryable, SqlValue } from '../db/database.js';
import type { VillageData } from './data.js';

export async function seedPoints(tx: Queryable, villages: VillageData[]): Promise<void> {
  for (const v of villages) {
    await tx.query(
      `INSERT INTO point_villages (id, name, name_tw, name_en, township, township_en, region_code, shop, shop_en)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [v.id, v.name, v.nameTw, v.nameEn, v.township, v.townshipEn, v.regionCode, v.shop, v.shopEn],
    );
    for (const [i, r] of v.rules.entries()) {
      await tx.query(
        `INSERT INTO point_rules (village_id, id, position, kind, name, name_tw, name_en, points, unit)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [v.id, r.id, i, r.kind, r.name, r.nameTw, r.nameEn, r.points, r.unit],
      );
    }
    for (const [i, r] of v.rewards.entries()) {
      await tx.query(
        `INSERT INTO point_rewards (village_id, id, position, name, name_tw, name_en, points)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [v.id, r.id, i, r.name, r.nameTw, r.nameEn, r.points],
      );
    }
    for (const o of v.officers) {
      await tx.query('INSERT INTO point_officers (sub, village_id, name) VALUES ($1, $2, $3)', [
        o.sub,
        v.id,
        o.name,
      ]);
    }
    const officer = v.officers[0];
    const entries: { date: string; row: SqlValue[] }[] = [];
    for (const [i, h] of v.households.entries()) {
      const head = h.members[0];
      if (!head) throw new Error(`Household ${h.id} has no members`);
      await tx.query(
        'INSERT INTO point_households (id, village_id, position, head_member_id) VALUES ($1, $2, $3, $4)',
        [h.id, v.id, i, head.id],
      );
      for (const [j, m] of h.members.entries()) {
        await tx.query(
          'INSERT INTO point_members (id, household_id, position, sub, name) VALUES ($1, $2, $3, $4, $5)',
          [m.id, h.id, j, m.sub ?? null, m.name],
        );
        for (const [k, e] of m.entries.entries()) {
          const id = `pte-${m.id.slice(4)}-${String(k + 1).padStart(2, '0')}`;
          const by =
            e.kind === 'carry_over'
              ? ['system', 'system', null]
              : e.kind === 'redemption'
                ? [m.sub ?? m.id, 'resident', m.name]
                : [officer?.sub ?? 'system', 'officer', officer?.name ?? null];
          entries.push({
            date: e.date,
            row: [
              id,
              m.id,
              e.kind,
              e.points,
              e.quantity,
              e.rule ?? null,
              e.reward ?? null,
              e.kind === 'redemption' ? `rdm-${id.slice(4)}` : null,
              e.note ?? null,
              ...by,
              new Date(`${e.date}T09:00:00+08:00`),
            ],
          });
        }
      }
    }
    // In time order, so the ledger's sequence is its history's.
    entries.sort((a, b) => a.date.localeCompare(b.date));
    for (const { row } of entries) {
      await tx.query(
        `INSERT INTO point_entries (id, member_id, kind, points, quantity, rule_id, reward_id,
           redemption_id, note, recorded_by, recorded_by_role, recorded_by_name, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
        row,
      );
    }
  }
}
