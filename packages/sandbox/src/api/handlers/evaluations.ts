// Evaluations of handled matters (好差评): one per matter, tags of the chosen level.
import type { Schemas } from '@zheli/contract';
import { sqlState } from '../../db/database.js';
import { decodeCursor, page } from '../paging.js';
import { ApiError, invalid, notFound } from '../problems.js';
import { time } from '../rows.js';
import { type Handlers, principalOf } from '../types.js';
import { randomId } from './appointments.js';

interface EvaluationRow {
  id: string;
  case_number: string;
  service_id: string;
  level: Schemas['EvaluationLevel'];
  tags: string[];
  comment: string | null;
  created_at: Date;
}

function evaluation(row: EvaluationRow): Schemas['Evaluation'] {
  return {
    id: row.id,
    caseNumber: row.case_number,
    serviceId: row.service_id,
    level: row.level,
    tags: row.tags,
    comment: row.comment,
    createdAt: time(row.created_at),
  };
}

interface MatterRow {
  case_number: string;
  service_id: string;
  service_name: string;
  service_name_en: string;
  status: Schemas['Matter']['status'];
  submitted_at: Date;
  handled_at: Date | null;
  evaluation: (Omit<EvaluationRow, 'created_at'> & { created_at: string }) | null;
}

// The evaluation comes back as JSON (timestamps as text), so both drivers agree on its shape.
const matterSelect = `SELECT m.case_number, m.service_id, s.name AS service_name,
    s.name_en AS service_name_en, m.status, m.submitted_at, m.handled_at,
    (SELECT jsonb_build_object('id', e.id, 'case_number', e.case_number, 'service_id', e.service_id,
              'level', e.level, 'tags', to_jsonb(e.tags), 'comment', e.comment,
              'created_at', e.created_at)
       FROM evaluations e WHERE e.case_number = m.case_number) AS evaluation
  FROM matters m JOIN services s ON s.id = m.service_id`;

function matter(row: MatterRow): Schemas['Matter'] {
  return {
    caseNumber: row.case_number,
    service: { id: row.service_id, name: row.service_name, nameEn: row.service_name_en },
    status: row.status,
    submittedAt: time(row.submitted_at),
    handledAt: row.handled_at ? time(row.handled_at) : null,
    evaluation: row.evaluation
      ? evaluation({ ...row.evaluation, created_at: new Date(row.evaluation.created_at) })
      : null,
  };
}

export const evaluationHandlers: Pick<
  Handlers,
  'listEvaluationTags' | 'submitEvaluation' | 'listMyEvaluations' | 'listMyMatters' | 'getMyMatter'
