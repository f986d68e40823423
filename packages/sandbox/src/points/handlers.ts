// The village points ledger (信治积分): a village's rules and shop, a person's and their
// household's balances and entries, redemption at the points shop (a signed code), and the
// officers' recording. Entries are only ever appended; balances move with them (the
// 0004-points-ledger migration's triggers), and a spending takes the balance row's lock first.
import type { Schemas } from '@zheli/contract';
import { maskName } from '@zheli/contract/mask';
import { randomId } from '../api/handlers/appointments.js';
import { decodeCursor, page } from '../api/paging.js';
import { ApiError, notFound } from '../api/problems.js';
import { time } from '../api/rows.js';
import { type Handlers, principalOf } from '../api/types.js';
import { signCode } from '../codes/codes.js';
import { type Queryable, type SqlValue, sqlState } from '../db/database.js';

/** A redemption code is valid for 30 days: until the shop has opened at least once. */
const redemptionCodeMs = 30 * 24 * 60 * 60 * 1000;

interface VillageRow {
  id: string;
  name: string;
  name_tw: string;
  name_en: string;
  township: string;
  township_en: string;
  region_code: string;
  shop: string;
  shop_en: string;
}

const village = (r: VillageRow): Schemas['Village'] => ({
  id: r.id,
  name: r.name,
  nameTw: r.name_tw,
  nameEn: r.name_en,
  township: r.township,
  townshipEn: r.township_en,
  regionCode: r.region_code,
  shop: r.shop,
  shopEn: r.shop_en,
});

async function findVillage(db: Queryable, id: string): Promise<Schemas['Village']> {
  const { rows } = await db.query<VillageRow>('SELECT * FROM point_villages WHERE id = $1', [id]);
  return village(rows[0] ?? notFound(`No village with id "${id}" keeps a points ledger.`));
}

interface RuleRow {
  id: string;
  kind: Schemas['PointRule']['kind'];
  name: string;
  name_tw: string;
  name_en: string;
  points: number;
  unit: Schemas['PointUnit'];
}

const rule = (r: RuleRow): Schemas['PointRule'] => ({
  id: r.id,
  kind: r.kind,
  name: r.name,
  nameTw: r.name_tw,
  nameEn: r.name_en,
  points: r.points,
  unit: r.unit,
});

interface RewardRow {
  id: string;
  name: string;
  name_tw: string;
  name_en: string;
  points: number;
}

const reward = (r: RewardRow): Schemas['PointReward'] => ({
  id: r.id,
  name: r.name,
  nameTw: r.name_tw,
  nameEn: r.name_en,
  points: r.points,
});

interface EntryRow {
  id: string;
  kind: Schemas['PointEntryKind'];
  points: number;
  quantity: number;
  note: string | null;
  member_id: string;
  member_name: string;
  recorded_by_role: Schemas['PointEntry']['recordedBy']['role'];
  recorded_by_name: string | null;
  created_at: Date;
  rule: RuleRow | null;
  reward: RewardRow | null;
}

// Rules and rewards come back as JSON, so both drivers agree on their shape.
const entrySelect = `SELECT e.id, e.kind, e.points, e.quantity, e.note, e.member_id,
    m.name AS member_name, e.recorded_by_role, e.recorded_by_name, e.created_at,
    (SELECT to_jsonb(r) FROM point_rules r WHERE r.village_id = h.village_id AND r.id = e.rule_id) AS rule,
    (SELECT to_jsonb(w) FROM point_rewards w WHERE w.village_id = h.village_id AND w.id = e.reward_id) AS reward
  FROM point_entries e
  JOIN point_members m ON m.id = e.member_id
  JOIN point_households h ON h.id = m.household_id`;

const entry = (r: EntryRow): Schemas['PointEntry'] => ({
  id: r.id,
  kind: r.kind,
  points: r.points,
  quantity: r.quantity,
  rule: r.rule ? rule(r.rule) : null,
  reward: r.reward ? reward(r.reward) : null,
  note: r.note,
  member: { id: r.member_id, name: maskName(r.member_name) },
  recordedBy: {
    role: r.recorded_by_role,
    name: r.recorded_by_name === null ? null : maskName(r.recorded_by_name),
  },
  createdAt: time(r.created_at),
});

async function entryById(db: Queryable, id: string): Promise<Schemas['PointEntry']> {
  const { rows } = await db.query<EntryRow>(`${entrySelect} WHERE e.id = $1`, [id]);
  const row = rows[0];
  if (!row) throw new Error(`Entry ${id} vanished`);
  return entry(row);
}

