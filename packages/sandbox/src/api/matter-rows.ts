// The one-matter tables read for the API: a bundle's guide with each step the service offered in
// the person's region, the person's applications with their steps moved on to the sandbox clock
// (what changed written back), their drafts, and the rows mapped to the contract's shapes.
import type { Schemas } from '@zheli/contract';
import type { Queryable, SqlValue } from '../db/database.js';
import { buildGuide, bundleForms, type StepSource } from '../matters/guide.js';
import { advance, applicationStatus, type Rejection, type StepState } from '../matters/progress.js';
import { notFound } from './problems.js';
import { time } from './rows.js';

export interface StepServiceRow {
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
export async function guideFor(db: Queryable, bundleId: string, chain: string[] | null) {
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
export async function applications(
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
export async function stepsOf(
  db: Queryable,
  ids: string[],
  now: Date,
): Promise<Map<string, StepRow[]>> {
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

export function application(row: ApplicationRow, steps: StepRow[]): Schemas['BundleApplication'] {
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
export async function ownApplication(db: Queryable, sub: string, id: string, now: Date) {
  const [row] = await applications(db, sub, { id, limit: 1, offset: 0 });
  if (!row) notFound(`No application with id "${id}".`);
  const steps = await stepsOf(db, [row.id], now);
  return application(row, steps.get(row.id) ?? []);
}

export interface DraftRow {
  bundle_id: string;
  values: Schemas['FormValues'];
  materials: string[];
  step: number;
  updated_at: Date;
}

export function draft(row: DraftRow): Schemas['BundleDraft'] {
  return {
    bundleId: row.bundle_id,
    values: row.values,
    materials: row.materials,
    step: row.step,
    updatedAt: time(row.updated_at),
  };
}
