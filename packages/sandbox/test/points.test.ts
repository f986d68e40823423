// The village points ledger (信治积分) through the API, on PGlite and on a real PostgreSQL server
// (where transactions run side by side): rules, balances and history from the seed, officers
// recording points under their own scope, redemption codes that verify offline, idempotent
// writes, an append-only ledger, and concurrent redemptions that cannot overdraw.
import { compactVerify, createLocalJWKSet } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openPostgres } from '../src/db/database.js';
import { openDatabase } from '../src/db/open.js';
import { silentLogger } from '../src/logger.js';
import { loadPersonas } from '../src/personas.js';
import { key, type TestApi, testApi, testNow } from './helpers.js';
import { type PostgresServer, startPostgres } from './postgres-server.js';

const village = 'vil-330523-gaojiatang';
const villager = 'p-gaojiatang-villager';
const officer = 'p-gaojiatang-officer';

/** Resolves once `parties` callers have arrived; later callers pass at once. */
function barrier(parties: number): () => Promise<void> {
  let arrived = 0;
  let open: () => void = () => {};
  const opened = new Promise<void>((done) => {
    open = done;
  });
  return () => {
    arrived += 1;
    if (arrived >= parties) open();
    return opened;
  };
}

let members = 0;
/** A new member of 高家堂村 who signs in as `sub`, with no entries (setup, not a balance change). */
async function newMember(db: Database): Promise<{ sub: string; id: string }> {
  members += 1;
  const suffix = `${process.pid}-${members}`;
  const household = `hh-test-${suffix}`;
  const id = `mbr-test-${suffix}`;
  await db.query(
    `INSERT INTO point_households (id, village_id, position, head_member_id) VALUES ($1, $2, 1000, $3)`,
    [household, village, id],
  );
  await db.query(
    `INSERT INTO point_members (id, household_id, position, sub, name) VALUES ($1, $2, 0, $3, '测试村民')`,
    [id, household, `p-points-${suffix}`],
  );
  return { sub: `p-points-${suffix}`, id };
}