> = {
  async listEvaluationTags({ deps }) {
    const { rows: levels } = await deps.db.query<{
      level: Schemas['EvaluationLevel'];
      name: string;
      name_tw: string;
      name_en: string;
    }>('SELECT level, name, name_tw, name_en FROM evaluation_levels ORDER BY position');
    const { rows: tags } = await deps.db.query<{
      level: string;
      id: string;
      name: string;
      name_tw: string;
      name_en: string;
    }>('SELECT level, id, name, name_tw, name_en FROM evaluation_tags ORDER BY level, position');
    return {
      status: 200,
      body: {
        levels: levels.map((l) => ({
          level: l.level,
          name: l.name,
          nameTw: l.name_tw,
          nameEn: l.name_en,
          tags: tags
            .filter((t) => t.level === l.level)
            .map((t) => ({ id: t.id, name: t.name, nameTw: t.name_tw, nameEn: t.name_en })),
        })),
      },
    };
  },

  async submitEvaluation(ctx) {
    const { sub } = principalOf(ctx);
    const body = ctx.request.body;
    if (!body) throw new Error('submitEvaluation needs a body');
    const row = await ctx.transaction(async (tx) => {
      const { rows } = await tx.query<{ service_id: string; status: string }>(
        'SELECT service_id, status FROM matters WHERE case_number = $1 AND sub = $2',
        [body.caseNumber, sub],
      );
      const handled = rows[0];
      if (!handled || handled.status === 'in_progress') {
        notFound(`No handled matter with case number "${body.caseNumber}".`);
      }
      const { rows: allowed } = await tx.query<{ id: string }>(
        'SELECT id FROM evaluation_tags WHERE level = $1',
        [body.level],
      );
      const known = new Set(allowed.map((t) => t.id));
      const tags = body.tags ?? [];
      const wrong = tags.flatMap((t, i) =>
        known.has(t)
          ? []
          : [
              {
                field: `body.tags[${i}]`,
                code: 'enum',
                message: `is not a tag of the level ${body.level}`,
              },
            ],
      );
      if (wrong.length > 0) invalid(wrong);
      const { rows: done } = await tx.query('SELECT 1 FROM evaluations WHERE case_number = $1', [
        body.caseNumber,
      ]);
      if (done.length > 0)
        throw new ApiError('already_evaluated', 'This matter has been rated already.');
      const id = randomId('evl');
      try {
        await tx.query(
          `INSERT INTO evaluations (id, case_number, sub, service_id, level, tags, comment, created_at)
           VALUES ($1, $2, $3, $4, $5, $6::text[], $7, $8)`,
          [
            id,
            body.caseNumber,
            sub,
            handled.service_id,
            body.level,
            tags,
            body.comment ?? null,
            ctx.now,
          ],
        );
      } catch (error) {
        if (sqlState(error) === '23505') {
          throw new ApiError('already_evaluated', 'This matter has been rated already.', {
            cause: error,
          });
        }
        throw error;
      }
      // The service's score (好差评) takes the new evaluation in.
      await tx.query(
        `UPDATE services SET rating_count = rating_count + 1,
                rating_sum = rating_sum + (SELECT score FROM evaluation_levels WHERE level = $2)
          WHERE id = $1`,
        [handled.service_id, body.level],
      );
      const { rows: saved } = await tx.query<EvaluationRow>(
        'SELECT id, case_number, service_id, level, tags, comment, created_at FROM evaluations WHERE id = $1',
        [id],
      );
      return saved[0] as EvaluationRow;
    });
    return { status: 201, body: evaluation(row) };
  },

  async listMyEvaluations(ctx) {
    const { sub } = principalOf(ctx);
    const limit = ctx.request.query.limit ?? 20;
    const offset = decodeCursor(ctx.request.query.cursor, { list: 'evaluations' });
    const { rows } = await ctx.db.query<EvaluationRow>(
      `SELECT id, case_number, service_id, level, tags, comment, created_at FROM evaluations
        WHERE sub = $1 ORDER BY created_at DESC, id LIMIT $2 OFFSET $3`,
      [sub, limit + 1, offset],
    );
    const result = page(rows, offset, limit, { list: 'evaluations' });
    return {
      status: 200,
      body: { items: result.items.map(evaluation), nextCursor: result.nextCursor },
    };
  },

  async listMyMatters(ctx) {
    const { sub } = principalOf(ctx);
    const limit = ctx.request.query.limit ?? 20;
    const offset = decodeCursor(ctx.request.query.cursor, { list: 'matters' });
    const { rows } = await ctx.db.query<MatterRow>(
      `${matterSelect} WHERE m.sub = $1 ORDER BY m.submitted_at DESC, m.case_number LIMIT $2 OFFSET $3`,
      [sub, limit + 1, offset],
    );
    const result = page(rows, offset, limit, { list: 'matters' });
    return {
      status: 200,
      body: { items: result.items.map(matter), nextCursor: result.nextCursor },
    };
  },

  async getMyMatter(ctx) {
    const { sub } = principalOf(ctx);
    const caseNumber = ctx.request.path.caseNumber;
    const { rows } = await ctx.db.query<MatterRow>(
      `${matterSelect} WHERE m.case_number = $1 AND m.sub = $2`,
      [caseNumber, sub],
    );
    return {
      status: 200,
      body: matter(rows[0] ?? notFound(`No matter with case number "${caseNumber}".`)),
    };
  },
};
