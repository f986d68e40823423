// One-matter applications (一件事办理): a bundle's guide (steps, merged materials, form), the
// person's documents on file, drafts kept on the platform (save on one device, resume on
// another), one keyed submission that every department accepts, their progress on the sandbox
// clock, and the correction path for a step rejected for missing materials.
import { randomInt } from 'node:crypto';
import type { Schemas } from '@zheli/contract';
import { documentsOf } from '../../matters/documents.js';
import type { Rejection } from '../../matters/progress.js';
import { checkValues } from '../../matters/values.js';
import type { Persona } from '../../personas.js';
import { shanghaiDate } from '../../time.js';
import type { ApiOperationId, FieldError } from '../contract.js';
import {
  application,
  applications,
  type DraftRow,
  draft,
  guideFor,
  ownApplication,
  type StepServiceRow,
  stepsOf,
} from '../matter-rows.js';
import { decodeCursor, page } from '../paging.js';
import { ApiError, invalid, notFound } from '../problems.js';
import { regionsOf } from '../rows.js';
import { type HandlerContext, type Handlers, principalOf } from '../types.js';
import { randomId } from './appointments.js';

/** The signed-in person (a token of an unknown subject is refused, as by `/v1/me`). */
function personOf<O extends ApiOperationId>(ctx: HandlerContext<O>): Persona {
  const persona = ctx.deps.personas.get(principalOf(ctx).sub);
  if (!persona) {
    throw new ApiError('unauthenticated', 'The token’s subject is not a known person.', {
      headers: { 'WWW-Authenticate': 'Bearer realm="zheli", error="invalid_token"' },
    });
  }
  return persona;
}

async function documentsFor<O extends ApiOperationId>(ctx: HandlerContext<O>, persona: Persona) {
  const regions = await regionsOf(ctx.deps.db);
  return documentsOf(persona, regions.byCode.get(persona.regionCode)?.name ?? '');
}

/** Material keys that are not the guide's. */
function unknownMaterials(guide: Schemas['BundleGuide'], keys: string[]): FieldError[] {
  const known = new Set(guide.materials.map((m) => m.key));
  return keys.flatMap((key, i) =>
    known.has(key)
      ? []
      : [
          {
            field: `body.materials.${i}`,
            code: 'enum',
            message: `is not a material of this bundle`,
          },
        ],
  );
}

/** A new case number: the service's region, the day, six digits. */
function caseNumber(regionCode: string, now: Date): string {
  return `${regionCode}-${shanghaiDate(now).replaceAll('-', '')}-${String(randomInt(1_000_000)).padStart(6, '0')}`;
}

export const matterHandlers: Pick<
  Handlers,
  | 'getBundleGuide'
  | 'listMyDocuments'
  | 'getBundleDraft'
  | 'saveBundleDraft'
  | 'listMyBundleApplications'
  | 'submitBundleApplication'
  | 'getBundleApplication'
  | 'resubmitBundleStep'
