import type { Schemas } from '@zheli/contract';
import { describe, expect, it } from 'vitest';
import { type BundleForms, buildGuide, type StepSource } from './guide.js';
import { advance, applicationStatus, type StepState } from './progress.js';

const forms: BundleForms = {
  materialKeys: { 居民户口簿: 'household-register' },
  fields: {
    name: { type: 'string', title: '姓名', titleEn: 'Name', required: false },
    phone: { type: 'string', title: '电话', titleEn: 'Phone', required: true },
  },
  serviceFields: { a: ['name'], b: ['name', 'phone'], c: ['phone'] },
};

function step(position: number, key: string, materials: Schemas['Material'][]): StepSource {
  return {
    position,
    templateKey: key,
    service: { id: `svc-${key}`, name: key, nameEn: key },
    department: { id: `dept-${key}`, name: key, nameEn: key },
    promisedDays: 1,
    materials,
  };
}

const hukou = (over: Partial<Schemas['Material']>): Schemas['Material'] => ({
  name: '居民户口簿',
  nameEn: 'Household register (hukou booklet)',
  required: false,
  form: 'electronic',
  prefilled: true,
  ...over,
});

describe('buildGuide', () => {
  const guide = buildGuide(
    { id: 'bnd-x', name: 'x', nameEn: 'x', promisedDays: 1 },
    [
      step(1, 'a', [hukou({})]),
      step(2, 'b', [hukou({ required: true, form: 'copy' })]),
      step(3, 'c', [
        hukou({ form: 'original', prefilled: false }),
        {
          name: '照片',
          nameEn: 'Recent ID photo (on site)',
          required: true,
          form: 'original',
          prefilled: false,
        },
      ]),
    ],
    forms,
  );

  it('merges a material of three steps into one: required by any, the strictest form, held only if always', () => {
    expect(guide.materials).toEqual([
      {
        key: 'household-register',
        name: '居民户口簿',
        nameEn: 'Household register (hukou booklet)',
        required: true,
        form: 'original',
        prefilled: false,
        neededBy: ['svc-a', 'svc-b', 'svc-c'],
      },
      expect.objectContaining({ key: 'recent-id-photo', neededBy: ['svc-c'] }),
    ]);
    expect(guide.steps.map((s) => s.materials)).toEqual([
      ['household-register'],
      ['household-register'],
      ['household-register', 'recent-id-photo'],
    ]);
  });

  it('asks each field once and requires it when the data says so', () => {
    expect(guide.form.order).toEqual(['name', 'phone']);
    expect(guide.form.required).toEqual(['phone']);
    expect(guide.form.properties.name?.neededBy).toEqual(['svc-a', 'svc-b']);
  });
});

describe('advance', () => {
  const accepted: StepState = {
    status: 'accepted',
    acceptedAt: new Date('2026-11-23T02:00:00Z'),
    completedAt: null,
    promisedDays: 0,
    plannedRejection: null,
    rejection: null,
  };
  const at = (hours: number) => new Date(accepted.acceptedAt.getTime() + hours * 3600_000);

  it('keeps a step accepted for an hour, then processing, then completed after a day at least', () => {
    expect(advance(accepted, at(0.99))).toBe(accepted);
    expect(advance(accepted, at(1)).status).toBe('processing');
    expect(advance(accepted, at(24))).toMatchObject({ status: 'completed', completedAt: at(24) });
  });

  it('rejects a step planned to be rejected when processing would begin, and keeps it there', () => {
    const reason = { reason: '缺少', reasonEn: 'missing', materials: ['x'] };
    const rejected = advance({ ...accepted, plannedRejection: reason }, at(1));
    expect(rejected).toMatchObject({
      status: 'rejected',
      rejection: reason,
      plannedRejection: null,
    });
    expect(advance(rejected, at(100))).toBe(rejected);
    expect(applicationStatus([{ status: 'completed' }, rejected])).toBe('needs_correction');
  });
});
