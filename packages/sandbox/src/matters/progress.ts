// Each department's progress on its step, on the sandbox clock: accepted (受理) at submission (or
// resubmission), processing (办理中) an hour later, completed (办结) after the step's promised
// days (at least one), counted as calendar days. A step the sandbox was told to reject is
// rejected when processing would begin, and waits there for its correction.
import type { Schemas } from '@zheli/contract';

const hourMs = 60 * 60 * 1000;
const dayMs = 24 * hourMs;

/** When a step accepted at `acceptedAt` is taken up. */
const processingAfterMs = hourMs;

/** A step's stored state. */
export interface StepState {
  status: Schemas['ApplicationStepStatus'];
  acceptedAt: Date;
  completedAt: Date | null;
  promisedDays: number;
  plannedRejection: Rejection | null;
  rejection: Rejection | null;
}

export type Rejection = NonNullable<Schemas['ApplicationStep']['rejection']>;

/** When a step accepted at `acceptedAt` is done. */
function completesAt(acceptedAt: Date, promisedDays: number): Date {
  return new Date(acceptedAt.getTime() + Math.max(1, promisedDays) * dayMs);
}

/** The step's state at `now`: the same object when nothing has changed. */
export function advance(step: StepState, now: Date): StepState {
  if (step.status === 'completed' || step.status === 'rejected') return step;
  const at = now.getTime();
  const processingAt = step.acceptedAt.getTime() + processingAfterMs;
  if (at < processingAt) return step;
  if (step.plannedRejection) {
    return {
      ...step,
      status: 'rejected',
      rejection: step.plannedRejection,
      plannedRejection: null,
    };
  }
  const done = completesAt(step.acceptedAt, step.promisedDays);
  if (at >= done.getTime()) return { ...step, status: 'completed', completedAt: done };
  return step.status === 'processing' ? step : { ...step, status: 'processing' };
}

/** The application's status from its steps'. */
export function applicationStatus(
  steps: { status: Schemas['ApplicationStepStatus'] }[],
): Schemas['BundleApplication']['status'] {
  if (steps.some((s) => s.status === 'rejected')) return 'needs_correction';
  return steps.every((s) => s.status === 'completed') ? 'completed' : 'in_progress';
}