> = {
  async getBundleGuide({ request, deps }) {
    const { region } = request.query;
    let chain: string[] | null = null;
    if (region !== undefined) {
      const regions = await regionsOf(deps.db);
      regions.filter(region, 'query.region');
      chain = regions.chain(region).map((r) => r.code);
    }
    const { guide } = await guideFor(deps.db, request.path.bundleId, chain);
    return { status: 200, body: guide };
  },

  async listMyDocuments(ctx) {
    const persona = personOf(ctx);
    return { status: 200, body: { items: await documentsFor(ctx, persona) } };
  },

  async getBundleDraft(ctx) {
    const { sub } = principalOf(ctx);
    const { bundleId } = ctx.request.path;
    const { rows } = await ctx.db.query<DraftRow>(
      `SELECT bundle_id, "values", materials, step, updated_at FROM bundle_drafts
        WHERE sub = $1 AND bundle_id = $2`,
      [sub, bundleId],
    );
    const row = rows[0] ?? notFound(`No draft for bundle "${bundleId}".`);
    return { status: 200, body: draft(row) };
  },

  async saveBundleDraft(ctx) {
    const { sub } = principalOf(ctx);
    const { bundleId } = ctx.request.path;
    const body = ctx.request.body ?? { values: {} };
    const { guide } = await guideFor(ctx.db, bundleId, null);
    const materials = body.materials ?? [];
    const errors = [
      ...checkValues(guide.form, body.values, false),
      ...unknownMaterials(guide, materials),
    ];
    if (errors.length > 0) invalid(errors);
    const { rows } = await ctx.db.query<DraftRow>(
      `INSERT INTO bundle_drafts (sub, bundle_id, "values", materials, step, updated_at)
       VALUES ($1, $2, $3::jsonb, $4::jsonb, $5, $6)
       ON CONFLICT (sub, bundle_id) DO UPDATE
         SET "values" = EXCLUDED."values", materials = EXCLUDED.materials, step = EXCLUDED.step,
             updated_at = EXCLUDED.updated_at
       RETURNING bundle_id, "values", materials, step, updated_at`,
      [
        sub,
        bundleId,
        JSON.stringify(body.values),
        JSON.stringify([...new Set(materials)]),
        body.step ?? 0,
        ctx.now,
      ],
    );
    return { status: 200, body: draft(rows[0] as DraftRow) };
  },

  async listMyBundleApplications(ctx) {
    const { sub } = principalOf(ctx);
    const { bundle, cursor } = ctx.request.query;
    const limit = ctx.request.query.limit ?? 20;
    const filters = { list: 'bundle-applications', bundle };
    const offset = decodeCursor(cursor, filters);
    const rows = await applications(ctx.db, sub, {
      ...(bundle !== undefined ? { bundleId: bundle } : {}),
      limit: limit + 1,
      offset,
    });
    const result = page(rows, offset, limit, filters);
    const steps = await stepsOf(
      ctx.db,
      result.items.map((r) => r.id),
      ctx.now,
    );
    return {
      status: 200,
      body: {
        items: result.items.map((r) => application(r, steps.get(r.id) ?? [])),
        nextCursor: result.nextCursor,
      },
    };
  },

  async submitBundleApplication(ctx) {
    const persona = personOf(ctx);
    const body = ctx.request.body;
    if (!body) invalid([{ field: 'body', code: 'required', message: 'is required' }]);
    const regions = await regionsOf(ctx.deps.db);
    const chain = regions.chain(persona.regionCode).map((r) => r.code);
    const { guide, rows: services } = await guideFor(ctx.db, body.bundleId, chain);
    const provided = new Set([
      ...(body.materials ?? []),
      ...(await documentsFor(ctx, persona)).map((d) => d.materialKey),
    ]);
    const errors = [
      ...checkValues(guide.form, body.values, true),
      ...unknownMaterials(guide, body.materials ?? []),
      ...guide.materials
        .filter((m) => m.required && !m.prefilled && !provided.has(m.key))
        .map((m) => ({
          field: 'body.materials',
          code: 'required',
          message: `must include "${m.key}" (${m.nameEn}): it is required, and neither on file nor held by the platform`,
        })),
    ];
    if (errors.length > 0) invalid(errors);

    const id = randomId('bap');
    await ctx.db.query(
      `INSERT INTO bundle_applications (id, sub, bundle_id, "values", materials, submitted_at)
       VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6)`,
      [
        id,
        persona.sub,
        guide.bundleId,
        JSON.stringify(body.values),
        JSON.stringify([...new Set(body.materials ?? [])]),
        ctx.now,
      ],
    );
    const rules = ctx.deps.stepRejections.take(guide.bundleId);
    for (const step of guide.steps) {
      const service = services.find((s) => s.position + 1 === step.position) as StepServiceRow;
      const rule = rules.find((r) => r.position === step.position);
      let planned: Rejection | null = null;
      if (rule) {
        const key = rule.material ?? step.materials[0] ?? 'materials';
        const material = guide.materials.find((m) => m.key === key);
        const name = material?.name ?? '申请材料';
        const nameEn = material?.nameEn ?? 'A required material';
        planned = {
          reason: `缺少${name}，请补正后重新提交。`,
          reasonEn: `${nameEn}: missing. Provide it and resubmit this step.`,
          materials: [key],
        };
      }
      const number = caseNumber(service.region_code, ctx.now);
      await ctx.db.query(
        `INSERT INTO matters (case_number, sub, service_id, status, submitted_at, handled_at)
         VALUES ($1, $2, $3, 'in_progress', $4, NULL)`,
        [number, persona.sub, step.service.id, ctx.now],
      );
      await ctx.db.query(
        `INSERT INTO bundle_application_steps
           (application_id, position, service_id, case_number, status, accepted_at, planned_rejection)
         VALUES ($1, $2, $3, $4, 'accepted', $5, $6::jsonb)`,
        [
          id,
          step.position,
          step.service.id,
          number,
          ctx.now,
          planned ? JSON.stringify(planned) : null,
        ],
      );
    }
    await ctx.db.query('DELETE FROM bundle_drafts WHERE sub = $1 AND bundle_id = $2', [
      persona.sub,
      guide.bundleId,
    ]);
    return {
      status: 201,
      body: await ownApplication(ctx.db, persona.sub, id, ctx.now),
      headers: { Location: `/v1/me/bundle-applications/${id}` },
    };
  },

  async getBundleApplication(ctx) {
    const { sub } = principalOf(ctx);
    return {
      status: 200,
      body: await ownApplication(ctx.db, sub, ctx.request.path.applicationId, ctx.now),
    };
  },

  async resubmitBundleStep(ctx) {
    const { sub } = principalOf(ctx);
    const { applicationId, serviceId } = ctx.request.path;
    const body = ctx.request.body ?? { materials: [] };
    const current = await ownApplication(ctx.db, sub, applicationId, ctx.now);
    const step =
      current.steps.find((s) => s.service.id === serviceId) ??
      notFound(`Application "${applicationId}" has no step for service "${serviceId}".`);
    if (step.status !== 'rejected' || !step.rejection) {
      throw new ApiError(
        'step_not_rejected',
        `The step of "${serviceId}" is ${step.status}: only a rejected step is resubmitted.`,
      );
    }
    const missing = step.rejection.materials.filter((m) => !body.materials.includes(m));
    if (missing.length > 0) {
      invalid(
        missing.map((m) => ({
          field: 'body.materials',
          code: 'required',
          message: `must include "${m}": the department named it missing`,
        })),
      );
    }
    await ctx.db.query(
      `UPDATE bundle_application_steps
          SET status = 'accepted', accepted_at = $3, completed_at = NULL, rejection = NULL,
              planned_rejection = NULL
        WHERE application_id = $1 AND position = $2`,
      [applicationId, step.position, ctx.now],
    );
    await ctx.db.query(
      `UPDATE matters SET status = 'in_progress', handled_at = NULL WHERE case_number = $1`,
      [step.caseNumber],
    );
    await ctx.db.query(
      `UPDATE bundle_applications
          SET materials = (SELECT jsonb_agg(DISTINCT m) FROM jsonb_array_elements_text(materials || $2::jsonb) m)
        WHERE id = $1`,
      [applicationId, JSON.stringify(body.materials)],
    );
    return { status: 200, body: await ownApplication(ctx.db, sub, applicationId, ctx.now) };
  },
};