describe.each(['PGlite', 'PostgreSQL'] as const)('points ledger on %s', (backend) => {
  let server: PostgresServer | null = null;
  let skip = '';
  let t: TestApi;
  let db: Database;
  /** Each redemption waits here, once its key is claimed, until the whole crowd has arrived. */
  let crowd: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    const hold = async (operationId: string) => {
      if (operationId === 'redeemPoints') await crowd?.();
    };
    if (backend === 'PGlite') {
      t = await testApi({ hold });
      db = t.db;
      return;
    }
    const started = await startPostgres();
    if ('skip' in started) {
      skip = started.skip;
      process.emitWarning(`PostgreSQL tests SKIPPED: ${skip}`);
      return;
    }
    server = started;
    const opened = await openDatabase({
      databaseUrl: server.url,
      personas: await loadPersonas(),
      logger: silentLogger,
    });
    await opened.db.close();
    db = await openPostgres(server.url, { max: 40 });
    t = await testApi({ db, hold });
  }, 180_000);

  afterAll(async () => {
    await t?.close();
    await server?.stop();
  });

  const officerToken = () => t.token(officer, ['points:record'], 'village-officer');
  const record = (memberId: string, ruleId: string, quantity: number, token = officerToken()) =>
    t.post(`/v1/villages/${village}/points/entries`, {
      token,
      headers: { 'Idempotency-Key': key() },
      body: { memberId, ruleId, quantity, note: '测试登记' },
    });

  it('lists the village’s rules and its points shop without a token', async (ctx) => {
    if (skip) return ctx.skip(`SKIPPED: ${skip}`);
    const res = await t.get(`/v1/villages/${village}/points/rules`);
    expect(res.status).toBe(200);
    expect(res.body.village).toMatchObject({ name: '高家堂村', township: '山川乡' });
    expect(res.body.rules).toContainEqual(
      expect.objectContaining({ id: 'rule-volunteer', points: 50, unit: 'hour' }),
    );
    expect(res.body.rules.filter((r: { kind: string }) => r.kind === 'deduction').length).toBe(2);
    expect(res.body.rewards).toContainEqual(
      expect.objectContaining({ id: 'rwd-rice-5kg', points: 50 }),
    );
    const unknown = await t.get('/v1/villages/vil-330523-nowhere/points/rules');
    expect([unknown.status, unknown.body.code]).toEqual([404, 'not_found']);
  });

  it('shows a villager’s balance, their household’s, and a history whose sum is the balance', async (ctx) => {
    if (skip) return ctx.skip(`SKIPPED: ${skip}`);
    const token = t.token(villager, ['points']);
    const me = await t.get('/v1/me/points', { token });
    expect(me.status).toBe(200);
    expect(me.body.member).toEqual({ id: 'mbr-gjt-012-1', name: '李*水', balance: 1280 });
    expect(me.body.household).toMatchObject({ id: 'hh-gjt-012', name: '李*水户', balance: 1490 });
    const mine = await t.get('/v1/me/points/entries?limit=100', { token });
    expect(mine.body.items).toHaveLength(8);
    expect(mine.body.items.reduce((sum: number, e: { points: number }) => sum + e.points, 0)).toBe(
      1280,
    );
    // Newest first; who recorded each and why.
    expect(mine.body.items[0]).toMatchObject({
      kind: 'redemption',
      points: -50,
      reward: { id: 'rwd-rice-5kg' },
      recordedBy: { role: 'resident', name: '李*水' },
    });
    expect(mine.body.items.at(-1)).toMatchObject({
      kind: 'carry_over',
      recordedBy: { role: 'system', name: null },
    });
    const patrol = mine.body.items.find((e: { quantity: number }) => e.quantity === 3);
    expect(patrol).toMatchObject({
      points: 150,
      rule: { id: 'rule-volunteer' },
      recordedBy: { role: 'officer', name: '王*芳' },
    });
    const page = await t.get('/v1/me/points/entries?of=household&limit=5', { token });
    expect(page.body.items).toHaveLength(5);
    const rest = await t.get(
      `/v1/me/points/entries?of=household&limit=100&cursor=${page.body.nextCursor}`,
      { token },
    );
    expect(page.body.items.length + rest.body.items.length).toBe(10);
    expect(rest.body.nextCursor).toBeNull();
  });

  it('answers 404 to a person outside every ledger, and 403 without the points scope', async (ctx) => {
    if (skip) return ctx.skip(`SKIPPED: ${skip}`);
    const outsider = await t.get('/v1/me/points', { token: t.token('p-xihu-elder', ['points']) });
    expect([outsider.status, outsider.body.code]).toEqual([404, 'not_found']);
    const unscoped = await t.get('/v1/me/points', { token: t.token(villager, ['profile']) });
    expect([unscoped.status, unscoped.body.code]).toEqual([403, 'insufficient_scope']);
  });

  it('lets an officer record points by a rule, with who and why, and refuses a citizen’s token', async (ctx) => {
    if (skip) return ctx.skip(`SKIPPED: ${skip}`);
    const { sub, id } = await newMember(db);
    const recorded = await record(id, 'rule-volunteer', 3);
    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({
      balance: 150,
      entry: {
        kind: 'award',
        points: 150,
        quantity: 3,
        note: '测试登记',
        rule: { id: 'rule-volunteer' },
        recordedBy: { role: 'officer', name: '王*芳' },
      },
    });
    const { rows } = await db.query<{ recorded_by: string }>(
      'SELECT recorded_by FROM point_entries WHERE id = $1',
      [recorded.body.entry.id],
    );
    expect(rows[0]?.recorded_by).toBe(officer);

    // A citizen's token holds every scope a citizen app is granted, and still cannot record.
    const citizen = t.token(sub, ['openid', 'profile', 'points', 'codes'], 'county-site');
    const refused = await record(id, 'rule-volunteer', 100, citizen);
    expect([refused.status, refused.body.code]).toEqual([403, 'insufficient_scope']);
    // The scope without being the village's officer: 404, as for a village one does not keep.
    const stranger = await record(id, 'rule-volunteer', 1, t.token(villager, ['points:record']));
    expect([stranger.status, stranger.body.code]).toEqual([404, 'not_found']);
    const households = await t.get(`/v1/villages/${village}/points/households`, {
      token: citizen,
    });
    expect(households.status).toBe(403);
    const listed = await t.get(`/v1/villages/${village}/points/households`, {
      token: officerToken(),
    });
    expect(listed.body.items[0]).toMatchObject({
      id: 'hh-gjt-012',
      name: '李*水户',
      balance: 1490,
    });
    const me = await t.get('/v1/me/points', { token: t.token(sub, ['points']) });
    expect(me.body.member.balance).toBe(150);
  });

  it('records once per Idempotency-Key: a retry replays the entry, another body is refused', async (ctx) => {
    if (skip) return ctx.skip(`SKIPPED: ${skip}`);
    const { id } = await newMember(db);
    const token = officerToken();
    const k = key();
    const send = (quantity: number) =>
      t.post(`/v1/villages/${village}/points/entries`, {
        token,
        headers: { 'Idempotency-Key': k },
        body: { memberId: id, ruleId: 'rule-volunteer', quantity },
      });
    const first = await send(2);
    const retry = await send(2);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(first.body);
    const other = await send(3);
    expect([other.status, other.body.code]).toEqual([422, 'idempotency_conflict']);
    const { rows } = await db.query<{ n: number }>(
      'SELECT COUNT(*)::int AS n FROM point_entries WHERE member_id = $1',
      [id],
    );
    expect(rows[0]?.n).toBe(1);
    const missing = await t.post(`/v1/villages/${village}/points/entries`, {
      token,
      body: { memberId: id, ruleId: 'rule-volunteer' },
    });
    expect([missing.status, missing.body.code]).toEqual([400, 'idempotency_key_required']);
  });

  it('refuses a deduction larger than the balance: a balance is never negative', async (ctx) => {
    if (skip) return ctx.skip(`SKIPPED: ${skip}`);
    const { id } = await newMember(db);
    await record(id, 'rule-village-meeting', 1);
    const deducted = await record(id, 'rule-littering', 1);
    expect([deducted.status, deducted.body.code]).toEqual([409, 'insufficient_points']);
    await record(id, 'rule-volunteer', 1);
    const ok = await record(id, 'rule-littering', 1);
    expect([ok.status, ok.body.balance, ok.body.entry.points]).toEqual([201, 20, -50]);
  });

  it('redeems a reward for a signed code that verifies offline with the code keys, once per key', async (ctx) => {
    if (skip) return ctx.skip(`SKIPPED: ${skip}`);
    const { sub, id } = await newMember(db);
    await record(id, 'rule-volunteer', 2);
    const token = t.token(sub, ['points']);
    const idempotencyKey = key();
    const redeem = () =>
      t.post('/v1/me/points/redemptions', {
        token,
        headers: { 'Idempotency-Key': idempotencyKey },
        body: { rewardId: 'rwd-oil-5l' },
      });
    const first = await redeem();
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      balance: 20,
      entry: { kind: 'redemption', points: -80, reward: { id: 'rwd-oil-5l' }, quantity: 1 },
      code: { kind: 'redemption', status: 'green', refreshAfter: null },
    });
    expect(first.body.code.expiresAt).toBe('2026-12-23T10:00:00+08:00');
    const again = await redeem();
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.code.token).toBe(first.body.code.token);
    const me = await t.get('/v1/me/points', { token });
    expect(me.body.member.balance).toBe(20);

    // Offline: the shop's scanner holds the JWKS and checks the signature itself.
    const jwks = await t.get('/v1/codes/jwks');
    const { payload } = await compactVerify(first.body.code.token, createLocalJWKSet(jwks.body));
    expect(JSON.parse(new TextDecoder().decode(payload))).toMatchObject({
      sub,
      kind: 'redemption',
      ref: first.body.id,
      reward: 'rwd-oil-5l',
      quantity: 1,
      points: 80,
      exp: Math.floor(testNow.getTime() / 1000) + 30 * 24 * 3600,
    });
    const online = await t.post('/v1/codes/verify', { body: { token: first.body.code.token } });
    expect(online.body).toMatchObject({ valid: true, claims: { kind: 'redemption', points: 80 } });

    const short = await t.post('/v1/me/points/redemptions', {
      token,
      headers: { 'Idempotency-Key': key() },
      body: { rewardId: 'rwd-rice-5kg' },
    });
    expect([short.status, short.body.code]).toEqual([409, 'insufficient_points']);
    expect(short.body.detail).toBe('This needs 50 points; the balance is 20.');
  });

  it('lets exactly 3 of 20 concurrent redemptions through when the balance allows 3', async (ctx) => {
    if (skip) return ctx.skip(`SKIPPED: ${skip}`);
    const { sub, id } = await newMember(db);
    // 3 hours: 150 points, three bags of rice at 50.
    await record(id, 'rule-volunteer', 3);
    const token = t.token(sub, ['points']);
    crowd = barrier(20);
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        t.post('/v1/me/points/redemptions', {
          token,
          headers: { 'Idempotency-Key': key() },
          body: { rewardId: 'rwd-rice-5kg' },
        }),
      ),
    );
    crowd = undefined;
    const outcomes = answers.map((r) => (r.status === 201 ? 201 : `${r.status} ${r.body.code}`));
    expect(outcomes.filter((o) => o === 201)).toHaveLength(3);
    expect(outcomes.filter((o) => o === '409 insufficient_points')).toHaveLength(17);
    expect(
      answers
        .filter((r) => r.status === 201)
        .map((r) => r.body.balance)
        .sort((a, b) => a - b),
    ).toEqual([0, 50, 100]);
    const { rows } = await db.query<{ balance: number; sum: number; n: number }>(
      `SELECT b.balance, (SELECT SUM(points)::int FROM point_entries WHERE member_id = $1) AS sum,
              (SELECT COUNT(*)::int FROM point_entries WHERE member_id = $1) AS n
         FROM point_balances b WHERE b.member_id = $1`,
      [id],
    );
    expect(rows[0]).toEqual({ balance: 0, sum: 0, n: 4 });
  });

  it('keeps the ledger append-only, and no balance moves without its entry', async (ctx) => {
    if (skip) return ctx.skip(`SKIPPED: ${skip}`);
    const { id } = await newMember(db);
    const recorded = await record(id, 'rule-good-deed', 1);
    const entryId = recorded.body.entry.id;
    await expect(
      db.query('UPDATE point_entries SET points = 1000 WHERE id = $1', [entryId]),
    ).rejects.toThrow(/append-only/);
    await expect(db.query('DELETE FROM point_entries WHERE id = $1', [entryId])).rejects.toThrow(
      /append-only/,
    );
    await expect(
      db.query('UPDATE point_balances SET balance = 5000 WHERE member_id = $1', [id]),
    ).rejects.toThrow(/moves only with its entry/);
    await expect(db.query('DELETE FROM point_balances WHERE member_id = $1', [id])).rejects.toThrow(
      /append-only/,
    );
    const { rows } = await db.query<{ balance: number }>(
      'SELECT balance FROM point_balances WHERE member_id = $1',
      [id],
    );
    expect(rows[0]?.balance).toBe(100);
  });
});
