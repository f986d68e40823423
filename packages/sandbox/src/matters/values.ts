// Checks a form's values against the bundle's form: types always (a draft may be incomplete),
// and on submission every required field too. Field errors name `body.values.<field>`.
import type { Schemas } from '@zheli/contract';
import type { FieldError } from '../api/contract.js';

function checkField(field: Schemas['FormField'], value: unknown): [string, string] | null {
  if (field.type === 'boolean')
    return typeof value === 'boolean' ? null : ['type', 'must be boolean'];
  if (field.type === 'integer') {
    if (typeof value !== 'number' || !Number.isInteger(value)) return ['type', 'must be integer'];
    if (field.minimum !== undefined && value < field.minimum)
      return ['minimum', `must be >= ${field.minimum}`];
    if (field.maximum !== undefined && value > field.maximum)
      return ['maximum', `must be <= ${field.maximum}`];
    return null;
  }
  if (typeof value !== 'string') return ['type', 'must be string'];
  const length = Array.from(value).length;
  if (field.minLength !== undefined && length < field.minLength)
    return ['minLength', `must have at least ${field.minLength} characters`];
  if (field.maxLength !== undefined && length > field.maxLength)
    return ['maxLength', `must have at most ${field.maxLength} characters`];
  if (field.enum && !field.enum.includes(value))
    return ['enum', `must be one of ${field.enum.join(', ')}`];
  if (field.pattern && !new RegExp(field.pattern, 'u').test(value))
    return ['pattern', `must match ${field.pattern}`];
  if (field.format === 'date') {
    const day = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : null;
    if (!day || Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== value)
      return ['format', 'must be a date (YYYY-MM-DD)'];
  }
  return null;
}

/** The field errors of `values`; `complete` also requires the form's required fields. */
export function checkValues(
  form: Schemas['BundleForm'],
  values: Schemas['FormValues'],
  complete: boolean,
): FieldError[] {
  const errors: FieldError[] = [];
  for (const [name, value] of Object.entries(values)) {
    const field = form.properties[name];
    if (!field) {
      errors.push({
        field: `body.values.${name}`,
        code: 'unknown',
        message: 'is not a field of this form',
      });
      continue;
    }
    // An empty string is a field left blank: allowed in a draft, missing on submission.
    if (value === '' && !complete) continue;
    const problem = value === '' ? null : checkField(field, value);
    if (problem)
      errors.push({ field: `body.values.${name}`, code: problem[0], message: problem[1] });
  }
  if (complete) {
    for (const name of form.required) {
      const value = values[name];
      if (value === undefined || value === '') {
        errors.push({ field: `body.values.${name}`, code: 'required', message: 'is required' });
      }
    }
  }
  return errors;
}