interface MemberRow {
  id: string;
  name: string;
  household_id: string;
  village_id: string;
  balance: number;
}

const memberSelect = `SELECT m.id, m.name, m.household_id, h.village_id,
    COALESCE(b.balance, 0) AS balance
  FROM point_members m
  JOIN point_households h ON h.id = m.household_id
  LEFT JOIN point_balances b ON b.member_id = m.id`;

/** The signed-in person's member row, or `404` when no ledger holds them. */
async function memberOf(db: Queryable, sub: string): Promise<MemberRow> {
  const { rows } = await db.query<MemberRow>(`${memberSelect} WHERE m.sub = $1`, [sub]);
  return rows[0] ?? notFound('You are not a member of any village points ledger.');
}

/** Households with their members and balances, in the village's order. */
async function households(
  db: Queryable,
  where: string,
  params: string[],
): Promise<Schemas['PointHousehold'][]> {
  const { rows } = await db.query<MemberRow & { head_member_id: string }>(
    `${memberSelect.replace('h.village_id,', 'h.village_id, h.head_member_id,')}
      WHERE ${where} ORDER BY h.position, m.position`,
    params,
  );
  const byId = new Map<string, Schemas['PointHousehold']>();
  for (const r of rows) {
    let household = byId.get(r.household_id);
    if (!household) {
      household = { id: r.household_id, name: '', balance: 0, members: [] };
      byId.set(r.household_id, household);
    }
    if (r.id === r.head_member_id) household.name = `${maskName(r.name)}户`;
    household.balance += r.balance;
    household.members.push({ id: r.id, name: maskName(r.name), balance: r.balance });
  }
  return [...byId.values()];
}

/**
 * Takes the member's lock and reads the balance: a concurrent entry for the member waits here
 * until this transaction ends, then reads what is left.
 */
async function lockedBalance(tx: Queryable, memberId: string): Promise<number> {
  // The member's row, which always exists (a first entry has no balance row to lock yet).
  await tx.query('SELECT 1 FROM point_members WHERE id = $1 FOR UPDATE', [memberId]);
  const { rows } = await tx.query<{ balance: number }>(
    'SELECT balance FROM point_balances WHERE member_id = $1',
    [memberId],
  );
  return rows[0]?.balance ?? 0;
}

function insufficient(cost: number, balance: number, cause?: unknown): never {
  throw new ApiError(
    'insufficient_points',
    `This needs ${cost} points; the balance is ${balance}.`,
    cause === undefined ? {} : { cause },
  );
}

