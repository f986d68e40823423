// The form's values checked in the browser by the rules the platform checks them by (the
// contract's `FormField`): what is wrong with one value, so the person hears it at the field.
import type { Schemas } from '@zheli/contract';

/** A value of the form: text, a number, a yes/no. */
export type FormValue = string | number | boolean;

/** What is wrong with `value`: `required`, `invalid`, or nothing. */
export function fieldProblem(
  field: Schemas['FormField'],
  value: FormValue | undefined,
  required: boolean,
): 'required' | 'invalid' | undefined {
  if (value === undefined || value === '') return required ? 'required' : undefined;
  if (field.type === 'boolean') return typeof value === 'boolean' ? undefined : 'invalid';
  if (field.type === 'integer') {
    const ok =
      typeof value === 'number' &&
      Number.isInteger(value) &&
      (field.minimum === undefined || value >= field.minimum) &&
      (field.maximum === undefined || value <= field.maximum);
    return ok ? undefined : 'invalid';
  }
  if (typeof value !== 'string') return 'invalid';
  const length = Array.from(value).length;
  if (field.minLength !== undefined && length < field.minLength) return 'invalid';
  if (field.maxLength !== undefined && length > field.maxLength) return 'invalid';
  if (field.enum && !field.enum.includes(value)) return 'invalid';
  if (field.pattern && !new RegExp(field.pattern, 'u').test(value)) return 'invalid';
  if (field.format === 'date') {
    const day = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : undefined;
    if (!day || Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== value) {
      return 'invalid';
    }
  }
  return undefined;
}

/** The values to send: blanks left out. */
export function filled(values: Record<string, FormValue>): Record<string, FormValue> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ''));
}
