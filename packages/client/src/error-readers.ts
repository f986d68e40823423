import type { ErrorCode } from '@zheli/contract';
import type { ZheliApiError } from './errors.js';

// By name alone, in a module of their own: the readers hold no reference to the class, so a bundle
// that uses only them (through `@zheli/client/helpers`) leaves the class and the client out.
const byName = (error: unknown): error is ZheliApiError =>
  (error as Error | undefined)?.name === 'ZheliApiError';

/**
 * The HTTP status of a `ZheliApiError` (also from another copy of this package or realm), or
 * `undefined` for any other error: what a component branches on without importing the class.
 *
 * @example
 * ```ts
 * if (errorStatus(error) === 401) showSignIn();
 * ```
 */
export const errorStatus = (error: unknown): number | undefined =>
  byName(error) ? error.status : undefined;

/**
 * The problem code of a `ZheliApiError` (`slot_full`, `already_evaluated`, …), also from another
 * copy of this package or realm; `undefined` for any other error or a body that was no problem.
 *
 * @example
 * ```ts
 * if (problemCode(error) === 'slot_full') showOtherSlots();
 * ```
 */
export const problemCode = (error: unknown): ErrorCode | (string & {}) | undefined =>
  byName(error) && typeof error.code === 'string' ? error.code : undefined;
