// One-matter applications (一件事办理): a bundle's guide (steps, merged materials, form), the
// person's documents on file, drafts kept on the platform (save on one device, resume on
// another), one keyed submission that every department accepts, their progress on the sandbox
// clock, and the correction path for a step rejected for missing materials.
import { randomInt } from 'node:crypto';
import type { Schemas } from '@zheli/contract';
import type { Queryable, SqlValue } from '../../db/database.js';
import { documentsOf } from '../../matters/documents.js';
import { buildGuide, bundleForms, type StepSource } from '../../matters/guide.js';
import {
  advance,
  applicationStatus,
  type Rejection,
  type StepState,
} from '../../matters/progress.js';
import { checkValues } from '../../matters/values.js';
import type { Persona } from '../../personas.js';
import { shanghaiDate } from '../../time.js';
import type { ApiOperationId, FieldError } from '../contract.js';
import { decodeCursor, page } from '../paging.js';
import { ApiError, invalid, notFound } from '../problems.js';
import { regionsOf, time } from '../rows.js';
import { type HandlerContext, type Handlers, principalOf } from '../types.js';
import { randomId } from './appointments.js';

interface StepServiceRow {
  position: number;
  template_key: string;
  id: string;
  name: string;
  name_en: string;
  department_id: string;
  department_name: string;
  department_name_en: string;
  promised_days: number;
  materials: Schemas['Material'][];
  region_code: string;
}

const stepServiceColumns = `bs.position, bs.template_key, s.id, s.name, s.name_en, s.department_id,
  s.department_name, s.department_name_en, s.promised_days, s.materials, s.region_code`;

/** The bundle's guide, each step the service offered in `chain` (or the default one). */
async function guideFor(db: Queryable, bundleId: string, chain: string[] | null) {
  const { rows: bundles } = await db.query<{
    id: string;
    name: string;
    name_en: string;
    promised_days: number;
    steps: number;
  }>(
    `SELECT b.id, b.name, b.name_en, b.promised_days,
            (SELECT count(*)::int FROM bundle_steps bs WHERE bs.bundle_id = b.id) AS steps
       FROM bundles b WHERE b.id = $1`,
    [bundleId],
  );
  const bundle = bundles[0] ?? notFound(`No bundle with id "${bundleId}".`);
  const { rows } = chain
    ? await db.query<StepServiceRow>(
        `SELECT DISTINCT ON (bs.position) ${stepServiceColumns}
           FROM bundle_steps bs
           JOIN services s ON s.template_key = bs.template_key AND s.region_code = ANY($2::text[])
          WHERE bs.bundle_id = $1
          ORDER BY bs.position, array_position($2::text[], s.region_code), s.seq`,
        [bundleId, chain],
      )
    : await db.query<StepServiceRow>(
        `SELECT ${stepServiceColumns}
           FROM bundle_steps bs JOIN services s ON s.id = bs.service_id
          WHERE bs.bundle_id = $1 ORDER BY bs.position`,
        [bundleId],
      );
  if (rows.length !== bundle.steps) notFound(`Bundle "${bundleId}" is not offered in that region.`);
  // Positions are counted from 0 in the catalog, and from 1 for people.
  const sources: StepSource[] = rows.map((r) => ({
    position: r.position + 1,
    templateKey: r.template_key,
    service: { id: r.id, name: r.name, nameEn: r.name_en },
    department: { id: r.department_id, name: r.department_name, nameEn: r.department_name_en },
    promisedDays: r.promised_days,
    materials: r.materials,
  }));
  const guide = buildGuide(
    {
      id: bundle.id,
      name: bundle.name,
      nameEn: bundle.name_en,
      promisedDays: bundle.promised_days,
    },
    sources,
    await bundleForms(),
  );
  return { guide, rows };
}

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

interface StepRow {
  application_id: string;
  position: number;
  service_id: string;
  service_name: string;
  service_name_en: string;
  department_id: string;
  department_name: string;
  department_name_en: string;
  promised_days: number;
  case_number: string;
  status: Schemas['ApplicationStepStatus'];
  accepted_at: Date;
  completed_at: Date | null;
  planned_rejection: Rejection | null;
  rejection: Rejection | null;
}

interface ApplicationRow {
  id: string;
  bundle_id: string;
  name: string;
  name_en: string;
  submitted_at: Date;
}

/** The person's applications: one by id, or a page of one bundle's or of all. */
async function applications(
  db: Queryable,
  sub: string,
  filter: { id?: string; bundleId?: string; limit: number; offset: number },
): Promise<ApplicationRow[]> {
  const params: SqlValue[] = [
    sub,
    filter.id ?? null,
    filter.bundleId ?? null,
    filter.limit,
    filter.offset,
  ];
  const { rows } = await db.query<ApplicationRow>(
    `SELECT a.id, a.bundle_id, b.name, b.name_en, a.submitted_at
       FROM bundle_applications a JOIN bundles b ON b.id = a.bundle_id
      WHERE a.sub = $1 AND ($2::text IS NULL OR a.id = $2) AND ($3::text IS NULL OR a.bundle_id = $3)
      ORDER BY a.submitted_at DESC, a.id
      LIMIT $4 OFFSET $5`,
    params,
  );
  return rows;
}