/** Appends an entry; the balance CHECK refusing it (a race the lock did not cover) is a 409. */
async function append(tx: Queryable, values: SqlValue[], cost: number, balance: number) {
  try {
    await tx.query(
      `INSERT INTO point_entries (id, member_id, kind, points, quantity, rule_id, reward_id,
         redemption_id, note, recorded_by, recorded_by_role, recorded_by_name, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      values,
    );
  } catch (error) {
    if (sqlState(error) === '23514') insufficient(cost, balance, error);
    throw error;
  }
}

/** The officer's name, when the signed-in person keeps this village's points; else `404`. */
async function officerOf(db: Queryable, sub: string, villageId: string): Promise<string> {
  const { rows } = await db.query<{ name: string }>(
    'SELECT name FROM point_officers WHERE sub = $1 AND village_id = $2',
    [sub, villageId],
  );
  return rows[0]?.name ?? notFound(`No village with id "${villageId}" whose points you record.`);
}

export const pointHandlers: Pick<
  Handlers,
  | 'listPointRules'
  | 'getMyPoints'
  | 'listMyPointEntries'
  | 'redeemPoints'
  | 'listPointHouseholds'
  | 'recordPoints'
> = {
  async listPointRules(ctx) {
    const id = ctx.request.path.villageId;
    const found = await findVillage(ctx.db, id);
    const { rows: rules } = await ctx.db.query<RuleRow>(
      'SELECT * FROM point_rules WHERE village_id = $1 ORDER BY position',
      [id],
    );
    const { rows: rewards } = await ctx.db.query<RewardRow>(
      'SELECT * FROM point_rewards WHERE village_id = $1 ORDER BY position',
      [id],
    );
    return {
      status: 200,
      body: { village: found, rules: rules.map(rule), rewards: rewards.map(reward) },
      headers: { 'Cache-Control': 'public, max-age=300' },
    };
  },

  async getMyPoints(ctx) {
    const { sub } = principalOf(ctx);
    const member = await memberOf(ctx.db, sub);
    const [household] = await households(ctx.db, 'h.id = $1', [member.household_id]);
    if (!household) throw new Error(`Household ${member.household_id} vanished`);
    return {
      status: 200,
      body: {
        village: await findVillage(ctx.db, member.village_id),
        member: { id: member.id, name: maskName(member.name), balance: member.balance },
        household,
      },
    };
  },

  async listMyPointEntries(ctx) {
    const { sub } = principalOf(ctx);
    const member = await memberOf(ctx.db, sub);
    const of = ctx.request.query.of ?? 'person';
    const limit = ctx.request.query.limit ?? 20;
    const filters = { list: 'point-entries', of };
    const offset = decodeCursor(ctx.request.query.cursor, filters);
    const { rows } = await ctx.db.query<EntryRow>(
      `${entrySelect} WHERE ${of === 'household' ? 'm.household_id' : 'm.id'} = $1
        ORDER BY e.seq DESC LIMIT $2 OFFSET $3`,
      [of === 'household' ? member.household_id : member.id, limit + 1, offset],
    );
    const result = page(rows, offset, limit, filters);
    return { status: 200, body: { items: result.items.map(entry), nextCursor: result.nextCursor } };
  },

  async redeemPoints(ctx) {
    const { sub } = principalOf(ctx);
    const body = ctx.request.body;
    if (!body) throw new Error('redeemPoints needs a body');
    const quantity = body.quantity ?? 1;
    return ctx.transaction(async (tx) => {
      const member = await memberOf(tx, sub);
      const { rows } = await tx.query<RewardRow>(
        'SELECT * FROM point_rewards WHERE village_id = $1 AND id = $2',
        [member.village_id, body.rewardId],
      );
      const chosen =
        rows[0] ?? notFound(`No reward "${body.rewardId}" in your village's points shop.`);
      const cost = chosen.points * quantity;
      const balance = await lockedBalance(tx, member.id);
      if (balance < cost) insufficient(cost, balance);
      const id = randomId('pte', 16);
      const redemptionId = randomId('rdm', 16);
      await append(
        tx,
        [
          id,
          member.id,
          'redemption',
          -cost,
          quantity,
          null,
          chosen.id,
          redemptionId,
          null,
          sub,
          'resident',
          member.name,
          ctx.now,
        ],
        cost,
        balance,
      );
      const code = await signCode(ctx.deps.codeKeys, ctx.deps.issuer, {
        kind: 'redemption',
        sub,
        ref: redemptionId,
        issuedAt: ctx.now,
        expiresAt: new Date(ctx.now.getTime() + redemptionCodeMs),
        refreshAfter: null,
        redemption: { reward: chosen.id, quantity, points: cost },
      });
      return {
        status: 201 as const,
        body: { id: redemptionId, entry: await entryById(tx, id), balance: balance - cost, code },
      };
    });
  },

  async listPointHouseholds(ctx) {
    const { sub } = principalOf(ctx);
    const villageId = ctx.request.path.villageId;
    await officerOf(ctx.db, sub, villageId);
    return {
      status: 200,
      body: { items: await households(ctx.db, 'h.village_id = $1', [villageId]) },
    };
  },

  async recordPoints(ctx) {
    const { sub } = principalOf(ctx);
    const villageId = ctx.request.path.villageId;
    const body = ctx.request.body;
    if (!body) throw new Error('recordPoints needs a body');
    const quantity = body.quantity ?? 1;
    return ctx.transaction(async (tx) => {
      const officer = await officerOf(tx, sub, villageId);
      const { rows: members } = await tx.query<MemberRow>(
        `${memberSelect} WHERE m.id = $1 AND h.village_id = $2`,
        [body.memberId, villageId],
      );
      const member = members[0] ?? notFound(`No member "${body.memberId}" in this village.`);
      const { rows: rules } = await tx.query<RuleRow>(
        'SELECT * FROM point_rules WHERE village_id = $1 AND id = $2',
        [villageId, body.ruleId],
      );
      const chosen = rules[0] ?? notFound(`No rule "${body.ruleId}" in this village.`);
      const points = chosen.points * quantity;
      const balance = await lockedBalance(tx, member.id);
      if (balance + points < 0) insufficient(-points, balance);
      const id = randomId('pte', 16);
      await append(
        tx,
        [
          id,
          member.id,
          chosen.kind,
          points,
          quantity,
          chosen.id,
          null,
          null,
          body.note ?? null,
          sub,
          'officer',
          officer,
          ctx.now,
        ],
        -points,
        balance,
      );
      return {
        status: 201 as const,
        body: { entry: await entryById(tx, id), balance: balance + points },
      };
    });
  },
};