/**
 * The applications' steps, each moved on to `now` first: what changed is written back, to the
 * step and to its matter (办件), so the matter can be rated once handled.
 */
async function stepsOf(db: Queryable, ids: string[], now: Date): Promise<Map<string, StepRow[]>> {
  const { rows } = await db.query<StepRow>(
    `SELECT st.application_id, st.position, st.service_id, s.name AS service_name,
            s.name_en AS service_name_en, s.department_id, s.department_name, s.department_name_en,
            s.promised_days, st.case_number, st.status, st.accepted_at, st.completed_at,
            st.planned_rejection, st.rejection
       FROM bundle_application_steps st JOIN services s ON s.id = st.service_id
      WHERE st.application_id = ANY($1::text[])
      ORDER BY st.application_id, st.position`,
    [ids],
  );
  const byApplication = new Map<string, StepRow[]>();
  for (const row of rows) {
    const state: StepState = {
      status: row.status,
      acceptedAt: row.accepted_at,
      completedAt: row.completed_at,
      promisedDays: row.promised_days,
      plannedRejection: row.planned_rejection,
      rejection: row.rejection,
    };
    const next = advance(state, now);
    if (next !== state) {
      await db.query(
        `UPDATE bundle_application_steps
            SET status = $3, completed_at = $4, planned_rejection = $5::jsonb, rejection = $6::jsonb
          WHERE application_id = $1 AND position = $2`,
        [
          row.application_id,
          row.position,
          next.status,
          next.completedAt,
          next.plannedRejection ? JSON.stringify(next.plannedRejection) : null,
          next.rejection ? JSON.stringify(next.rejection) : null,
        ],
      );
      await db.query('UPDATE matters SET status = $2, handled_at = $3 WHERE case_number = $1', [
        row.case_number,
        matterStatus(next.status),
        next.completedAt,
      ]);
      Object.assign(row, {
        status: next.status,
        completed_at: next.completedAt,
        planned_rejection: next.plannedRejection,
        rejection: next.rejection,
      });
    }
    const list = byApplication.get(row.application_id) ?? [];
    list.push(row);
    byApplication.set(row.application_id, list);
  }
  return byApplication;
}

function matterStatus(status: Schemas['ApplicationStepStatus']): Schemas['Matter']['status'] {
  return status === 'completed' ? 'handled' : status === 'rejected' ? 'rejected' : 'in_progress';
}

function application(row: ApplicationRow, steps: StepRow[]): Schemas['BundleApplication'] {
  const items = steps.map((s): Schemas['ApplicationStep'] => ({
    position: s.position,
    service: { id: s.service_id, name: s.service_name, nameEn: s.service_name_en },
    department: { id: s.department_id, name: s.department_name, nameEn: s.department_name_en },
    caseNumber: s.case_number,
    status: s.status,
    acceptedAt: time(s.accepted_at),
    completedAt: s.completed_at ? time(s.completed_at) : null,
    rejection: s.status === 'rejected' ? s.rejection : null,
  }));
  const status = applicationStatus(items);
  const last = Math.max(...steps.map((s) => s.completed_at?.getTime() ?? 0));
  return {
    id: row.id,
    bundleId: row.bundle_id,
    name: row.name,
    nameEn: row.name_en,
    status,
    caseNumber: items[0]?.caseNumber ?? '',
    submittedAt: time(row.submitted_at),
    completedAt: status === 'completed' ? time(new Date(last)) : null,
    steps: items,
  };
}

/** One of the person's applications as of `now`, or 404 (someone else's too). */
async function ownApplication(db: Queryable, sub: string, id: string, now: Date) {
  const [row] = await applications(db, sub, { id, limit: 1, offset: 0 });
  if (!row) notFound(`No application with id "${id}".`);
  const steps = await stepsOf(db, [row.id], now);
  return application(row, steps.get(row.id) ?? []);
}

/** A new case number: the service's region, the day, six digits. */
function caseNumber(regionCode: string, now: Date): string {
  return `${regionCode}-${shanghaiDate(now).replaceAll('-', '')}-${String(randomInt(1_000_000)).padStart(6, '0')}`;
}

interface DraftRow {
  bundle_id: string;
  values: Schemas['FormValues'];
  materials: string[];
  step: number;
  updated_at: Date;
}

function draft(row: DraftRow): Schemas['BundleDraft'] {
  return {
    bundleId: row.bundle_id,
    values: row.values,
    materials: row.materials,
    step: row.step,
    updatedAt: time(row.updated_at),
  };
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
